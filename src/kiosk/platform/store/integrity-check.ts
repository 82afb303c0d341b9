// The full integrity check reads every page of the database: seconds on a large log. It runs in a worker thread on
// its own read-only connection (WAL readers never block the gate's writer), so a person at the gate never waits on it.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { keyPragmas } from './at-rest/cipher.ts';

const driverPath = createRequire(import.meta.url).resolve('better-sqlite3-multiple-ciphers');

// Plain JavaScript, evaluated as the worker: no file to bundle beside the Electron main process.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driverPath);
let db;
try {
  db = new Database(workerData.file, { readonly: true, fileMustExist: true });
  for (const pragma of workerData.keyPragmas) db.pragma(pragma);
  const rows = db.pragma('integrity_check(20)');
  parentPort.postMessage({ ok: true, messages: rows.map((r) => r.integrity_check) });
} catch (error) {
  parentPort.postMessage({ ok: false, code: error.code || null, message: String(error.message || error) });
} finally {
  if (db) db.close();
}
`;

export interface IntegrityResult {
  ok: boolean;
  /** 'ok', or what SQLite found (at most 20 lines). */
  messages: string[];
}

export function runIntegrityCheck(file: string, key: Buffer): Promise<IntegrityResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driverPath, file, keyPragmas: keyPragmas(key) } });
    worker.once('message', (answer: { ok: true; messages: string[] } | { ok: false; code: string | null; message: string }) => {
      if (answer.ok) resolve({ ok: answer.messages.length === 1 && answer.messages[0] === 'ok', messages: answer.messages });
      else if (answer.code && (answer.code.startsWith('SQLITE_CORRUPT') || answer.code === 'SQLITE_NOTADB')) resolve({ ok: false, messages: [answer.message] });
      else reject(Object.assign(new Error(`the integrity check could not run: ${answer.message}`), { code: answer.code }));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`the integrity check worker stopped with ${code}`)));
  });
}
