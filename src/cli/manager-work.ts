// `gate-kiosk export | import | purge`: a manager's long work from the command line on the kiosk PC, each with its
// progress on stderr. The export is written in the console worker (its own read connection) while the kiosk may be
// running; the import and the purge write through the same code as the console (all rows or none; uploaded entries
// past retention only), and each is audited with the operating-system user who ran it.
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GateError } from '../common/contract/errors.ts';
import { createConsoleWorkers } from '../kiosk/app/console-work/console-workers.ts';
import { defaultDataDir } from '../kiosk/app/paths.ts';
import { describeFilter, exportFileName } from '../kiosk/features/export/log-export.ts';
import { purgeExpired } from '../kiosk/features/retention/purge.ts';
import { createIdHasher, loadIdKey } from '../kiosk/features/roster/id-key.ts';
import { importRosterInChunks, type RosterKind } from '../kiosk/features/roster/roster-import.ts';
import { createRosterRepository } from '../kiosk/features/roster/roster-repository.ts';
import { readTable } from '../kiosk/features/roster/table-file.ts';
import { createWatchFeature } from '../kiosk/features/watch/index.ts';
import { recordAudit } from '../kiosk/platform/audit/audit-log.ts';
import { loadConfig } from '../kiosk/platform/config/kiosk-config.ts';
import { openKioskStore } from '../kiosk/platform/store/open-store.ts';
import { parseCommandArgs, UsageError } from './parse-args.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const KINDS = ['households', 'residents', 'vehicles', 'commuters'] as const;

const EXPORT_HELP = `Usage: gate-kiosk export --from DAY [--to DAY] [--format xlsx|csv] [--language zh|en] [--out FILE] [--data DIR]

The log of a day or range as the console exports it (words in the language chosen, codes beside them, local times),
watermarked and audited with your operating-system user name. Progress goes to stderr.
  --from DAY, --to DAY   local days YYYY-MM-DD (--to defaults to --from)
  --format               xlsx (default) or csv
  --language             zh (default) or en
  --out FILE             where to write it (default gate-log-DAY.FORMAT here)
  --data DIR             data folder (default ./data)`;

const IMPORT_HELP = `Usage: gate-kiosk import households|residents|vehicles|commuters FILE.csv|FILE.xlsx [--dry-run] [--data DIR]

Imports the roster as the console does: every row checked, all rows or none, a report of each bad row by its number.
--dry-run checks without saving. Audited with your operating-system user name. Progress goes to stderr.`;

const PURGE_HELP = `Usage: gate-kiosk purge [--data DIR]

Deletes the entries past the retention period (config.json retentionDays, default 28) that the registry holds, as the
console's "Purge now" does; entries still waiting to upload stay. Audited. Progress goes to stderr.`;

/** One line on stderr that moves (on a terminal), or a line per tenth (in a log file). */
export function progressPrinter(what: string, stream: NodeJS.WriteStream = process.stderr) {
  let lastTenth = -1;
  return {
    update(done: number, total: number | null) {
      const share = total ? Math.min(1, done / total) : 0;
      const text = `${what}: ${done.toLocaleString('en-US')}${total !== null ? ` of ${total.toLocaleString('en-US')} (${Math.floor(share * 100)}%)` : ''}`;
      if (stream.isTTY) stream.write(`\r${text}\u001b[K`);
      else if (Math.floor(share * 10) > lastTenth) {
        lastTenth = Math.floor(share * 10);
        stream.write(`${text}\n`);
      }
    },
    done(text: string) {
      stream.write(`${stream.isTTY ? '\r\u001b[K' : ''}${text}\n`);
    },
  };
}

const actor = () => ({ name: `machine-owner:${os.userInfo().username}`, role: null });

async function guarded(command: string, work: () => Promise<number>): Promise<number> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof UsageError || error instanceof GateError) {
      console.error(`gate-kiosk ${command}: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

export function runExport(args: string[]): Promise<number> {
  return guarded('export', async () => {
    const parsed = parseCommandArgs(args, { from: { type: 'string' }, to: { type: 'string' }, format: { type: 'string' }, language: { type: 'string' }, out: { type: 'string' }, data: { type: 'string' } }, EXPORT_HELP);
    if (!parsed) return 0;
    const { from, to, format = 'xlsx', language = 'zh' } = parsed.values;
    if (parsed.positionals.length > 0) throw new UsageError(EXPORT_HELP);
    if (!from || !DAY.test(from) || (to !== undefined && !DAY.test(to))) throw new UsageError(`--from (and --to) must be local days as YYYY-MM-DD, for example --from 2026-03-01.\n\n${EXPORT_HELP}`);
    if (to !== undefined && to < from) throw new UsageError(`--to ${to} is before --from ${from}: give the earlier day first.`);
    if (format !== 'xlsx' && format !== 'csv') throw new UsageError(`--format must be xlsx or csv, not "${format}".`);
    if (language !== 'zh' && language !== 'en') throw new UsageError(`--language must be zh or en, not "${language}".`);
    const dataDir = path.resolve(parsed.values.data ?? defaultDataDir);
    const config = loadConfig(dataDir);
    const store = openKioskStore(dataDir);
    const workers = createConsoleWorkers(store);
    try {
      const filter = { from, ...(to && to !== from ? { to } : {}) };
      const who = actor();
      const printer = progressPrinter('Exporting entries');
      const file = await workers.run('export', { filter, format, language, timeZone: config.timeZone, feverLineC: config.policy.feverLineC, mark: { by: who.name, role: who.role, at: new Date() } }, printer.update);
      const out = path.resolve(parsed.values.out ?? exportFileName(filter, format));
      writeFileSync(out, Buffer.from(file.base64, 'base64'), { mode: 0o600 });
      recordAudit(store.db, { actor: who, action: 'export', subject: path.basename(out), detail: { format, language, rows: file.rows, filter: describeFilter(filter), bytes: file.bytes, via: 'cli' } });
      printer.done(`Exported ${file.rows.toLocaleString('en-US')} entries to ${out} (recorded in the audit log).`);
      return 0;
    } finally {
      await workers.close();
      store.db.close();
    }
  });
}

export function runImport(args: string[]): Promise<number> {
  return guarded('import', async () => {
    const parsed = parseCommandArgs(args, { 'dry-run': { type: 'boolean' }, data: { type: 'string' } }, IMPORT_HELP);
    if (!parsed) return 0;
    const [kind, file, ...rest] = parsed.positionals;
    if (!kind || !(KINDS as readonly string[]).includes(kind) || !file || rest.length > 0) throw new UsageError(IMPORT_HELP);
    const format = /\.xlsx$/i.test(file) ? 'xlsx' : /\.csv$/i.test(file) ? 'csv' : null;
    if (!format) throw new UsageError(`${file}: the file must end in .csv or .xlsx.`);
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (error) {
      throw new UsageError(`${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
    }
    const dataDir = path.resolve(parsed.values.data ?? defaultDataDir);
    const store = openKioskStore(dataDir);
    try {
      const { db } = store;
      const now = () => new Date();
      const roster = createRosterRepository(db, createWatchFeature({ db, now }).hasher(createIdHasher(loadIdKey(db, dataDir, now()))), now);
      const printer = progressPrinter('Checking rows');
      printer.update(0, null);
      const table = await readTable(format, bytes);
      const report = await importRosterInChunks({ db, roster, now }, kind as RosterKind, table, { dryRun: Boolean(parsed.values['dry-run']), actor: actor(), fileName: path.basename(file), progress: printer.update });
      if (!report.ok) {
        printer.done(`Nothing was imported: ${report.problems.length} of ${report.rows} rows need fixing.`);
        for (const problem of report.problems) console.error(`  row ${problem.row}: ${problem.message}`);
        return 1;
      }
      printer.done(report.dryRun ? `All ${report.rows} rows are fine (dry run: nothing saved).` : `Imported ${report.imported} ${kind} (recorded in the audit log).`);
      return 0;
    } finally {
      store.db.close();
    }
  });
}

export function runPurge(args: string[]): Promise<number> {
  return guarded('purge', async () => {
    const parsed = parseCommandArgs(args, { data: { type: 'string' } }, PURGE_HELP);
    if (!parsed) return 0;
    if (parsed.positionals.length > 0) throw new UsageError(PURGE_HELP);
    const dataDir = path.resolve(parsed.values.data ?? defaultDataDir);
    const config = loadConfig(dataDir);
    const store = openKioskStore(dataDir);
    try {
      const printer = progressPrinter('Purging entries');
      const result = await purgeExpired(store.db, { now: new Date(), retentionDays: config.retentionDays, timeZone: config.timeZone, actor: actor() }, { progress: printer.update });
      printer.done(`Deleted ${result.purged.toLocaleString('en-US')} entries before ${result.cutoffDay}; ${result.keptNotUploaded.toLocaleString('en-US')} older ones wait for the registry first.`);
      return 0;
    } finally {
      store.db.close();
    }
  });
}
