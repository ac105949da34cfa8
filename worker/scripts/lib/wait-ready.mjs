// Waits until GET <url>/api/v1/health answers 200: node wait-ready.mjs URL TIMEOUT_S PID
const [url, timeout = '90', pid] = process.argv.slice(2)
const deadline = Date.now() + Number(timeout) * 1000
while (Date.now() < deadline) {
  try {
    const r = await fetch(`${url}/api/v1/health`)
    if (r.status === 200) process.exit(0)
  } catch { /* not listening yet */ }
  if (pid) {
    try { process.kill(Number(pid), 0) } catch { console.error('server exited early'); process.exit(1) }
  }
  await new Promise((r) => setTimeout(r, 300))
}
console.error(`no healthy server at ${url} after ${timeout} s`)
process.exit(1)
