#!/usr/bin/env bash
# Benchmark: a SIZE_MIB file (1 GiB by default) up to and down from a local Worker (`wrangler
# dev`, local R2) through the console's own transfer code, against curl moving the same bytes
# to the same Worker in the same run.
#
# 1. The file: SIZE_MIB of random bytes, made once and kept at FILE.
# 2. The console: edge-upload-bench (bench/UploadBench.cpp) runs the TransferQueue over the
#    Worker's HTTP store as the Uploads page does: a multipart upload of PART_MIB parts,
#    PARTS_IN_FLIGHT at once, the whole file's sha256 read alongside; then a download of the
#    file to disk. Each is its own process, so each peak memory is its own.
# 3. The floor: curl does the same work with the same protocol. The upload creates the
#    multipart upload, sends the same parts PARTS_IN_FLIGHT at once (one curl process,
#    --parallel; the parts are cut into files beforehand, outside the timing) and completes
#    it; the download is one GET written to disk.
# Each case runs REPEAT times, alternating console and curl; the best time of each is kept
# (the machine is shared: the best run is the least disturbed one).
#
# Prints per case: the console's throughput, curl's, the ratio (target at least 0.8) and the
# console's peak resident memory (target under 100 MiB). No pass/fail: read the numbers.
#
# Usage: bench/uploads.sh        SIZE_MIB=1024 PART_MIB=8 PARTS_IN_FLIGHT=3 REPEAT=2
#        EDGE_UPLOAD_BENCH=path/to/edge-upload-bench FILE=/var/tmp/edge-bench/upload-1g.bin
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bench=${EDGE_UPLOAD_BENCH:-$root/build/bench/edge-upload-bench}
size_mib=${SIZE_MIB:-1024}
part_mib=${PART_MIB:-8}
in_flight=${PARTS_IN_FLIGHT:-3}
repeat=${REPEAT:-2}
file=${FILE:-/var/tmp/edge-bench/upload-${size_mib}m.bin}

[ -x "$bench" ] || { echo "Build first: $bench not found (scripts/build.sh)" >&2; exit 1; }
command -v curl >/dev/null || { echo "curl is needed (apt-get install curl)" >&2; exit 1; }

# 1. The file, once.
if [ ! -f "$file" ] || [ "$(stat -c %s "$file")" -ne $((size_mib * 1024 * 1024)) ]; then
  echo "Writing $size_mib MiB of random bytes to $file (kept for later runs)..." >&2
  mkdir -p "$(dirname "$file")"
  head -c $((size_mib * 1024 * 1024)) /dev/urandom >"$file.tmp" && mv "$file.tmp" "$file"
fi
size=$(stat -c %s "$file")

dir=$(mktemp -d "${TMPDIR:-/tmp}/edge-upload-bench.XXXXXX")
worker_pid=
cleanup() {
  [ -n "$worker_pid" ] && kill -TERM -- "-$worker_pid" 2>/dev/null || true
  rm -rf "$dir"
}
trap cleanup EXIT

# The Worker, on a free loopback port with a fresh local state and one admin.
port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
api="http://127.0.0.1:$port/api/v1"
email=bench-admin@example.com
password=bench-password-$RANDOM$RANDOM
echo "Starting wrangler dev on port $port..." >&2
EDGE_ADMIN_EMAIL=$email EDGE_ADMIN_PASSWORD=$password setsid "$root/worker/scripts/serve-test.sh" "$port" "$dir/state" \
  >"$dir/worker.log" 2>&1 &
worker_pid=$!
for _ in $(seq 1 240); do
  curl -fs "$api/health" >/dev/null 2>&1 && break
  kill -0 "$worker_pid" 2>/dev/null || { tail -20 "$dir/worker.log" >&2; exit 1; }
  sleep 0.5
done
curl -fs "$api/health" >/dev/null || { echo "The Worker did not start" >&2; tail -20 "$dir/worker.log" >&2; exit 1; }

json() { node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{let v=JSON.parse(s);for(const k of process.argv[1].split("."))v=v[k];console.log(v)})' "$1"; }
token=$(curl -fs -X POST "$api/auth/login" -H 'content-type: application/json' \
  -d "{\"email\":\"$email\",\"password\":\"$password\"}" | json data.token)
auth=(-H "Authorization: Bearer $token")

# curl's multipart upload: create, the parts PARTS_IN_FLIGHT at once, complete.
split -b "${part_mib}M" -d -a 5 "$file" "$dir/part."
curl_upload() {
  local key=$1 upload_id config="$dir/parts.curl" n=0 parts=""
  upload_id=$(curl -fs "${auth[@]}" -X POST "$api/uploads/multipart" -H 'content-type: application/json' \
    -d "{\"key\":\"$key\",\"partSize\":$((part_mib * 1024 * 1024))}" | json data.uploadId)
  : >"$config"
  for part in "$dir"/part.*; do
    n=$((n + 1))
    printf 'next\nurl = "%s/uploads/multipart/%s/parts/%d"\nupload-file = "%s"\noutput = "%s/etag.%d"\nrequest = "PUT"\nheader = "Authorization: Bearer %s"\nfail\nsilent\n' \
      "$api" "$upload_id" "$n" "$part" "$dir" "$n" "$token" >>"$config"
  done
  curl --silent --parallel --parallel-max "$in_flight" -K "$config" 2>"$dir/curl.err" || { cat "$dir/curl.err" >&2; return 1; }
  for i in $(seq 1 "$n"); do
    parts+="${parts:+,}{\"partNumber\":$i,\"etag\":\"$(json data.etag <"$dir/etag.$i")\"}"
  done
  curl -fs "${auth[@]}" -X POST "$api/uploads/multipart/$upload_id/complete" -H 'content-type: application/json' \
    -d "{\"parts\":[$parts]}" >/dev/null
}

now() { date +%s.%N; }
best() { awk -v a="$1" -v b="$2" 'BEGIN { print (a == "" || b < a) ? b : a }'; }
mibps() { awk -v s="$1" -v t="$2" 'BEGIN { printf "%.1f", s / 1048576 / t }'; }
console_up="" console_down="" curl_up="" curl_down="" peak_up=0 peak_down=0
for round in $(seq 1 "$repeat"); do
  echo "Round $round of $repeat..." >&2
  "$bench" upload "$api" "$token" "$file" "bench/console-$round.bin" >"$dir/up.txt"
  console_up=$(best "$console_up" "$(awk '$1 == "seconds" { print $2 }' "$dir/up.txt")")
  peak_up=$(awk -v p="$peak_up" '$1 == "peak_rss_kib" { print ($2 > p) ? $2 : p }' "$dir/up.txt")

  start=$(now); curl_upload "bench/curl-$round.bin"; end=$(now)
  curl_up=$(best "$curl_up" "$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')")

  rm -f "$dir/down.bin"
  "$bench" download "$api" "$token" "bench/console-$round.bin" "$dir/down.bin" >"$dir/down.txt"
  console_down=$(best "$console_down" "$(awk '$1 == "seconds" { print $2 }' "$dir/down.txt")")
  peak_down=$(awk -v p="$peak_down" '$1 == "peak_rss_kib" { print ($2 > p) ? $2 : p }' "$dir/down.txt")
  cmp -s "$file" "$dir/down.bin" || { echo "The console's download differs from the file" >&2; exit 1; }
  rm -f "$dir/down.bin"

  start=$(now); curl -fs "${auth[@]}" -o "$dir/down.bin" "$api/uploads/bench%2Fcurl-$round.bin"; end=$(now)
  curl_down=$(best "$curl_down" "$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')")
  rm -f "$dir/down.bin"
done

printf '%-10s %14s %14s %7s %8s %16s %10s\n' case console_MiB/s curl_MiB/s ratio target console_peak_MiB target
for c in up down; do
  if [ "$c" = up ]; then t_console=$console_up t_curl=$curl_up peak=$peak_up; name=upload
  else t_console=$console_down t_curl=$curl_down peak=$peak_down; name=download; fi
  printf '%-10s %14s %14s %7s %8s %16s %10s\n' "$name" "$(mibps "$size" "$t_console")" "$(mibps "$size" "$t_curl")" \
    "$(awk -v a="$t_curl" -v b="$t_console" 'BEGIN { printf "%.2f", a / b }')" ">=0.80" \
    "$(awk -v k="$peak" 'BEGIN { printf "%.1f", k / 1024 }')" "<100"
done
echo "($size_mib MiB, $part_mib MiB parts, $in_flight in flight, best of $repeat; $(nproc) cores)"
