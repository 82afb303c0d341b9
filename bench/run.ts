// `npm run bench`: every figure of the benchmark table, each bench in its own Node process (a fresh heap and no
// leftovers from the one before), printed as one table beside its target and same-run baseline, with the machine.
//   npm run bench                      all figures; writes bench/results/latest.md
//   npm run bench -- --only log,memory  some figures (names from --list); their rows replace those of their last run
//   npm run bench -- --quick           smaller sizes, same code paths; prints only
//   npm run bench -- --list
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compareWithPrevious, describeMachine, machine, markdownTable, mergeRuns, runDates, terminalTable, withBenchTable, WORSE_BY, type Row } from './row.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

interface Bench {
  name: string;
  file: string;
  summary: string;
  /** Longest a full run may take before it is stopped and reported as not measured. */
  timeoutMinutes: number;
}

export const BENCHES: readonly Bench[] = [
  { name: 'core-scan', file: 'core-scan-decision.ts', summary: 'scan to decision recorded, core only: p50/p99 vs raw verify + insert', timeoutMinutes: 5 },
  { name: 'browser-scan', file: 'browser-scan-render.ts', summary: 'scan keystrokes to result rendered in Chromium: p95', timeoutMinutes: 6 },
  { name: 'fast-lane', file: 'core-fast-lane.ts', summary: 'people per minute through one lane; software share of each person', timeoutMinutes: 6 },
  { name: 'health-codes', file: 'health-codes-verify.ts', summary: 'verifications per second per format vs raw crypto.verify', timeoutMinutes: 3 },
  { name: 'log', file: 'log-query-scale.ts', summary: 'log filter/search: one day of 50,000; 90 days of 4.5 million', timeoutMinutes: 10 },
  { name: 'stats', file: 'log-stats-day.ts', summary: "the console's statistics over one day and a week", timeoutMinutes: 5 },
  { name: 'export', file: 'export-log-rows.ts', summary: 'export 100,000 rows to CSV and XLSX', timeoutMinutes: 5 },
  { name: 'sync', file: 'sync-backlog.ts', summary: "a week's backlog (100,000 entries) to a registry on loopback", timeoutMinutes: 8 },
  { name: 'registry', file: 'registry-ingest.ts', summary: 'registry ingest into PostgreSQL vs plain COPY', timeoutMinutes: 5 },
  { name: 'live-view', file: 'registry-live-view.ts', summary: "district staff's live view and JSON with 10,000 compounds and 30 million entries a day", timeoutMinutes: 40 },
  { name: 'memory', file: 'core-memory.ts', summary: 'kiosk memory growth over 100,000 scans', timeoutMinutes: 8 },
  { name: 'start', file: 'kiosk-start.ts', summary: '`npm start` to the kiosk answering on a warm machine vs a bare node -e HTTP server', timeoutMinutes: 5 },
  { name: 'first-paint', file: 'screen-first-paint.ts', summary: "the checkpoint page's first paint in Chromium vs a blank page; the screen's bundle gzipped", timeoutMinutes: 5 },
  { name: 'sign-in-attack', file: 'gate-under-sign-in-attack.ts', summary: 'gate call p99 while 40 peers post bad sign-ins, beside the idle p99', timeoutMinutes: 5 },
  { name: 'console-work', file: 'gate-under-console-work.ts', summary: 'gate call p99 while the console exports 100,000 rows or searches 90 days, beside the idle p99', timeoutMinutes: 10 },
];

function notMeasured(bench: Bench, why: string): Row {
  return { figure: bench.summary, value: 'n/a', target: '', compare: '', note: `not measured: ${why}` };
}

/** Runs one bench module in a child process; its rows come back through a file, its progress goes to our stderr. */
function runChild(bench: Bench, quick: boolean): Promise<Row[]> {
  const resultFile = path.join(os.tmpdir(), `gate-kiosk-bench-${process.pid}-${bench.name}.json`);
  // Database keys of the bench's kiosks: a folder of this run, outside every data folder, not the user's ~/.config.
  const keyDir = path.join(os.tmpdir(), `gate-kiosk-bench-keys-${process.pid}-${bench.name}`);
  const child = spawn(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), '--child', bench.file], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, GATE_KIOSK_KEY_DIR: keyDir, BENCH_RESULT_FILE: resultFile, ...(quick ? { BENCH_QUICK: '1', BENCH_ENTRIES: process.env.BENCH_ENTRIES ?? '10000' } : {}) },
    detached: true,
  });
  const interrupt = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {}
    process.exit(130);
  };
  process.once('SIGINT', interrupt);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      // The child's own group: the bench's PostgreSQL, Chromium or kiosk processes stop with it.
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {}
    }, bench.timeoutMinutes * 60_000 * (quick ? 0.5 : 1));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      process.off('SIGINT', interrupt);
      try {
        resolve(JSON.parse(readFileSync(resultFile, 'utf8')) as Row[]);
      } catch {
        resolve([notMeasured(bench, signal === 'SIGKILL' ? `stopped after ${bench.timeoutMinutes} min` : `the bench exited with ${code ?? signal} (see its output above)`)]);
      } finally {
        rmSync(resultFile, { force: true });
        rmSync(keyDir, { recursive: true, force: true });
      }
    });
  });
}

async function child(file: string): Promise<void> {
  const out = process.env.BENCH_RESULT_FILE!;
  try {
    const module = (await import(pathToFileURL(path.join(here, file)).href)) as { run(): Promise<Row[]> };
    writeFileSync(out, JSON.stringify(await module.run()));
  } catch (error) {
    const message = (error as Error)?.message?.split('\n')[0] ?? String(error);
    console.error(`[bench ${file}]`, error);
    writeFileSync(out, JSON.stringify([{ figure: file.replace(/\.ts$/, ''), value: 'n/a', target: '', compare: '', note: `not measured: ${message}` } satisfies Row]));
  }
  // Leftover handles (a pool, a timer) must not keep a finished bench alive.
  process.exit(0);
}

async function main(args: string[]): Promise<number> {
  if (args[0] === '--child') {
    await child(args[1]!);
    return 0;
  }
  if (args.includes('--list')) {
    for (const b of BENCHES) console.log(`${b.name.padEnd(14)} ${b.summary}  (bench/${b.file})`);
    return 0;
  }
  const quick = args.includes('--quick');
  const onlyAt = args.indexOf('--only');
  const only = onlyAt >= 0 ? (args[onlyAt + 1] ?? '').split(',').filter(Boolean) : null;
  const unknown = only?.filter((name) => !BENCHES.some((b) => b.name === name)) ?? [];
  if ((only && only.length === 0) || unknown.length) {
    console.error(`Unknown figure ${unknown.join(', ') || '(none given)'}. Run \`npm run bench -- --list\` for the names.`);
    return 2;
  }
  const chosen = BENCHES.filter((b) => !only || only.includes(b.name));
  const header = `Machine: ${describeMachine(machine())}${quick ? ' — QUICK sizes' : ''}`;
  console.log(header);
  const started = performance.now();
  const rows: Row[] = [];
  for (const bench of chosen) {
    const t = performance.now();
    console.error(`\n== ${bench.name}: ${bench.summary}`);
    const at = new Date().toISOString();
    const got = await runChild(bench, quick);
    rows.push(...got.map((r) => ({ ...r, bench: bench.name, measuredAt: at })));
    console.error(`== ${bench.name} done in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  }
  const minutes = ((performance.now() - started) / 60_000).toFixed(1);
  const results = path.join(here, 'results');
  const previousFile = path.join(results, 'latest.json');
  const compared = compareWithPrevious(rows, existsSync(previousFile) ? (JSON.parse(readFileSync(previousFile, 'utf8')) as { rows: Row[] }).rows : []);
  console.log(`\n${header}\n`);
  console.log(terminalTable(compared));
  const worse = compared.filter((r) => r.previous?.worse);
  console.log(`\n${compared.filter((r) => r.meets === false).length} of ${compared.filter((r) => r.meets !== undefined).length} figures miss their target; ${worse.length} got more than ${WORSE_BY * 100}% worse than the previous full run; ${minutes} min.`);
  if (!quick) {
    // A run of some benches (--only) keeps the other benches' rows from their own last run, dated in the header, each
    // with the figure it was compared with then.
    const saved = existsSync(previousFile) ? (JSON.parse(readFileSync(previousFile, 'utf8')) as { rows: Row[] }).rows : [];
    const merged = mergeRuns(BENCHES.map((b) => b.name), new Set(chosen.map((b) => b.name)), compared, saved);
    mkdirSync(results, { recursive: true });
    const table = markdownTable(merged, `Benchmarks (\`npm run bench\`). Machine: ${describeMachine(machine()).replace(/, \d{4}-.*$/, '')}. Rows measured on ${runDates(merged)}.`);
    writeFileSync(path.join(results, 'latest.md'), table);
    writeFileSync(previousFile, `${JSON.stringify({ header, rows: merged }, null, 1)}\n`);
    // The README's table is this output, never typed by hand.
    const readme = path.join(here, '..', 'README.md');
    writeFileSync(readme, withBenchTable(readFileSync(readme, 'utf8'), table));
    console.log(`Written to ${path.relative(process.cwd(), path.join(results, 'latest.md'))}, latest.json and the README's table`);
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
