// `gate-kiosk serve`: the kiosk UI and API on 127.0.0.1, for a browser on this PC.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { SampleAccounts } from '../kiosk/app/core.ts';
import { runBrowserHost } from '../kiosk/app/host/run-browser-host.ts';
import { defaultDataDir } from '../kiosk/app/paths.ts';
import { parseCommandArgs, UsageError } from './parse-args.ts';

const help = `Usage: gate-kiosk serve [--port N] [--data DIR] [--listen-lan] [--training]

Serves the kiosk screen and its API on http://127.0.0.1:N/.
  --port N     port to listen on (default 8420; 0 picks a free one)
  --data DIR   data folder with the SQLite log and config.json (default ./data)
  --listen-lan serve the local network over HTTPS (self-signed certificate made at first start);
               every call then needs a sign-in. config.json "lan": {"listen": true} does the same.
  --training   a training kiosk for new volunteers: the same screens with the sample data, in its own folder
               (DIR/training; the real data is never touched), a banner, and nothing sent to the registry`;

/** The sample accounts a training kiosk made at its first start: their secrets are printed this once. */
function printOnce(accounts: SampleAccounts): void {
  console.log('Sample accounts (shown this once; note them down):');
  console.log(`  administrator ${accounts.manager.username}  password ${accounts.manager.password}`);
  for (const v of accounts.volunteers) console.log(`  volunteer     ${v.username}  PIN ${v.pin}`);
}

export async function run(args: string[]): Promise<number> {
  try {
    const parsed = parseCommandArgs(args, { port: { type: 'string', default: '8420' }, data: { type: 'string' }, 'listen-lan': { type: 'boolean' }, training: { type: 'boolean' } }, help);
    if (!parsed) return 0;
    const port = Number(parsed.values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a whole number from 0 to 65535, not "${parsed.values.port}".`);
    const training = parsed.values.training ?? false;
    const realDir = path.resolve(parsed.values.data ?? defaultDataDir);
    // A training kiosk keeps its sample data beside the real folder, never in it.
    const dataDir = training ? path.join(realDir, 'training') : realDir;
    if (training) mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const host = await runBrowserHost({ port, dataDir, listenLan: parsed.values['listen-lan'], training, onSampleAccounts: printOnce });
    if (training) console.log('Training kiosk: sample data, a banner on every screen, nothing is sent to the registry.');
    console.log(`Kiosk ready at ${host.url} (data in ${dataDir})`);
    if (host.fingerprint) console.log(`HTTPS certificate SHA-256 fingerprint: ${host.fingerprint} — compare it with the one your browser shows.`);
    return 0;
  } catch (error) {
    console.error(`gate-kiosk serve: ${(error as Error).message}`);
    return 1;
  }
}
