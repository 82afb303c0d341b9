// The gate's side of the console worker (worker.ts): tasks go to a thread with its own read connection, answers and
// progress come back. Two threads, started on first use: one for exports (seconds each), one for pages and
// statistics, so a long export never holds up the next page. A thread idle for a minute ends (each is a whole V8
// isolate with its own page cache, tens of MB the gate has no use for) and the next task starts it again. A thread
// that dies fails its tasks with a clear error and is started again for the next one.
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

interface Thread {
  worker: Worker;
  pending: Map<number, Pending>;
  /** Set while nothing is pending: ends the thread when it fires. */
  idle?: NodeJS.Timeout;
}

type Lane = 'long' | 'short';
/** How long a thread with nothing to do is kept, so a manager paging through the log does not wait for a start. */
export const IDLE_EXIT_MS = 60_000;
const LANE: Record<ConsoleTask, Lane> = { export: 'long', table: 'long', 'log.query': 'short', stats: 'short' };

function errorFrom(failure: FromWorkerFailure): Error {
  if (failure.api) return GateError.from(failure.api);
  // SQLite's codes travel along, so a damaged page is still reported as damage by the dispatcher.
  return Object.assign(new Error(failure.message), { code: failure.code ?? undefined });
}

export interface ConsoleWorkers {
  run<T extends ConsoleTask>(task: T, input: ConsoleTasks[T]['input'], progress?: (done: number, total: number | null) => void): Promise<ConsoleTasks[T]['output']>;
  /** How many threads are running now (none while the console is idle). */
  running(): number;
  close(): Promise<void>;
}

export function createConsoleWorkers(store: { file: string; key: Buffer }, log: (message: string, error?: unknown) => void = () => {}, options: { idleExitMs?: number } = {}): ConsoleWorkers {
  const idleExitMs = options.idleExitMs ?? IDLE_EXIT_MS;
  const setup: WorkerSetup = { file: store.file, keyHex: store.key.toString('hex') };
  const threads = new Map<Lane, Thread>();
  let nextId = 1;
  let closed = false;

  function thread(lane: Lane) {
    const existing = threads.get(lane);
    if (existing) return existing;
    const worker = new Worker(workerFile(), { workerData: setup });
    const pending = new Map<number, Pending>();
    const entry: Thread = { worker, pending };
    threads.set(lane, entry);
    worker.unref();
    worker.on('message', (message: FromWorker) => {
      const waiting = pending.get(message.id);
      if (!waiting) return;
      if (message.kind === 'progress') return waiting.progress?.(message.done, message.total);
      pending.delete(message.id);
      if (pending.size === 0) {
        worker.unref();
        // Out of the map first: a task that comes after this starts a new thread, never one that is ending.
        entry.idle = setTimeout(() => {
          if (threads.get(lane) === entry) threads.delete(lane);
          void worker.terminate();
        }, idleExitMs);
        entry.idle.unref();
      }
      if (message.kind === 'done') waiting.resolve(message.output);
      else waiting.reject(errorFrom(message.error));
    });
    const fail = (error: Error) => {
      clearTimeout(entry.idle);
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
      const entry = thread(LANE[task]);
      clearTimeout(entry.idle);
      const { worker, pending } = entry;
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (output: unknown) => void, reject, ...(progress ? { progress } : {}) });
        // Referenced while it works, so a CLI export is not cut short; idle threads never keep the process alive.
        worker.ref();
        worker.postMessage({ id, task, input } satisfies ToWorker);
      });
    },
    running: () => threads.size,
    async close() {
      closed = true;
      const all = [...threads.values()];
      for (const { idle } of all) clearTimeout(idle);
      threads.clear();
      await Promise.all(all.map(({ worker }) => worker.terminate()));
    },
  };
}
