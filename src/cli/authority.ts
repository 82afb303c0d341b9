// `gate-kiosk authority`: run the health-authority simulator on 127.0.0.1 until interrupted.
import { readFileSync } from 'node:fs';
import { startAuthoritySimulator } from '../kiosk/platform/health-codes/authority-simulator.ts';
import { loadSignerKey } from '../kiosk/platform/health-codes/signer-keys.ts';
import { parseCommandArgs, UsageError } from './parse-args.ts';

const HELP = `Usage: gate-kiosk authority [--port N] [--token TOKEN] [--key KEY.pem]

Runs a stand-in health authority on 127.0.0.1 for demos and tests.
  POST /codes            {"colour": "green", "name": "张三", "format": "online"|"offline", "id"?: "...",
                          "testHoursAgo"?: 30, "testResult"?: "negative", "antigenHoursAgo"?: 2, "doses"?: 3,
                          "lastDoseOn"?: "2022-01-15", "travelFlag"?: true} -> {"code": ...}
  POST /verify           {"code", "siteCode", "requestedAt", "certType"} -> {"result", "maskedName", "refreshedAt",
                          "idHash"?, "nucleicAcid"?, "antigen"?, "vaccination"?, "travelFlag"?}
  PUT  /codes/colour     {"code": "...", "colour": "red"}
  PUT  /codes/facts      {"code": "...", "testHoursAgo": 1, ...} (the health facts, ages from now)
  POST /admin/behaviour  {"latencyMs": 2000, "failure": "none"|"500"|"drop"|"hang"|"garbage"}
  GET  /trust-list       trust list pinning the simulator's signer key (for offline codes)

Options:
  --port N        port to listen on (default 0: any free port; the URL is printed)
  --token TOKEN   require "Authorization: Bearer TOKEN" on /verify
  --key FILE      sign offline codes with this key (default: a fresh key per run)`;

export async function run(args: string[]): Promise<number> {
  try {
    const parsed = parseCommandArgs(args, { port: { type: 'string' }, token: { type: 'string' }, key: { type: 'string' } }, HELP);
    if (!parsed) return 0;
    const port = Number(parsed.values.port ?? '0');
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0-65535, got "${parsed.values.port}"`);
    let signer;
    if (parsed.values.key) {
      try {
        signer = loadSignerKey(readFileSync(parsed.values.key, 'utf8'));
      } catch (error) {
        throw new UsageError(`${parsed.values.key}: ${(error as Error).message}`);
      }
    }
    const sim = await startAuthoritySimulator({ port, ...(parsed.values.token ? { credentials: parsed.values.token } : {}), ...(signer ? { signer } : {}) });
    console.log(JSON.stringify({ url: sim.url, verifyUrl: sim.verifyUrl, kid: sim.signer.kid }));
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await sim.close();
    return 0;
  } catch (error) {
    if (error instanceof UsageError || (error as NodeJS.ErrnoException).code) {
      console.error(`gate-kiosk authority: ${(error as Error).message}`);
      return 2;
    }
    throw error;
  }
}
