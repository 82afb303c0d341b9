// The console's worker threads end when idle (each is a whole V8 isolate with its own page cache) and start again
// for the next task, which is answered as before.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createConsoleWorkers, type ConsoleWorkers } from '../../../../src/kiosk/app/console-work/console-workers.ts';
import { openDatabase } from '../../../../src/kiosk/platform/store/open-store.ts';
import { tempDir } from '../../../support/temp-dir.ts';

const csv = (text: string) => ({ format: 'csv' as const, base64: Buffer.from(text, 'utf8').toString('base64') });
const until = async (done: () => boolean, ms = 5000) => {
  for (const started = Date.now(); !done(); ) {
    if (Date.now() - started > ms) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

let workers: ConsoleWorkers | undefined;
let temp: ReturnType<typeof tempDir> | undefined;
afterEach(async () => {
  await workers?.close();
  temp?.remove();
});

function start(idleExitMs: number): ConsoleWorkers {
  temp = tempDir('gate-console-idle-');
  const key = randomBytes(32);
  const file = path.join(temp.dir, 'gate-kiosk.sqlite');
  openDatabase(file, undefined, key).close();
  return (workers = createConsoleWorkers({ file, key }, () => {}, { idleExitMs }));
}

describe('console worker threads', () => {
  it('start on the first task, end when idle, and start again for the next task', async () => {
    const w = start(50);
    expect(w.running()).toBe(0);
    const first = await w.run('table', csv('name\n王伟\n'));
    expect(first.rows).toHaveLength(1);
    expect(w.running()).toBe(1);
    await until(() => w.running() === 0);
    const again = await w.run('table', csv('name\n李娜\n张敏\n'));
    expect(again.rows).toHaveLength(2);
  }, 20_000);

  it('stay while tasks keep coming within the idle time', async () => {
    const w = start(60_000);
    await w.run('table', csv('name\n王伟\n'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(w.running()).toBe(1);
    await w.run('table', csv('name\n李娜\n'));
    expect(w.running()).toBe(1);
  }, 20_000);
});
