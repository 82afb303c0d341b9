// `gate-kiosk sign-code`: issue a GK1: gate code (short-lived) or a printed resident card (--card-id, long-lived).
import { readFileSync } from 'node:fs';
import { COLOURS, signGateCode, type Colour } from '../kiosk/platform/health-codes/gate-code.ts';
import type { HealthClaims } from '../kiosk/platform/health-codes/health-claims.ts';
import { hashIdNumber, maskName } from '../kiosk/platform/health-codes/identity.ts';
import { loadSignerKey } from '../kiosk/platform/health-codes/signer-keys.ts';
import { parseCommandArgs, UsageError } from './parse-args.ts';

const HELP = `Usage: gate-kiosk sign-code --key KEY.pem --colour green|yellow|red|review --name NAME [options]

Prints the QR text of a signed gate code (GK1:) on standard output.

Options:
  --key FILE          signer private key from \`gate-kiosk keys\`
  --colour COLOUR     green, yellow, red or review
  --name NAME         holder's name; masked before signing (张三 -> 张*) unless --masked
  --masked            the name is already masked: sign it as given
  --id NUMBER         holder's ID number; only its keyed hash goes into the code (needs --id-key)
  --id-key FILE       hex key file for the ID hash (NAME.id-key from \`gate-kiosk keys\`)
  --lifetime SECONDS  validity (default 300 for codes, 31536000 for cards)
  --card-id ID        issue a printed resident card with this id (revocable by id)
  --issuer TEXT       issuer name (default: gate-kiosk)
  --issued-at ISO     issue time (default: now); for tests and reprints

Optional health claims (docs/health-code-format.md; codes without them verify as before):
  --test-sampled-at ISO     when the last nucleic-acid test was sampled
  --test-result R           negative (default) or positive
  --antigen-tested-at ISO   when an antigen test was taken (--antigen-result negative|positive, default negative)
  --doses N                 vaccine doses (--last-dose-on YYYY-MM-DD)
  --travel-flag yes|no      visited a medium/high-risk area in the last 14 days`;

function instant(value: string | undefined, flag: string): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new UsageError(`--${flag} is not an ISO-8601 time: "${value}"`);
  return date;
}

function testResult(value: string | undefined, flag: string): 'negative' | 'positive' {
  if (value === undefined || value === 'negative' || value === 'positive') return value ?? 'negative';
  throw new UsageError(`--${flag} must be negative or positive, got "${value}"`);
}

/** The optional health claims from the flags; throws a UsageError naming a bad one. */
function healthClaims(v: Record<string, string | boolean | undefined>): HealthClaims {
  const text = (k: string) => v[k] as string | undefined;
  const sampledAt = instant(text('test-sampled-at'), 'test-sampled-at');
  const testedAt = instant(text('antigen-tested-at'), 'antigen-tested-at');
  const doses = text('doses') === undefined ? undefined : Number(text('doses'));
  if (doses !== undefined && (!Number.isInteger(doses) || doses < 0 || doses > 20)) throw new UsageError(`--doses must be a whole number 0-20, got "${text('doses')}"`);
  const lastDoseOn = text('last-dose-on');
  if (lastDoseOn !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(lastDoseOn)) throw new UsageError(`--last-dose-on must be YYYY-MM-DD, got "${lastDoseOn}"`);
  const travel = text('travel-flag');
  if (travel !== undefined && travel !== 'yes' && travel !== 'no') throw new UsageError(`--travel-flag must be yes or no, got "${travel}"`);
  return {
    ...(sampledAt ? { nucleicAcid: { sampledAt, result: testResult(text('test-result'), 'test-result') } } : {}),
    ...(testedAt ? { antigen: { testedAt, result: testResult(text('antigen-result'), 'antigen-result') } } : {}),
    ...(doses !== undefined ? { vaccination: { doses, ...(lastDoseOn ? { lastDoseOn } : {}) } } : {}),
    ...(travel !== undefined ? { travelFlag: travel === 'yes' } : {}),
  };
}

export async function run(args: string[]): Promise<number> {
  try {
    const parsed = parseCommandArgs(
      args,
      {
        key: { type: 'string' },
        colour: { type: 'string' },
        name: { type: 'string' },
        masked: { type: 'boolean' },
        id: { type: 'string' },
        'id-key': { type: 'string' },
        lifetime: { type: 'string' },
        'card-id': { type: 'string' },
        issuer: { type: 'string' },
        'issued-at': { type: 'string' },
        'test-sampled-at': { type: 'string' },
        'test-result': { type: 'string' },
        'antigen-tested-at': { type: 'string' },
        'antigen-result': { type: 'string' },
        doses: { type: 'string' },
        'last-dose-on': { type: 'string' },
        'travel-flag': { type: 'string' },
      },
      HELP,
    );
    if (!parsed) return 0;
    const v = parsed.values;
    if (!v.key || !v.colour || !v.name) throw new UsageError(`--key, --colour and --name are required\n\n${HELP}`);
    if (!(COLOURS as readonly string[]).includes(v.colour)) throw new UsageError(`--colour must be one of ${COLOURS.join(', ')}, got "${v.colour}"`);
    if (v.id && !v['id-key']) throw new UsageError('--id needs --id-key: only a keyed hash of the ID number goes into the code');
    const lifetime = v.lifetime === undefined ? (v['card-id'] ? 31_536_000 : 300) : Number(v.lifetime);
    if (!Number.isInteger(lifetime) || lifetime <= 0) throw new UsageError(`--lifetime must be a positive whole number of seconds, got "${v.lifetime}"`);
    const issuedAt = v['issued-at'] ? new Date(v['issued-at']) : new Date();
    if (Number.isNaN(issuedAt.getTime())) throw new UsageError(`--issued-at is not an ISO-8601 time: "${v['issued-at']}"`);
    let signer;
    try {
      signer = loadSignerKey(readFileSync(v.key, 'utf8'));
    } catch (error) {
      throw new UsageError(`${v.key}: ${(error as Error).message}`);
    }
    const idKey = v['id-key'] ? Buffer.from(readFileSync(v['id-key'], 'utf8').trim(), 'hex') : undefined;
    if (idKey && idKey.length < 16) throw new UsageError(`${v['id-key']} does not hold a hex key of at least 16 bytes`);
    const text = signGateCode({
      privateKey: signer.privateKey,
      issuer: v.issuer ?? 'gate-kiosk',
      colour: v.colour as Colour,
      maskedName: v.masked ? v.name : maskName(v.name),
      ...(v.id && idKey ? { idHash: hashIdNumber(v.id, idKey) } : {}),
      ...(v['card-id'] ? { cardId: v['card-id'] } : {}),
      issuedAt,
      lifetimeSeconds: lifetime,
      health: healthClaims(v),
    });
    console.log(text);
    return 0;
  } catch (error) {
    if (error instanceof UsageError || (error as NodeJS.ErrnoException).code) {
      console.error(`gate-kiosk sign-code: ${(error as Error).message}`);
      return 2;
    }
    throw error;
  }
}
