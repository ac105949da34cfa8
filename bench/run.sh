#!/usr/bin/env bash
# Every benchmark, one after the other, each printing its cases as figure, floor, ratio and
# target (see BENCHMARKS.md for what each measures and the latest figures). Data is generated
# once by each script and kept between runs. Nothing here is part of the test suite, and
# nothing passes or fails on a time: read the numbers.
#
# Usage: bench/run.sh [lists] [users-list] [gui] [remote] [generate] [progress] [uploads]
#        Default: lists (which runs users-list too), gui and remote when their scripts exist,
#        generate, progress, uploads, in that order.
#        Builds first with scripts/build.sh unless EDGE_BENCH_NO_BUILD=1. The scripts' own
#        variables (STORE, SCREENS, SIZE_MIB, REPEAT, ...) pass through.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cases=("$@")
if [ ${#cases[@]} -eq 0 ]; then
  cases=(lists)
  for optional in gui remote; do # written alongside; run once they exist
    [ -x "$root/bench/$optional.sh" ] && cases+=("$optional")
  done
  cases+=(generate progress uploads)
fi

if [ "${EDGE_BENCH_NO_BUILD:-0}" != 1 ]; then
  "$root/scripts/build.sh" >&2
fi

for name in "${cases[@]}"; do
  script="$root/bench/$name.sh"
  [ -x "$script" ] || { echo "No benchmark named $name (bench/*.sh)" >&2; exit 2; }
  echo "== $name ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
  "$script" || echo "($name stopped with status $?)"
  echo
done
