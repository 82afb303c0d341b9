// `gate-kiosk sync flush`: upload everything waiting now, with the progress on the command line (a week offline is
// 100,000 entries: some 15 s on a good link), and say up to when the registry holds the log, or what waits and why.
import path from 'node:path';
import { flushProgress, type FlushProgress } from '../common/flush-progress.ts';
import { defaultDataDir } from '../kiosk/app/paths.ts';
import { sampleMarkerExists } from '../kiosk/features/demo/index.ts';
import { createSyncService } from '../kiosk/features/sync/sync-service.ts';
import { loadConfig } from '../kiosk/platform/config/kiosk-config.ts';
import { openStore } from '../kiosk/platform/store/open-store.ts';
import { parseCommandArgs, UsageError } from './parse-args.ts';

const HELP = `Usage: gate-kiosk sync flush [--data DIR] [--timeout SECONDS]

Uploads every entry and audit record waiting in the outbox to the district registry now, printing how far it has got,
then says up to when the registry holds the log or what is still waiting and why. Best with the kiosk stopped (a
running kiosk uploads the same outbox; the registry keeps each entry once either way).
  --data DIR         data folder (default ./data)
  --timeout SECONDS  give up after this long (default 600)`;

/** One line per tenth of the way (and the last), so a log file stays short and a terminal still sees it move. */
function progressPrinter(write: (line: string) => void) {
  let progress: FlushProgress | null = null;
  let printedTenth = -1;
  return (waiting: number) => {
    progress = flushProgress(progress, waiting);
    const tenth = Math.floor(progress.percent / 10);
    if (progress.total === 0 || tenth === printedTenth) return;
    printedTenth = tenth;
    write(`uploaded ${progress.sent.toLocaleString('en')} of ${progress.total.toLocaleString('en')} (${progress.percent}%)`);
  };
}

export async function run(args: string[]): Promise<number> {
  let db: ReturnType<typeof openStore> | null = null;
  try {
    const parsed = parseCommandArgs(args, { data: { type: 'string' }, timeout: { type: 'string', default: '600' } }, HELP);
    if (!parsed) return 0;
    const [action, ...rest] = parsed.positionals;
    if (action !== 'flush' || rest.length > 0) throw new UsageError(HELP);
    const timeoutS = Number(parsed.values.timeout);
    if (!Number.isInteger(timeoutS) || timeoutS < 1 || timeoutS > 86_400) throw new UsageError(`--timeout must be a whole number of seconds from 1 to 86400, not "${parsed.values.timeout}".`);
    const dataDir = path.resolve(parsed.values.data ?? defaultDataDir);
    if (sampleMarkerExists(dataDir)) throw new UsageError('This data folder holds sample data: nothing is sent to the registry until it is removed (Manage > Sample data).');
    const config = loadConfig(dataDir);
    db = openStore(dataDir);
    const service = createSyncService({ db, config: { timeZone: config.timeZone, registryUrl: config.registry.url, certificateSha256: config.registry.certificateSha256, downlinkIntervalMs: 86_400_000 } });
    const print = progressPrinter((line) => console.log(line));
    print(service.status().waiting);
    const stop = service.onStatus((status) => print(status.waiting));
    const result = await service.flush({ timeoutMs: timeoutS * 1000 });
    stop();
    await service.stop();
    console.log(result.message);
    return result.complete ? 0 : 1;
  } catch (error) {
    console.error(`gate-kiosk sync: ${(error as Error).message}`);
    return error instanceof UsageError ? 2 : 1;
  } finally {
    db?.close();
  }
}
