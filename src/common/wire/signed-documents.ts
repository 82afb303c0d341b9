// What the district sends down is signed with the district's own key (Ed25519), which the kiosk pins at enrolment, and
// checked before it takes effect whatever the transport: an on-path proxy can withhold a document, never change one.
// The signature covers a small header (kind, version, compound, when served, SHA-256 of the content), so a kiosk that
// already holds a version is answered with a signed "unchanged" header alone, and the age the kiosk shows is the
// registry's signed time, not the time some answer arrived.
import { z } from 'zod';
import { canonicalJson } from './canonical-json.ts';
import type { WireDigest } from './digest.ts';
import { EnrolAnswer } from './schemas.ts';

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex characters (SHA-256)');
const Base64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64').max(400);

export const SignedKind = z.enum(['policy', 'trust-list', 'revoked-cards', 'watch-list']);
export type SignedKind = z.infer<typeof SignedKind>;

/** Documents addressed to one compound (its watch list); the others are the same for the whole district. */
export const PER_COMPOUND: readonly SignedKind[] = ['watch-list'];

export const DocumentHeader = z.object({
  kind: SignedKind,
  version: z.number().int().min(0),
  /** The compound a per-compound document is for; null for district-wide documents. */
  compoundId: z.string().max(64).nullable(),
  district: z.string().max(64),
  publishedAt: z.string().nullable(),
  /** The registry's clock when it answered: what the kiosk shows the document's age from. */
  servedAt: z.iso.datetime(),
  /** SHA-256 of the canonical JSON of the content; null in an "unchanged" answer, which carries no content. */
  contentSha256: Hex64.nullable(),
});
export type DocumentHeader = z.infer<typeof DocumentHeader>;

export const SignedDownlink = z.object({ header: DocumentHeader, signature: Base64, content: z.unknown().optional() });
export type SignedDownlink = z.infer<typeof SignedDownlink>;

/** The enrolment answer with what the kiosk pins: the district's public key and the compound's watch-list key. */
export const PinnedEnrolAnswer = EnrolAnswer.extend({
  /** Ed25519 public key, SPKI DER in base64. */
  districtKey: Base64.min(40),
  /** HMAC key for this compound's watch-list tokens (64 hex); derived by the district, never a roster key. */
  watchKey: Hex64,
});
export type PinnedEnrolAnswer = z.infer<typeof PinnedEnrolAnswer>;

/** Ed25519 verification, provided by each program (node:crypto) so this layer stays free of Node. */
export interface SignatureCheck {
  verify(publicKeyBase64: string, message: string, signatureBase64: string): boolean;
}

const CONTEXT = 'gate-kiosk district document v1\n';

/** The exact text that is signed: a fixed context line, then the header as canonical JSON. */
export function headerMessage(header: DocumentHeader): string {
  return CONTEXT + canonicalJson(header);
}

export function contentSha256(digest: WireDigest, content: unknown): string {
  return digest.sha256Hex(canonicalJson(content ?? null));
}

export type CheckedDownlink =
  | { ok: true; header: DocumentHeader; /** null in an "unchanged" answer */ content: unknown }
  | { ok: false; reason: string };

export interface Expected {
  kind: SignedKind;
  compoundId: string;
  /** The pinned district key. */
  districtKey: string;
  /** The version the kiosk holds, or null. */
  have: number | null;
}

/** Checks an answer against the pinned key and what was asked; nothing in it may be used unless this says ok. */
export function checkSignedDownlink(answer: unknown, expected: Expected, tools: { digest: WireDigest; signatures: SignatureCheck }): CheckedDownlink {
  const parsed = SignedDownlink.safeParse(answer);
  if (!parsed.success) return { ok: false, reason: `the ${expected.kind} answer is malformed` };
  const { header, signature, content } = parsed.data;
  if (header.kind !== expected.kind) return { ok: false, reason: `asked for ${expected.kind}, got ${header.kind}` };
  const wantCompound = PER_COMPOUND.includes(expected.kind) ? expected.compoundId : null;
  if (header.compoundId !== wantCompound) return { ok: false, reason: `the ${expected.kind} document is addressed to another compound` };
  let valid = false;
  try {
    valid = tools.signatures.verify(expected.districtKey, headerMessage(header), signature);
  } catch {
    valid = false;
  }
  if (!valid) return { ok: false, reason: `the ${expected.kind} document is not signed by this kiosk's district key` };
  if (header.contentSha256 === null) {
    if (header.version !== expected.have) return { ok: false, reason: `an "unchanged" ${expected.kind} answer for a version this kiosk does not hold` };
    return { ok: true, header, content: null };
  }
  if (content === undefined || contentSha256(tools.digest, content) !== header.contentSha256) {
    return { ok: false, reason: `the ${expected.kind} content does not match its signed hash: it was altered on the way` };
  }
  return { ok: true, header, content };
}
