import { describe, expect, it } from 'vitest';
import type { HealthCodeResult } from '../../../src/common/contract/health-code.ts';
import { scanProblem } from '../../../src/common/gate-rules/scan-problems.ts';

const at = '2026-12-01T00:00:00Z';
const malformed: HealthCodeResult = { status: 'invalid', reason: 'malformed', detail: 'x', checkedAt: at };
const badSignature: HealthCodeResult = { status: 'invalid', reason: 'bad-signature', detail: 'x', checkedAt: at, source: 'offline-signed' };
const notFound: HealthCodeResult = { status: 'invalid', reason: 'not-found', detail: 'x', checkedAt: at, source: 'online' };
const green: HealthCodeResult = { status: 'green', source: 'online', checkedAt: at };

describe('scans that are not a health code', () => {
  it.each([
    ['hello world 123456', malformed, 'not-a-code'],
    ['https://weixin.qq.com/r/abcdefg', malformed, 'not-a-code'],
    ['GK1:6BFOXN*TS0BI$ZD8UH1', malformed, 'unreadable'],
    ['HC1:NCFOXN%TS3DH', malformed, 'unreadable'],
    ['gk1;6bfoxn8ts0bi4zd8uh', malformed, 'scanner-no-shift'],
    ['hc1;ncfoxn5ts3dh', malformed, 'scanner-no-shift'],
    // A known format that fails its checks is a result of its own, not a scan problem.
    ['GK1:6BFOXN*TS0BI$ZD8UH', badSignature, null],
    ['HA1:abcdefghijkl', notFound, null],
    ['HA1:abcdefghijkl', green, null],
  ] as const)('%s → %s', (text, result, expected) => {
    expect(scanProblem(text, result)).toBe(expected);
  });
});
