// `npm start` to the kiosk answering, on a warm machine: the browser host started as a person starts it (npm start,
// with --browser where Electron is installed), timed from the spawn until the page and one call have answered over
// HTTP. Read beside a bare `node -e` HTTP server timed the same way in the same run (what any Node program costs to
// start), and `gate-kiosk serve` without npm (what npm itself adds). The first start of each is not counted: it
// creates the database and fills the file cache (a warm machine).
// Run alone: node bench/kiosk-start.ts
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { cli, repoRoot } from '../test/support/kiosk.ts';
import { benchKioskData } from './support/kiosk-data.ts';
import { percentile, quick, round, size } from './support/measure.ts';
import type { Row } from './row.ts';

const RUNS = size(5, 2);
const READY = /Kiosk ready at (http:\/\/\S+)/;

/** Spawns the command in its own process group, waits for the ready line, then for the page (and, for the kiosk, a
 * call) to answer; stops the whole group. Answers the milliseconds from the spawn to the answer. */
async function timeToAnswer(command: string, args: string[], call: boolean): Promise<number> {
  const started = performance.now();
  const child = spawn(command, args, { cwd: repoRoot, env: process.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${command} ${args.join(' ')} did not start in 60 s:\n${output}`)), 60_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const match = READY.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('exit', (code) => (clearTimeout(timer), reject(new Error(`${command} exited with ${code}:\n${output}`))));
    });
    const page = await fetch(url);
    if (page.status !== 200) throw new Error(`${url} answered ${page.status}`);
    await page.arrayBuffer();
    if (call) {
      const answer = await fetch(`${url}api/invoke/gate.status`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      const body = (await answer.json()) as { ok: boolean };
      if (!body.ok) throw new Error(`gate.status answered ${JSON.stringify(body)}`);
    }
    return performance.now() - started;
  } finally {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {}
    await exited;
  }
}

async function series(command: string, args: string[], call: boolean): Promise<number[]> {
  await timeToAnswer(command, args, call); // the first start: not counted
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(await timeToAnswer(command, args, call));
  return times;
}

const BARE_SERVER = `require('node:http').createServer((q, s) => s.end('ok')).listen(0, '127.0.0.1', function () { console.log('Kiosk ready at http://127.0.0.1:' + this.address().port + '/'); });`;

export async function run(): Promise<Row[]> {
  if (!existsSync(path.join(repoRoot, 'dist', 'renderer', 'index.html'))) throw new Error('build the screen first: npm run build:renderer');
  const data = benchKioskData();
  try {
    // npm as the person runs it: the npm of `npm run bench` when there is one, else the one on the PATH.
    const npmCli = process.env.npm_execpath;
    const npm = npmCli ? { command: process.execPath, args: [npmCli] } : { command: 'npm', args: [] };
    const kioskArgs = ['--browser', '--port', '0', '--data', data.dataDir];
    const viaNpm = await series(npm.command, [...npm.args, 'start', '--silent', '--', ...kioskArgs], true);
    const direct = await series(process.execPath, [cli, 'serve', '--port', '0', '--data', data.dataDir], true);
    const bare = await series(process.execPath, ['-e', BARE_SERVER], false);
    const median = (times: number[]) => percentile(times, 50) / 1000;
    const value = median(viaNpm);
    const spread = (times: number[]) => `${round(Math.min(...times) / 1000, 2)}–${round(Math.max(...times) / 1000, 2)} s`;
    return [
      {
        figure: '`npm start` to the kiosk answering (browser host: the page and a call), warm machine: median',
        value: round(value, 2),
        unit: 's',
        target: '< 3 s',
        compare: `bare \`node -e\` HTTP server ${round(median(bare), 2)} s; \`gate-kiosk serve\` without npm ${round(median(direct), 2)} s`,
        meets: value < 3,
        note: `${RUNS} starts each after one uncounted${quick ? ' (quick)' : ''}; npm start ${spread(viaNpm)}, without npm ${spread(direct)}, bare node ${spread(bare)}; the kiosk's own part is Node stripping the types of its TypeScript files and opening the encrypted database`,
      },
    ];
  } finally {
    data.remove();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const row of await run()) console.log(`${row.figure}: ${row.value} ${row.unit ?? ''} (target ${row.target}; ${row.compare})${row.note ? ` — ${row.note}` : ''}`);
}
