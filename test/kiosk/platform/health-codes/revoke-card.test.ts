// Revoking a card rewrites the compound's list whole (a new version, renamed into place), once per card; the
// verifier, which rereads the file when it changes, refuses the card from the next check.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureRevocationList, revokeCardInList } from '../../../../src/kiosk/platform/health-codes/compound-files.ts';
import { parseRevocationList } from '../../../../src/kiosk/platform/health-codes/trust-list.ts';
import { watchedFile } from '../../../../src/kiosk/platform/health-codes/watched-file.ts';
import { tempDir } from '../../../support/temp-dir.ts';

const temp = tempDir('gate-revoke-card-');
afterAll(() => temp.remove());
const LIST = 'trust/revoked-cards.json';
const read = () => JSON.parse(readFileSync(path.join(temp.dir, LIST), 'utf8')) as { version: number; revokedCardIds: string[] };

describe('revokeCardInList', () => {
  it('adds the card as a new version, and a second revocation changes nothing', async () => {
    const now = new Date('2026-12-01T08:00:00Z');
    ensureRevocationList(temp.dir, LIST, now);
    const load = watchedFile(path.join(temp.dir, LIST), 'revocation list', parseRevocationList);
    const before = await load();
    expect(before.ok && before.value.revoked.has('C1')).toBe(false);

    expect(revokeCardInList(temp.dir, LIST, 'C1', now)).toEqual({ version: 2, alreadyRevoked: false });
    expect(read()).toMatchObject({ version: 2, revokedCardIds: ['C1'] });
    const after = await load();
    expect(after.ok && after.value.revoked.has('C1')).toBe(true);

    expect(revokeCardInList(temp.dir, LIST, 'C1', now)).toEqual({ version: 2, alreadyRevoked: true });
    expect(revokeCardInList(temp.dir, LIST, 'C2', now)).toEqual({ version: 3, alreadyRevoked: false });
    expect(read().revokedCardIds).toEqual(['C1', 'C2']);
    // Written beside and renamed: no temporary file is left behind.
    expect(readdirSync(path.join(temp.dir, 'trust'))).toEqual(['revoked-cards.json']);
  });

  it('starts a list when there is none', () => {
    const other = 'elsewhere/revoked.json';
    expect(existsSync(path.join(temp.dir, other))).toBe(false);
    expect(revokeCardInList(temp.dir, other, 'C9', new Date())).toEqual({ version: 1, alreadyRevoked: false });
  });
});
