// `gate-kiosk verify-code`: JSON lines in, one JSON verdict line out per input line.
import { createInterface } from 'node:readline';
import { checkLine } from '../kiosk/platform/health-codes/scripted-check.ts';
import { parseCommandArgs, UsageError } from './parse-args.ts';

const HELP = `Usage: gate-kiosk verify-code [--skew SECONDS] [--max-age SECONDS] < lines.jsonl

Reads one JSON object per line from standard input:
  {"payload": "<QR text>", "trust": ["<base64 DER X.509 certificate or PEM public key>", ...], "at": "<ISO-8601 time>"}
and writes one JSON line per input:
  {"status": "green|yellow|red|review|invalid|error", "signature": "ok|bad|unknown-key|not-checked",
   "expired": true|false|null, "reasons": [...], ...}
HC1: is checked as an EU DCC (no clock skew, as the DCC rules say): signature, period, the signer's extended key
usage for the certificate's type, and its content (a test not detected, a recovery within validity); business rules
and revocation need the kiosk's pinned material and are not applied here. GK1: is checked as a gate code (skew and
max age apply).
A line that cannot be read gets {"status": "error", "reasons": ["bad-input"], "detail": ...} and reading goes on.

Options:
  --skew SECONDS      clock skew allowed for GK1 codes (default 120)
  --max-age SECONDS   oldest GK1 code accepted, counted from its issue time (default 600)`;

function seconds(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} must be a whole number of seconds, got "${value}"`);
  return n;
}

export async function run(args: string[]): Promise<number> {
  try {
    const parsed = parseCommandArgs(args, { skew: { type: 'string' }, 'max-age': { type: 'string' } }, HELP);
    if (!parsed) return 0;
    const options = { skewSeconds: seconds(parsed.values.skew, 'skew', 120), maxAgeSeconds: seconds(parsed.values['max-age'], 'max-age', 600) };
    for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
      if (!line.trim()) continue;
      process.stdout.write(`${JSON.stringify(checkLine(line, options))}\n`);
    }
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`gate-kiosk verify-code: ${error.message}`);
      return 2;
    }
    throw error;
  }
}
