// The console's long reads, as messages between the gate's thread and the console worker: what each task takes and
// answers. Plain data only (structured clone).
import type { ExportFormat, LogFilter, LogStats } from '../../../common/contract/console.ts';
import type { ExportLanguage, Watermark } from '../../features/export/log-export.ts';
import type { LogPage } from '../../features/log/log-queries.ts';
import type { Table } from '../../features/roster/table-file.ts';
import type { ApiError } from '../../../common/contract/errors.ts';

export interface ConsoleTasks {
  'log.query': { input: { filter: LogFilter; offset: number; limit: number; feverLineC: number }; output: LogPage };
  stats: { input: { filter: LogFilter; timeZone: string; feverLineC: number }; output: LogStats };
  /** An uploaded roster file read into rows (exceljs parsing a 10,000-row XLSX takes a while). */
  table: { input: { format: 'csv' | 'xlsx'; base64: string }; output: Table };
  export: {
    input: { filter: LogFilter; format: ExportFormat; language: ExportLanguage; timeZone: string; feverLineC: number; mark: Watermark };
    output: { base64: string; bytes: number; rows: number };
  };
}
export type ConsoleTask = keyof ConsoleTasks;

export type ToWorker = { id: number; task: ConsoleTask; input: unknown };
export type FromWorker =
  | { id: number; kind: 'progress'; done: number; total: number | null }
  | { id: number; kind: 'done'; output: unknown }
  | { id: number; kind: 'failed'; error: { name: string; code: string | null; message: string; api?: ApiError } };

export interface WorkerSetup {
  file: string;
  keyHex: string;
}
