// `gate-kiosk dcc-gateway`: run the EU DCC source simulator (business rules, chunked revocation list) on 127.0.0.1.
import { readFileSync } from 'node:fs';
import { describeIssues } from '../common/contract/errors.ts';
import { RuleSetFile } from '../common/certlogic/rules.ts';
import { RevokedHashList, startDccGatewaySimulator } from '../kiosk/platform/health-codes/dcc-gateway-simulator.ts';
import { parseCommandArgs, UsageError } from './parse-args.ts';

const HELP = `Usage: gate-kiosk dcc-gateway [--port N] [--rules RULES.json] [--revoked HASHES.json] [--chunk-records N]

Runs a stand-in EU DCC source on 127.0.0.1 for demos and tests; point a kiosk's healthCodes.dcc.sourceUrl at it.
  GET  /rules                          the business rule set (docs/health-code-format.md)
  GET  /revocation/manifest            {"version", "issuedAt", "chunks": [{"index", "size", "sha256"}]}
  GET  /revocation/chunks/N?version=V  17-byte records (type byte, 16-byte hash); Range: bytes=N- resumes
  POST /admin/revoked                  [{"type": "UCI|COUNTRYCODEUCI|SIGNATURE", "hash": "<32 hex>"}] -> new version
  POST /admin/rules                    a new rule set

Options:
  --port N            port (default 0: any free port; the URL is printed)
  --rules FILE        rule set to serve
  --revoked FILE      JSON array of revoked hashes
  --chunk-records N   records per chunk (default 1000)`;

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`${file}: ${(error as Error).message}`);
  }
}

export async function run(args: string[]): Promise<number> {
  try {
    const parsed = parseCommandArgs(args, { port: { type: 'string' }, rules: { type: 'string' }, revoked: { type: 'string' }, 'chunk-records': { type: 'string' } }, HELP);
    if (!parsed) return 0;
    const v = parsed.values;
    const port = Number(v.port ?? '0');
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0-65535, got "${v.port}"`);
    const chunkRecords = Number(v['chunk-records'] ?? '1000');
    if (!Number.isInteger(chunkRecords) || chunkRecords < 1) throw new UsageError(`--chunk-records must be a positive whole number, got "${v['chunk-records']}"`);
    const rules = v.rules ? RuleSetFile.safeParse(readJson(v.rules)) : null;
    if (rules && !rules.success) throw new UsageError(`${v.rules} is not a rule set: ${describeIssues(rules.error)}`);
    const revoked = v.revoked ? RevokedHashList.safeParse(readJson(v.revoked)) : null;
    if (revoked && !revoked.success) throw new UsageError(`${v.revoked} is not a list of revoked hashes: ${describeIssues(revoked.error)}`);
    const sim = await startDccGatewaySimulator({ port, chunkRecords, ...(rules ? { rules: rules.data } : {}), ...(revoked ? { revoked: revoked.data } : {}) });
    console.log(JSON.stringify({ url: sim.url }));
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await sim.close();
    return 0;
  } catch (error) {
    if (error instanceof UsageError || (error as NodeJS.ErrnoException).code) {
      console.error(`gate-kiosk dcc-gateway: ${(error as Error).message}`);
      return 2;
    }
    throw error;
  }
}
