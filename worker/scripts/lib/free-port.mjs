// Prints a free TCP port on 127.0.0.1 (asks the kernel for one, then releases it).
import { createServer } from 'node:net'
const s = createServer()
s.listen(0, '127.0.0.1', () => {
  process.stdout.write(String(s.address().port))
  s.close()
})
