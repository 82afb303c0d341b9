// ID card reads (and typed ID numbers) kept briefly, so the screen cites a read by its id and the core knows the
// person's keyed hash, name and age when it records them. Never the full number: it was hashed and masked when read.
import { randomUUID } from 'node:crypto';
import { GateError } from '../../../common/contract/errors.ts';
import type { IdentityRead } from '../../../common/contract/id-card.ts';

export interface StoredRead {
  source: IdentityRead['source'];
  document: IdentityRead['document'];
  /** In full, as the card gives it; shown masked. */
  name: string | null;
  idHash: string;
  maskedId: string;
  sex: IdentityRead['sex'];
  birthDate: string | null;
  validUntil: string | null;
  at: string;
}

const KEEP_MS = 10 * 60_000;
const MAX_KEPT = 500;

export function createIdentityReads(now: () => Date) {
  const reads = new Map<string, StoredRead & { keptAt: number }>();
  return {
    remember(read: StoredRead): string {
      const readId = randomUUID();
      reads.set(readId, { ...read, keptAt: now().getTime() });
      for (const [id, kept] of reads) {
        if (reads.size <= MAX_KEPT && now().getTime() - kept.keptAt < KEEP_MS) break;
        reads.delete(id);
      }
      return readId;
    },
    get(readId: string): StoredRead {
      const read = reads.get(readId);
      if (!read || now().getTime() - read.keptAt >= KEEP_MS) throw new GateError('not-found', 'This ID card read has expired. Place the card on the reader again (or type the ID number).', { key: 'id-card-read-expired' });
      return read;
    },
  };
}
export type IdentityReads = ReturnType<typeof createIdentityReads>;
