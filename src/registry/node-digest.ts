// The wire protocol's digests on node:crypto.
import { createHash, createHmac } from 'node:crypto';
import type { WireDigest } from '../common/wire/digest.ts';

export const nodeDigest: WireDigest = {
  sha256Hex: (data) => createHash('sha256').update(data).digest('hex'),
  hmacSha256Hex: (key, data) => createHmac('sha256', key).update(data).digest('hex'),
};
