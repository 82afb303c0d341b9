// Kiosk memory after 100,000 scans: the real core in a child process (node --expose-gc), warmed up, then 100,000
// verify + match + record cycles; growth of RSS and heap after a full GC, against memory after the warm-up.
// Run alone: node bench/core-memory.ts
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { quick, round, size } from './support/measure.ts';
import type { Row } from './row.ts';

const SCANS = size(100_000, 10_000);
const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'support', 'core-memory-child.ts');

interface Sample { rssMb: number; heapMb: number; externalMb: number }

/** Bare Node's RSS in this run, measured as the kiosk's is: the same binary and flags, after three full GCs. */
const BARE = `for (let i = 0; i < 3; i++) gc(); process.stdout.write(String(process.memoryUsage().rss / 2 ** 20));`;
async function bareNodeRssMb(): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 3; i++) {
    const out = await new Promise<string>((resolve, reject) => execFile(process.execPath, ['--expose-gc', '-e', BARE], (error, stdout) => (error ? reject(error) : resolve(stdout))));
    samples.push(Number(out));
  }
  return Math.min(...samples);
}

export async function run(): Promise<Row[]> {
  const running = execFile(process.execPath, ['--expose-gc', child, String(SCANS), '3000'], { maxBuffer: 1 << 20, timeout: 20 * 60_000 });
  running.stderr!.pipe(process.stderr);
  const stdout = await new Promise<string>((resolve, reject) => {
    let out = '';
    running.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    running.once('error', reject);
    running.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`the memory child exited with ${code}`))));
  });
  const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as { afterWarmup: Sample; end: Sample; trace: number[]; pace: number[]; seconds: number; rows: number; matched: boolean };
  const bare = await bareNodeRssMb();
  const above = result.end.rssMb - bare;
  const growth = result.end.rssMb - result.afterWarmup.rssMb;
  const heapGrowth = result.end.heapMb - result.afterWarmup.heapMb;
  return [
    {
      figure: `kiosk RSS after ${SCANS.toLocaleString('en-US')} scans (verify${result.matched ? ', match' : ''}, record), after GC, above bare Node`,
      value: round(above, 1),
      unit: 'MB',
      target: '≤ 150 MB above bare Node',
      compare: `kiosk RSS ${round(result.end.rssMb, 1)} MB (heap ${round(result.end.heapMb, 1)} MB, buffers and native ${round(result.end.externalMb, 1)} MB) vs bare \`node --expose-gc\` ${round(bare, 1)} MB in the same run`,
      meets: above <= 150,
      note: 'the rest of RSS is the loaded code (zod schemas, the contract, the drivers), SQLite with SQLite3 Multiple Ciphers and its 8 MiB page cache, and V8\'s own reserve',
    },
    {
      figure: `kiosk memory growth after ${SCANS.toLocaleString('en-US')} scans (verify${result.matched ? ', match' : ''}, record), RSS after GC`,
      value: round(growth, 1),
      unit: 'MB',
      target: 'growth < 20 MB',
      compare: `after warm-up RSS ${round(result.afterWarmup.rssMb, 1)} MB, heap ${round(result.afterWarmup.heapMb, 1)} MB; at the end heap ${round(result.end.heapMb, 1)} MB (${heapGrowth >= 0 ? '+' : ''}${round(heapGrowth, 1)} MB)`,
      meets: growth < 20,
      note: `RSS every ${SCANS / 10} scans: ${result.trace.join(', ')} MB; ${result.rows} rows in ${round(result.seconds, 0)} s (ms per scan: ${result.pace[0]} first tenth, ${result.pace.at(-1)} last); data folder in /dev/shm (memory, not fsync, is measured); outbox acknowledged every 1,000 scans as an online registry would${quick ? '; quick' : ''}${growth >= 20 ? '; growth is SQLite\'s page cache and WAL index filling, or a leak: compare the heap column' : ''}`,
    },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const row of await run()) console.log(`${row.figure}: ${row.value} ${row.unit ?? ''} (target ${row.target}; ${row.compare})${row.note ? ` — ${row.note}` : ''}`);
}
