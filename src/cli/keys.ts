// `gate-kiosk keys`: create an EC P-256 signer key and add it to a trust list.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { generateSignerKey } from '../kiosk/platform/health-codes/signer-keys.ts';
import { TrustListFile } from '../kiosk/platform/health-codes/trust-list.ts';
import { parseCommandArgs, UsageError } from './parse-args.ts';

const HELP = `Usage: gate-kiosk keys --out DIR [--name NAME] [--use code|card] [--valid-days N [--shorten-expiry]]

Creates an EC P-256 signer key for gate codes (GK1:) and pins it in DIR/trust-list.json:
  DIR/NAME.key.pem      private key (PKCS#8 PEM): keep it secret, it signs codes
  DIR/NAME.pub.pem      public key (SPKI PEM)
  DIR/NAME.id-key       32-byte key (hex) for the keyed hash of ID numbers in codes
  DIR/trust-list.json   trust list: an existing one gains the key and a new version

Options:
  --out DIR          where to write (created if missing)
  --name NAME        file name stem (default: signer)
  --use USE          code (short-lived health codes, default) or card (printed resident cards)
  --valid-days N     days until the trust list goes stale and kiosks refuse offline codes (default 30 for a new
                     list; an existing list keeps its expiry when that is later)
  --shorten-expiry   allow --valid-days to bring an existing list's expiry forward (refused without it)`;

const DAY_MS = 86_400_000;

/**
 * When the new trust list expires: never earlier than the list it replaces unless asked in so many words, because an
 * earlier expiry makes every kiosk refuse the codes and cards it trusts from that day on.
 */
export function nextExpiry(now: Date, previous: Date | undefined, validDays: number | undefined, shorten: boolean): { expiresAt: Date; note?: string } | { refused: string } {
  const asked = new Date(now.getTime() + (validDays ?? 30) * DAY_MS);
  if (!previous || asked.getTime() >= previous.getTime()) return { expiresAt: asked };
  if (validDays === undefined) return { expiresAt: previous, note: `kept the trust list's expiry ${previous.toISOString()} (later than the default 30 days)` };
  if (!shorten) {
    return { refused: `--valid-days ${validDays} would cut the trust list's expiry from ${previous.toISOString()} to ${asked.toISOString()}: codes and cards it trusts would be refused from then on. Leave out --valid-days to keep ${previous.toISOString()}, or add --shorten-expiry to cut it on purpose.` };
  }
  return { expiresAt: asked, note: `shortened the trust list's expiry from ${previous.toISOString()} to ${asked.toISOString()} (--shorten-expiry)` };
}

export async function run(args: string[]): Promise<number> {
  try {
    const parsed = parseCommandArgs(args, { out: { type: 'string' }, name: { type: 'string' }, use: { type: 'string' }, 'valid-days': { type: 'string' }, 'shorten-expiry': { type: 'boolean' } }, HELP);
    if (!parsed) return 0;
    const { out, name = 'signer', use = 'code', 'valid-days': validDaysText } = parsed.values;
    if (!out) throw new UsageError(`--out DIR is required\n\n${HELP}`);
    if (use !== 'code' && use !== 'card') throw new UsageError(`--use must be code or card, got "${use}"`);
    const validDays = validDaysText === undefined ? undefined : Number(validDaysText);
    if (validDays !== undefined && (!Number.isInteger(validDays) || validDays <= 0)) throw new UsageError(`--valid-days must be a positive whole number, got "${validDaysText}"`);
    if (!/^[A-Za-z0-9._-]+$/.test(name)) throw new UsageError(`--name may only use letters, digits, dot, dash and underscore, got "${name}"`);
    mkdirSync(out, { recursive: true });
    const keyPath = path.join(out, `${name}.key.pem`);
    if (existsSync(keyPath)) throw new UsageError(`${keyPath} already exists; pick another --name or directory (keys are never overwritten)`);
    const listPath = path.join(out, 'trust-list.json');
    const previous = existsSync(listPath) ? TrustListFile.parse(JSON.parse(readFileSync(listPath, 'utf8'))) : undefined;
    const now = new Date();
    // Decided before anything is written: a refusal leaves the folder as it was.
    const expiry = nextExpiry(now, previous ? new Date(previous.expiresAt) : undefined, validDays, parsed.values['shorten-expiry'] === true);
    if ('refused' in expiry) throw new UsageError(expiry.refused);
    const key = generateSignerKey();
    writeFileSync(keyPath, key.privateKeyPem, { mode: 0o600 });
    writeFileSync(path.join(out, `${name}.pub.pem`), key.publicKeyPem);
    writeFileSync(path.join(out, `${name}.id-key`), `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
    const list: TrustListFile = {
      version: (previous?.version ?? 0) + 1,
      issuedAt: now.toISOString(),
      expiresAt: expiry.expiresAt.toISOString(),
      keys: [...(previous?.keys ?? []), { kid: key.kid, publicKey: key.publicKeyPem, use: [use], label: name }],
    };
    writeFileSync(listPath, `${JSON.stringify(list, null, 2)}\n`);
    if (expiry.note) console.error(`gate-kiosk keys: ${expiry.note}`);
    console.log(JSON.stringify({ kid: key.kid, privateKey: keyPath, trustList: listPath, trustListVersion: list.version, expiresAt: list.expiresAt }));
    return 0;
  } catch (error) {
    if (error instanceof UsageError || (error as NodeJS.ErrnoException).code) {
      console.error(`gate-kiosk keys: ${(error as Error).message}`);
      return 2;
    }
    throw error;
  }
}
