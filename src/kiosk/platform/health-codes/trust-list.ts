// The pinned trust list (signer keys with their own version and expiry) and the resident-card revocation list.
import { z } from 'zod';
import { trustedKeyFromText, type KeyUse, type TrustedKey } from './signature.ts';

export const TrustListFile = z.object({
  version: z.number().int().nonnegative(),
  issuedAt: z.iso.datetime({ offset: true }),
  /** After this instant the list is stale and every offline check refuses: a long-offline kiosk must not trust forever. */
  expiresAt: z.iso.datetime({ offset: true }),
  keys: z.array(
    z.object({
      /** Hex, 8 bytes: SHA-256 of the SPKI (our format) or of the certificate (DCC). Checked against the key on load. */
      kid: z.string().regex(/^[0-9a-f]{16}$/i),
      /** PEM public key, or PEM / base64 DER X.509 certificate (needed for DCC signers). */
      publicKey: z.string().min(1),
      use: z.array(z.enum(['code', 'card', 'dcc'])).min(1).default(['code']),
      label: z.string().optional(),
    }),
  ),
});
export type TrustListFile = z.infer<typeof TrustListFile>;

export interface TrustList {
  version: number;
  issuedAt: Date;
  expiresAt: Date;
  keys: TrustedKey[];
}

/** Throws with a message that names the bad entry; the verifier turns it into error/no-trust-list. */
export function parseTrustList(json: string): TrustList {
  const file = TrustListFile.parse(JSON.parse(json));
  const keys = file.keys.map((entry, i) => {
    const key = trustedKeyFromText(entry.publicKey, entry.use);
    const kid = entry.kid.toLowerCase();
    if (kid !== key.spkiKid && kid !== key.certKid) throw new Error(`trust list key ${i} (${entry.label ?? entry.kid}): kid does not match its key`);
    return key;
  });
  return { version: file.version, issuedAt: new Date(file.issuedAt), expiresAt: new Date(file.expiresAt), keys };
}

export function trustListFileFor(keys: Array<{ kid: string; publicKey: string; use: KeyUse[]; label?: string }>, issuedAt: Date, validDays: number, version = 1): TrustListFile {
  return {
    version,
    issuedAt: issuedAt.toISOString(),
    expiresAt: new Date(issuedAt.getTime() + validDays * 86_400_000).toISOString(),
    keys,
  };
}

export const RevocationListFile = z.object({
  version: z.number().int().nonnegative(),
  issuedAt: z.iso.datetime({ offset: true }),
  revokedCardIds: z.array(z.string().min(1)),
});
export type RevocationListFile = z.infer<typeof RevocationListFile>;

export interface RevocationList {
  version: number;
  issuedAt: Date;
  revoked: ReadonlySet<string>;
  /** Which list revoked a card, when several were merged. */
  describe?: (cardId: string) => string;
}

export function parseRevocationList(json: string): RevocationList {
  const file = RevocationListFile.parse(JSON.parse(json));
  return { version: file.version, issuedAt: new Date(file.issuedAt), revoked: new Set(file.revokedCardIds) };
}
