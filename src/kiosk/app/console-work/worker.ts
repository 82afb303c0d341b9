// The console worker: a thread with its own read-only connection to the encrypted database, where the console's long
// reads run (log pages, statistics, exports). SQLite in WAL mode lets it read while the gate's thread writes, and
// its CPU time and garbage never pause the gate. Started by console-workers.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { GateError } from '../../../common/contract/errors.ts';
import { exportLog } from '../../features/export/log-export.ts';
import { createLogQueries } from '../../features/log/log-queries.ts';
import { computeStats } from '../../features/stats/log-stats.ts';
import { readTable } from '../../features/roster/table-file.ts';
import { openConsoleReader } from './reader-connection.ts';
import type { ConsoleTasks, FromWorker, ToWorker, WorkerSetup } from './tasks.ts';

const setup = workerData as WorkerSetup;
const db = openConsoleReader(setup.file, Buffer.from(setup.keyHex, 'hex'));
let feverLineC = 37.3;
const queries = createLogQueries(db, () => feverLineC);

type Run<T extends keyof ConsoleTasks> = (input: ConsoleTasks[T]['input'], progress: (done: number, total: number | null) => void) => ConsoleTasks[T]['output'] | Promise<ConsoleTasks[T]['output']>;
const tasks: { [T in keyof ConsoleTasks]: Run<T> } = {
  'log.query': (input) => {
    feverLineC = input.feverLineC;
    return queries.query(input.filter, input.offset, input.limit);
  },
  stats: (input) => computeStats(db, input.filter, { timeZone: input.timeZone, feverLineC: input.feverLineC }),
  table: (input) => readTable(input.format, Buffer.from(input.base64, 'base64')),
  export: (input, progress) => {
    feverLineC = input.feverLineC;
    const { buffer, rows } = exportLog(queries, input.filter, input.format, { language: input.language, timeZone: input.timeZone, mark: input.mark, onProgress: progress });
    return { base64: buffer.toString('base64'), bytes: buffer.length, rows };
  },
};

parentPort!.on('message', async (message: ToWorker) => {
  const post = (reply: FromWorker) => parentPort!.postMessage(reply);
  try {
    const run = tasks[message.task] as Run<keyof ConsoleTasks>;
    const output = await run(message.input as never, (done, total) => post({ id: message.id, kind: 'progress', done, total }));
    post({ id: message.id, kind: 'done', output });
  } catch (error) {
    const e = error as Error & { code?: unknown };
    post({ id: message.id, kind: 'failed', error: { name: e.name, code: typeof e.code === 'string' ? e.code : null, message: String(e.message ?? error), ...(error instanceof GateError ? { api: error.toApiError() } : {}) } });
  }
});
