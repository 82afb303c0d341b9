// `gate-kiosk enrol`: exchange the district's one-time code for this kiosk's registry credentials.
import path from 'node:path';
import { defaultDataDir } from '../kiosk/app/paths.ts';
import { openStore } from '../kiosk/platform/store/open-store.ts';
import { enrolKiosk } from '../kiosk/features/sync/enrol.ts';
import { parseCommandArgs, UsageError } from './parse-args.ts';
import { nodeDigest } from '../kiosk/platform/node-digest.ts';

/** The same AB:CD:... the registry prints for its district key, to compare by eye. */
function districtKeyFingerprint(key: string | null): string {
  return key ? nodeDigest.sha256Hex(Buffer.from(key, 'base64')).toUpperCase().match(/../g)!.join(':') : 'none';
}

const help = `Usage: gate-kiosk enrol --registry URL --code CODE [--name NAME] [--fingerprint SHA256] [--data DIR]

Enrols this kiosk with the district registry using the one-time code the district gave you. The kiosk pins the
district's signing key from the answer: every document the registry sends down must carry its signature.
  --registry URL       the registry, e.g. https://registry.example:8470 (http:// is refused)
  --code CODE          the one-time enrolment code (e.g. ABCD-EFGH-JKLM)
  --name NAME          how the district sees this kiosk (default "Gate 1")
  --fingerprint HEX    SHA-256 of the registry's TLS certificate (the registry prints it at start)
  --data DIR           the kiosk's data folder (default ./data)
  --insecure-http-for-tests
                       allow http:// (a test registry on loopback only: anyone on the way reads the secret)`;

export async function run(args: string[]): Promise<number> {
  try {
    const parsed = parseCommandArgs(
      args,
      { registry: { type: 'string' }, code: { type: 'string' }, name: { type: 'string' }, fingerprint: { type: 'string' }, data: { type: 'string' }, 'insecure-http-for-tests': { type: 'boolean' } },
      help,
    );
    if (!parsed) return 0;
    const v = parsed.values;
    if (!v.registry || !v.code) throw new UsageError(`enrol needs --registry and --code.\n\n${help}`);
    const db = openStore(path.resolve(v.data ?? defaultDataDir));
    try {
      const c = await enrolKiosk({ db, registryUrl: v.registry, certificateSha256: v.fingerprint, code: v.code, kioskName: v.name ?? 'Gate 1', allowInsecureHttp: v['insecure-http-for-tests'] });
      console.log(`Enrolled as ${c.kioskId} for compound ${c.compoundId} (${c.district}). Entries will upload to ${c.registryUrl}. District key pinned: ${districtKeyFingerprint(c.districtKey)}.`);
      return 0;
    } finally {
      db.close();
    }
  } catch (error) {
    console.error(error instanceof UsageError ? error.message : `gate-kiosk enrol: ${(error as Error).message}`);
    return error instanceof UsageError ? 2 : 1;
  }
}
