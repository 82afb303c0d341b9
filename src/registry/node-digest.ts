// The wire protocol's digests on node:crypto.
import { createHmac, hash } from 'node:crypto';
import type { WireDigest } from '../common/wire/digest.ts';

export const nodeDigest: WireDigest = {
  // The one-shot hash: no Hash object per call (the registry hashes every entry it receives).
  sha256Hex: (data) => hash('sha256', data, 'hex'),
  hmacSha256Hex: (key, data) => createHmac('sha256', key).update(data).digest('hex'),
};
