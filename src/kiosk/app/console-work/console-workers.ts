// The gate's side of the console worker (worker.ts): tasks go to a thread with its own read connection, answers and
// progress come back. Two threads, started on first use: one for exports (seconds each), one for pages and
// statistics, so a long export never holds up the next page. A thread that dies fails its tasks with a clear error
// and is started again for the next one.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { GateError } from '../../../common/contract/errors.ts';
import type { ConsoleTask, ConsoleTasks, FromWorker, ToWorker, WorkerSetup } from './tasks.ts';

type FromWorkerFailure = Extract<FromWorker, { kind: 'failed' }>['error'];

/** The worker's file: beside this one in the source tree; beside main.js in Electron's bundle (build/bundle-electron.ts;
 * Electron reads worker files inside the asar since version 17). */
export function workerFile(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const bundled = path.join(here, 'console-worker.js');
  return existsSync(bundled) ? bundled : path.join(here, 'worker.ts');
}

interface Pending {
  resolve: (output: unknown) => void;
  reject: (error: Error) => void;
  progress?: (done: number, total: number | null) => void;
}

type Lane = 'long' | 'short';
const LANE: Record<ConsoleTask, Lane> = { export: 'long', table: 'long', 'log.query': 'short', stats: 'short' };

function errorFrom(failure: FromWorkerFailure): Error {
  if (failure.api) return GateError.from(failure.api);
  // SQLite's codes travel along, so a damaged page is still reported as damage by the dispatcher.
  return Object.assign(new Error(failure.message), { code: failure.code ?? undefined });
}

export interface ConsoleWorkers {
  run<T extends ConsoleTask>(task: T, input: ConsoleTasks[T]['input'], progress?: (done: number, total: number | null) => void): Promise<ConsoleTasks[T]['output']>;
  close(): Promise<void>;
}

export function createConsoleWorkers(store: { file: string; key: Buffer }, log: (message: string, error?: unknown) => void = () => {}): ConsoleWorkers {
  const setup: WorkerSetup = { file: store.file, keyHex: store.key.toString('hex') };
  const threads = new Map<Lane, { worker: Worker; pending: Map<number, Pending> }>();
  let nextId = 1;
  let closed = false;

  function thread(lane: Lane) {
    const existing = threads.get(lane);
    if (existing) return existing;
    const worker = new Worker(workerFile(), { workerData: setup });
    const pending = new Map<number, Pending>();
    const entry = { worker, pending };
    threads.set(lane, entry);
    worker.unref();
    worker.on('message', (message: FromWorker) => {
      const waiting = pending.get(message.id);
      if (!waiting) return;
      if (message.kind === 'progress') return waiting.progress?.(message.done, message.total);
      pending.delete(message.id);
      if (pending.size === 0) worker.unref();
      if (message.kind === 'done') waiting.resolve(message.output);
      else waiting.reject(errorFrom(message.error));
    });
    const fail = (error: Error) => {
      if (threads.get(lane) === entry) threads.delete(lane);
      for (const waiting of pending.values()) waiting.reject(error);
      pending.clear();
    };
    worker.on('error', (error) => {
      log(`the console worker (${lane}) failed`, error);
      fail(new GateError('internal', `The console's background reader stopped (${error.message}). Try again; the gate is not affected.`, { key: 'console-worker-stopped' }));
    });
    worker.on('exit', (code) => fail(new GateError('internal', `The console's background reader stopped (exit ${code}). Try again; the gate is not affected.`, { key: 'console-worker-stopped' })));
    return entry;
  }

  return {
    run(task, input, progress) {
      if (closed) return Promise.reject(new GateError('unavailable', 'The kiosk is stopping.', { key: 'kiosk-stopping' }));
      const { worker, pending } = thread(LANE[task]);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (output: unknown) => void, reject, ...(progress ? { progress } : {}) });
        // Referenced while it works, so a CLI export is not cut short; idle threads never keep the process alive.
        worker.ref();
        worker.postMessage({ id, task, input } satisfies ToWorker);
      });
    },
    async close() {
      closed = true;
      const all = [...threads.values()];
      threads.clear();
      await Promise.all(all.map(({ worker }) => worker.terminate()));
    },
  };
}
