// The DCC revocation list as the kiosk keeps it: a manifest of chunks (each with its size and SHA-256) in state.json,
// and one file per chunk of 17-byte records (a hash-type byte, then the 16-byte hash). Loaded once per version; the
// age shown and gated on is since the source last confirmed the version (checkedAt).
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { HASH_BYTES, HASH_TYPES, SortedHashes, type DccRevocationList, type HashType } from './dcc-revocation.ts';
import type { Loaded } from './trust-sources.ts';

export const RECORD_BYTES = 1 + HASH_BYTES;
/** Record type bytes: 1 UCI, 2 COUNTRYCODEUCI, 3 SIGNATURE. */
export const TYPE_BYTE: Record<HashType, number> = { UCI: 1, COUNTRYCODEUCI: 2, SIGNATURE: 3 };

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);
export const RevocationManifest = z.object({
  version: z.number().int().nonnegative(),
  issuedAt: z.iso.datetime({ offset: true }),
  chunks: z
    .array(z.object({ index: z.number().int().nonnegative(), size: z.number().int().nonnegative().max(64 * 1024 * 1024), sha256: Hex64 }))
    .max(100_000)
    .refine((cs) => cs.every((c, i) => c.index === i), 'chunks must be numbered 0, 1, 2 ... in order')
    .refine((cs) => cs.every((c) => c.size % RECORD_BYTES === 0), `every chunk is a whole number of ${RECORD_BYTES}-byte records`),
});
export type RevocationManifest = z.infer<typeof RevocationManifest>;

export const RevocationState = RevocationManifest.extend({ checkedAt: z.iso.datetime({ offset: true }) });
export type RevocationState = z.infer<typeof RevocationState>;

export const STATE_FILE = 'state.json';
export const chunkFile = (dir: string, version: number, index: number) => path.join(dir, `v${version}-${index}.bin`);
export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Splits chunks of records into one sorted buffer of 16-byte hashes per type; throws on a record of an unknown type. */
export function hashesByType(chunks: readonly Uint8Array[]): Record<HashType, SortedHashes> {
  const byType = new Map(HASH_TYPES.map((t) => [TYPE_BYTE[t], t]));
  const counts: Record<HashType, number> = { UCI: 0, COUNTRYCODEUCI: 0, SIGNATURE: 0 };
  for (const bytes of chunks) {
    for (let at = 0; at + RECORD_BYTES <= bytes.length; at += RECORD_BYTES) {
      const type = byType.get(bytes[at]!);
      if (!type) throw new Error(`record at byte ${at} has an unknown hash type ${bytes[at]}`);
      counts[type]++;
    }
  }
  // Two passes, one buffer per type: no object per record even for millions of them.
  const buffers = { UCI: Buffer.alloc(counts.UCI * HASH_BYTES), COUNTRYCODEUCI: Buffer.alloc(counts.COUNTRYCODEUCI * HASH_BYTES), SIGNATURE: Buffer.alloc(counts.SIGNATURE * HASH_BYTES) };
  const filled: Record<HashType, number> = { UCI: 0, COUNTRYCODEUCI: 0, SIGNATURE: 0 };
  for (const bytes of chunks) {
    for (let at = 0; at + RECORD_BYTES <= bytes.length; at += RECORD_BYTES) {
      const type = byType.get(bytes[at]!)!;
      buffers[type].set(bytes.subarray(at + 1, at + RECORD_BYTES), filled[type]);
      filled[type] += HASH_BYTES;
    }
  }
  return { UCI: new SortedHashes(buffers.UCI), COUNTRYCODEUCI: new SortedHashes(buffers.COUNTRYCODEUCI), SIGNATURE: new SortedHashes(buffers.SIGNATURE) };
}

export function readState(dir: string): RevocationState | null {
  try {
    return RevocationState.parse(JSON.parse(readFileSync(path.join(dir, STATE_FILE), 'utf8')));
  } catch {
    return null;
  }
}

/** The list in `dir`, re-read when its state changes; a chunk that does not match its hash makes it unusable. */
export function revocationStore(dir: string | undefined): () => Promise<Loaded<DccRevocationList>> {
  let cache: { stamp: string; content: string; loaded: Loaded<DccRevocationList> } | undefined;
  return async () => {
    if (!dir) return { ok: false, detail: 'no DCC revocation list configured' };
    let stamp: string;
    try {
      // Synchronous: looked at for every DCC scan, and a stat is cheaper than a trip through the thread pool.
      const info = statSync(path.join(dir, STATE_FILE));
      stamp = `${info.mtimeMs}:${info.size}`;
    } catch {
      return { ok: false, detail: `no DCC revocation list has been downloaded into ${dir} yet` };
    }
    if (cache?.stamp === stamp) return cache.loaded;
    const state = readState(dir);
    // A confirmation only moves checkedAt: the chunks already loaded stay, so a big list is not read again.
    const content = state ? `${state.version}:${state.chunks.map((c) => c.sha256).join(',')}` : '';
    if (state && cache?.content === content && cache.loaded.ok) {
      cache = { stamp, content, loaded: { ok: true, value: { ...cache.loaded.value, checkedAt: new Date(state.checkedAt) } } };
      return cache.loaded;
    }
    let loaded: Loaded<DccRevocationList>;
    if (!state) loaded = { ok: false, detail: `${path.join(dir, STATE_FILE)} is unreadable: download the revocation list again` };
    else {
      try {
        const chunks: Buffer[] = [];
        for (const chunk of state.chunks) {
          const bytes = await readFile(chunkFile(dir, state.version, chunk.index));
          if (bytes.length !== chunk.size || sha256Hex(bytes) !== chunk.sha256) throw new Error(`chunk ${chunk.index} does not match its SHA-256`);
          chunks.push(bytes);
        }
        loaded = { ok: true, value: { version: state.version, checkedAt: new Date(state.checkedAt), hashes: hashesByType(chunks) } };
      } catch (error) {
        loaded = { ok: false, detail: `DCC revocation list version ${state.version} is damaged (${(error as Error).message}): download it again` };
      }
    }
    cache = { stamp, content, loaded };
    return loaded;
  };
}
