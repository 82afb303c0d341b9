// Where a process's RSS is, from /proc/self/smaps (Linux): V8's heap (and its young generation), native memory
// (malloc: SQLite's page cache and statements, the cipher, OpenSSL, each thread's arena), and mapped code files
// (the node binary's pages that were touched, native addons). Plain JavaScript inside, no annotations: the bench
// runs the same function's text in a bare `node -e` for the same-run baseline.
export function memoryBreakdown() {
  const fs = process.getBuiltinModule('node:fs');
  const v8 = process.getBuiltinModule('node:v8');
  const mb = (kb = 0) => Math.round(kb / 102.4) / 10;
  let anonKb = 0;
  let filesKb = 0;
  let file = false;
  for (const line of fs.readFileSync('/proc/self/smaps', 'utf8').split('\n')) {
    const head = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ (\d+)\s*(.*)$/.exec(line);
    if (head) {
      const name = head[2] ?? '';
      // A file's pages, except shared memory (the WAL index in /dev/shm is SQLite's memory, not code).
      file = head[1] !== '0' && name.startsWith('/') && !name.startsWith('/dev/shm/');
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss) file ? (filesKb += Number(rss[1])) : (anonKb += Number(rss[1]));
  }
  const spaces = v8.getHeapSpaceStatistics();
  const v8Kb = spaces.reduce((sum, s) => sum + s.physical_space_size, 0) / 1024;
  const youngKb = spaces.filter((s) => s.space_name === 'new_space').reduce((sum, s) => sum + s.physical_space_size, 0) / 1024;
  return { v8Mb: mb(v8Kb), youngMb: mb(youngKb), nativeMb: mb(anonKb - v8Kb), codeFilesMb: mb(filesKb), threads: fs.readdirSync('/proc/self/task').length };
}
export type MemoryBreakdown = ReturnType<typeof memoryBreakdown>;
