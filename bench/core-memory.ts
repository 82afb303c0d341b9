// Kiosk memory after 100,000 scans: the real core in a child process (node --expose-gc), warmed up, then 100,000
// verify + match + record cycles; growth of RSS and heap after a full GC, against memory after the warm-up.
// Run alone: node bench/core-memory.ts
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { quick, round, size } from './support/measure.ts';
import { memoryBreakdown, type MemoryBreakdown } from './support/memory-breakdown.ts';
import type { Row } from './row.ts';

const SCANS = size(100_000, 10_000);
const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'support', 'core-memory-child.ts');

interface Sample { rssMb: number; heapMb: number; externalMb: number }

/** Bare Node's RSS in this run, measured as the kiosk's is: the same binary and flags, after three full GCs; with
 * the same breakdown of it (the function's own text, plain JavaScript). */
const BARE = `for (let i = 0; i < 3; i++) gc(); process.stdout.write(JSON.stringify({ rssMb: process.memoryUsage().rss / 2 ** 20, breakdown: (${memoryBreakdown.toString()})() }));`;
async function bareNode(): Promise<{ rssMb: number; breakdown: MemoryBreakdown }> {
  const samples: { rssMb: number; breakdown: MemoryBreakdown }[] = [];
  for (let i = 0; i < 3; i++) {
    const out = await new Promise<string>((resolve, reject) => execFile(process.execPath, ['--expose-gc', '-e', BARE], (error, stdout) => (error ? reject(error) : resolve(stdout))));
    samples.push(JSON.parse(out) as { rssMb: number; breakdown: MemoryBreakdown });
  }
  return samples.reduce((least, s) => (s.rssMb < least.rssMb ? s : least));
}

/** Where the kiosk's RSS above bare Node is, part by part (each the kiosk's less bare Node's). */
function whereItGoes(kiosk: MemoryBreakdown, bare: MemoryBreakdown): string {
  const above = (key: 'v8Mb' | 'nativeMb' | 'codeFilesMb') => round(kiosk[key] - bare[key], 1);
  return (
    `above bare Node: V8's heap +${above('v8Mb')} MB (${kiosk.v8Mb} MB, its young generation ${kiosk.youngMb} MB: the code, zod schemas and the contract loaded, and the live data), ` +
    `native memory +${above('nativeMb')} MB (malloc: SQLite's 8 MiB page cache and statements, the cipher, OpenSSL, each thread's arena), ` +
    `mapped code +${above('codeFilesMb')} MB (more of the node binary's pages touched, better-sqlite3-multiple-ciphers, serialport, node-hid); ` +
    `${kiosk.threads} threads vs ${bare.threads} (libuv's 4 pool threads; no console worker runs while the console is idle); ` +
    `about 15 MB of all this is Node's TypeScript stripper, as the kiosk runs its .ts files as they are (bare Node with one .ts file imported is that much bigger)`
  );
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
  const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as { afterWarmup: Sample; end: Sample; breakdown: MemoryBreakdown; trace: number[]; pace: number[]; seconds: number; rows: number; matched: boolean };
  const { rssMb: bare, breakdown: bareBreakdown } = await bareNode();
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
      note:
        `${whereItGoes(result.breakdown, bareBreakdown)}. Before (166 MB above): V8's young generation grown to 32 MB and kept, now held at 2 MB by the kiosk's V8 settings ` +
        `(src/kiosk/app/v8-settings.ts, made by start, serve and Electron's main before the kiosk loads); about 38 MB of C heap left by statements prepared anew for every roster row written, now prepared once`,
    },
    {
      figure: `kiosk memory growth after ${SCANS.toLocaleString('en-US')} scans (verify${result.matched ? ', match' : ''}, record), RSS after GC`,
      value: round(growth, 1),
      unit: 'MB',
      target: 'growth < 20 MB',
      compare: `after warm-up RSS ${round(result.afterWarmup.rssMb, 1)} MB, heap ${round(result.afterWarmup.heapMb, 1)} MB; at the end heap ${round(result.end.heapMb, 1)} MB (${heapGrowth >= 0 ? '+' : ''}${round(heapGrowth, 1)} MB)`,
      meets: growth < 20,
      note: `RSS every ${SCANS / 10} scans: ${result.trace.join(', ')} MB; ${result.rows} rows in ${round(result.seconds, 0)} s (ms per scan: ${result.pace[0]} first tenth, ${result.pace.at(-1)} last); data folder in /dev/shm (memory, not fsync, is measured); outbox acknowledged every 1,000 scans as an online registry would; most of the growth is SQLite's page cache filling toward its 8 MiB as the log grows (with a 2 MiB cache the C heap stayed flat)${quick ? '; quick' : ''}${growth >= 20 ? '; growth is SQLite\'s page cache and WAL index filling, or a leak: compare the heap column' : ''}`,
    },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const row of await run()) console.log(`${row.figure}: ${row.value} ${row.unit ?? ''} (target ${row.target}; ${row.compare})${row.note ? ` — ${row.note}` : ''}`);
}
