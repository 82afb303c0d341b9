// The badge's one value and the hand-over's answer, from the link's state and the outbox: a table of situations.
import { describe, expect, it } from 'vitest';
import type { OutboxCounts } from '../../../../src/kiosk/features/sync/outbox.ts';
import { clockWarning, flushResult, syncStatus, type LinkState } from '../../../../src/kiosk/features/sync/status.ts';

const SH = 'Asia/Shanghai';
const NOW = Date.parse('2026-12-01T06:30:00Z'); // 14:30 in Shanghai
const idle: LinkState = { enrolled: true, running: true, offlineSince: null, lastSuccessAt: null, lastError: null, confirmedAt: null, skewMs: null };
const empty: OutboxCounts = { waiting: 0, oldestWaitingAt: null, lastSeq: 10 };
const backlog: OutboxCounts = { waiting: 12, oldestWaitingAt: '2026-12-01T05:05:00Z', lastSeq: 22 };

describe('sync status', () => {
  it.each<[string, Partial<LinkState>, OutboxCounts, string, string]>([
    ['not enrolled keeps entries on the kiosk', { enrolled: false }, backlog, 'not-enrolled', 'Not enrolled with the registry: 12 entries kept on this kiosk'],
    ['offline since when, and how many wait', { offlineSince: Date.parse('2026-12-01T05:00:00Z') }, backlog, 'offline', 'Offline since 13:00: 12 waiting'],
    ['waiting while the registry answers', {}, backlog, 'waiting', '12 waiting to upload'],
    ['up to date, up to the last confirmed round', { confirmedAt: Date.parse('2026-12-01T06:29:00Z') }, empty, 'up-to-date', 'Up to date (14:29)'],
    ['running with nothing confirmed yet', {}, empty, 'up-to-date', 'Up to date'],
    ['stopped', { running: false }, backlog, 'waiting', '12 waiting to upload'],
    ['stopped with nothing waiting', { running: false }, empty, 'stopped', 'Sync stopped: 0 waiting'],
    ['a clock three minutes fast is said loudly', { confirmedAt: NOW, skewMs: 180_000 }, empty, 'up-to-date', 'Up to date (14:30); kiosk clock is ahead by 3 minutes compared with the registry: fix the time'],
  ])('%s', (_what, state, counts, expected, summary) => {
    const status = syncStatus({ ...idle, ...state }, counts, [], NOW, SH);
    expect(status.state).toBe(expected);
    expect(status.summary).toBe(summary);
    expect(status.waiting).toBe(counts.waiting);
  });

  it('gives each district document its age since the registry last confirmed it', () => {
    const status = syncStatus(idle, empty, [{ kind: 'policy', version: 3, checkedAt: new Date(NOW - 90_000).toISOString() }], NOW, SH);
    expect(status.downlink).toEqual([{ kind: 'policy', version: 3, ageSeconds: 90 }]);
  });

  it.each([
    [undefined, null],
    [120, null],
    [-121, 'kiosk clock is behind by 2 minutes compared with the registry: fix the time'],
    [60 * 61, 'kiosk clock is ahead by 61 minutes compared with the registry: fix the time'],
  ])('a clock %s s off warns: %s', (skew, warning) => expect(clockWarning(skew)).toBe(warning));
});

describe('flush result', () => {
  it.each<[string, boolean, Pick<LinkState, 'enrolled' | 'lastError'>, OutboxCounts, Record<string, unknown>]>([
    ['everything is up', true, { enrolled: true, lastError: null }, empty, { complete: true, message: 'Everything up to 14:30 is at the registry.' }],
    ['not enrolled', false, { enrolled: false, lastError: null }, backlog, { complete: false, why: 'not-enrolled', waiting: 12 }],
    ['the registry refused', false, { enrolled: true, lastError: { at: '', kind: 'http', message: 'registry answered 500' } }, backlog, { complete: false, why: 'registry-error', reason: 'registry answered 500' }],
    ['time ran out', false, { enrolled: true, lastError: null }, backlog, { complete: false, why: 'timeout', message: '12 entries since 13:05 are still waiting: the upload did not finish in time. They are kept on this kiosk and will be sent when the registry can be reached.' }],
  ])('%s', (_what, done, link, counts, expected) => expect(flushResult(done, NOW, counts, link, SH)).toMatchObject(expected));
});
