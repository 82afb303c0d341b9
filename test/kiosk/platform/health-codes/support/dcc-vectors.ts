// Loads the public EU DCC test vectors and the upstream list of cases it marks as wrong.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../../../support/kiosk.ts';

export { repoRoot };
/** shared/ sits beside the clone, both here and in CI. */
export const dccRoot = path.resolve(repoRoot, '../shared/testdata/dcc');

export interface DccVector {
  /** Path relative to dccRoot, e.g. common/2DCode/raw/CO5.json. */
  name: string;
  country: string;
  testSet: string;
  data: Record<string, unknown> & {
    PREFIX?: string;
    BASE45?: string;
    COMPRESSED?: string;
    COSE?: string;
    CBOR?: string;
    JSON?: unknown;
    '2DCODE'?: string;
    TESTCTX?: { CERTIFICATE?: string; VALIDATIONCLOCK?: string; DESCRIPTION?: string };
    EXPECTEDRESULTS: Record<string, boolean>;
  };
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith('.json') ? [path.join(dir, e.name)] : []))
    .sort();
}

export function loadDccVectors(): DccVector[] {
  return walk(dccRoot).map((file) => {
    const name = path.relative(dccRoot, file).split(path.sep).join('/');
    return { name, country: name.split('/')[0]!, testSet: path.basename(file, '.json'), data: JSON.parse(readFileSync(file, 'utf8')) as DccVector['data'] };
  });
}

/** Upstream names its pytest functions; map them to the expectation each one checks. */
const TEST_TO_EXPECTATION: Record<string, string[]> = {
  test_un_prefix: ['EXPECTEDUNPREFIX'],
  test_b45decode: ['EXPECTEDB45DECODE'],
  test_compression: ['EXPECTEDCOMPRESSION'],
  test_cose_json: ['EXPECTEDDECODE'],
  test_cose_cbor: ['EXPECTEDDECODE'],
  test_verification_check: ['EXPECTEDVERIFY'],
  test_expiration_check: ['EXPECTEDEXPIRATIONCHECK'],
  test_picture_decode: ['EXPECTEDPICTUREDECODE'],
  test_cose_schema: ['EXPECTEDSCHEMAVALIDATION'],
  test_cbor_json: ['EXPECTEDVALIDJSON'],
  test_expected_key_usage: ['EXPECTEDKEYUSAGE'],
};

export interface KnownIssue {
  expectations: string[] | 'all';
  country: string;
  testSet: string;
  reason: string;
}

export function loadKnownIssues(): KnownIssue[] {
  const lines = readFileSync(path.join(dccRoot, 'known_issues.csv'), 'utf8').split(/\r?\n/).slice(1).filter((l) => l.trim());
  return lines.map((line) => {
    const [test = '', country = '', testSet = '', ...reason] = line.split(',');
    return { expectations: test ? (TEST_TO_EXPECTATION[test] ?? []) : 'all', country, testSet, reason: reason.join(',') };
  });
}

export function isKnownIssue(issues: KnownIssue[], vector: DccVector, expectation: string): boolean {
  return issues.some(
    (i) =>
      i.country === vector.country &&
      (i.testSet === '' || i.testSet === vector.testSet) &&
      (i.expectations === 'all' || i.expectations.includes(expectation)),
  );
}

/** VALIDATIONCLOCK comes in several ISO-8601 shapes; one without a zone means UTC. */
export function parseValidationClock(text: string): Date {
  let t = text.trim().replace(/([+-]\d\d)(\d\d)$/, '$1:$2');
  if (!/(Z|[+-]\d\d:\d\d)$/i.test(t)) t += 'Z';
  const date = new Date(t);
  if (Number.isNaN(date.getTime())) throw new Error(`unreadable VALIDATIONCLOCK ${text}`);
  return date;
}
