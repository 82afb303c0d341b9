// Our offline signed format (docs/health-code-format.md): GK1: base45(zlib(COSE_Sign1 ES256 over CWT claims)).
import { createPublicKey, sign, type KeyObject } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { base45Encode } from './base45.ts';
import { ALG_ES256, decodeCoseSign1, encodeCbor, encodeCoseSign1 } from './cose.ts';
import { CLAIM_EXP, CLAIM_IAT, CLAIM_ISS, decodeCwtClaims } from './cwt.ts';
import type { HealthFacts } from '../../../common/contract/health-code.ts';
import { decodeHealthClaims, encodeHealthClaims, type HealthClaims } from './health-claims.ts';
import { isoString } from './iso-dates.ts';
import { checkWindow, invalid, technical, type VerificationOutcome } from './outcome.ts';
import { qrTextToCose } from './qr-text.ts';
import { checkCoseSignature, spkiKidOf, type TrustedKey } from './signature.ts';
import type { RevocationList } from './trust-list.ts';

export const GATE_CODE_PREFIX = 'GK1:';
/** A private-use CWT claim (RFC 8392: below -65536) holding the gate facts. */
export const CLAIM_GATE = -65537;
const GATE_COLOUR = 1;
const GATE_NAME = 2;
const GATE_ID_HASH = 3;
const GATE_CARD_ID = 4;

export const COLOURS = ['green', 'yellow', 'red', 'review'] as const;
export type Colour = (typeof COLOURS)[number];

export interface GateCodeInput {
  privateKey: KeyObject;
  issuer: string;
  colour: Colour;
  maskedName: string;
  idHash?: Uint8Array;
  /** Present only on printed resident cards, which live long and are revoked by this id. */
  cardId?: string;
  issuedAt: Date;
  lifetimeSeconds: number;
  /** Optional health claims (test, antigen, vaccination, travel flag); codes without them verify as before. */
  health?: HealthClaims;
}

export function signGateCode(input: GateCodeInput): string {
  if (input.privateKey.asymmetricKeyType !== 'ec' || input.privateKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new Error('the signer key must be an EC P-256 private key (create one with `gate-kiosk keys`)');
  }
  const gate = new Map<number, unknown>([[GATE_COLOUR, input.colour], [GATE_NAME, input.maskedName]]);
  if (input.idHash) gate.set(GATE_ID_HASH, Buffer.from(input.idHash));
  if (input.cardId !== undefined) gate.set(GATE_CARD_ID, input.cardId);
  if (input.health) encodeHealthClaims(input.health, gate);
  const iat = Math.floor(input.issuedAt.getTime() / 1000);
  const claims = new Map<number, unknown>([
    [CLAIM_ISS, input.issuer],
    [CLAIM_IAT, iat],
    [CLAIM_EXP, iat + Math.round(input.lifetimeSeconds)],
    [CLAIM_GATE, gate],
  ]);
  const kid = Buffer.from(spkiKidOf(createPublicKey(input.privateKey)), 'hex');
  const cose = encodeCoseSign1(ALG_ES256, kid, encodeCbor(claims), (data) => sign('sha256', data, { key: input.privateKey, dsaEncoding: 'ieee-p1363' }));
  return GATE_CODE_PREFIX + base45Encode(deflateSync(cose, { level: 9 }));
}

export interface GateCodePolicy {
  /** Both ways: a kiosk clock a little ahead or behind must not flip results. */
  skewSeconds: number;
  /** Short-lived codes older than this (from iat) fail even if the signer set a later exp: an old screenshot must fail. */
  maxAgeSeconds: number;
  /** When the pinned list stops being trusted; undefined when the keys were given directly (scripted checks). */
  trustListExpiresAt?: Date;
  /** What to say when that list is stale (which list, and what to do). */
  staleDetail?: string;
  /** Undefined: cards cannot be checked for revocation, so they are refused with error/no-trust-list. 'skip' for scripted checks. */
  revocation?: RevocationList | 'skip';
}

interface GateFacts {
  colour: Colour;
  maskedName: string;
  idHash: Uint8Array | undefined;
  cardId: string | undefined;
  health: HealthFacts;
}

function readGateClaim(value: unknown, at: Date): GateFacts | string {
  if (!(value instanceof Map)) return 'no gate claim';
  const colour = value.get(GATE_COLOUR);
  const name = value.get(GATE_NAME);
  const idHash = value.get(GATE_ID_HASH);
  const cardId = value.get(GATE_CARD_ID);
  if (typeof colour !== 'string' || !(COLOURS as readonly string[]).includes(colour)) return 'gate claim has no known colour';
  if (typeof name !== 'string') return 'gate claim has no masked name';
  if (idHash !== undefined && !(idHash instanceof Uint8Array)) return 'gate claim id hash is not bytes';
  if (cardId !== undefined && typeof cardId !== 'string') return 'gate claim card id is not text';
  const health = decodeHealthClaims(value, at);
  if (typeof health === 'string') return `gate claim: ${health}`;
  return { colour: colour as Colour, maskedName: name, idHash, cardId, health };
}

export function verifyGateCodeText(text: string, keys: readonly TrustedKey[], at: Date, policy: GateCodePolicy): VerificationOutcome {
  const coseBytes = qrTextToCose(text, GATE_CODE_PREFIX);
  if (!coseBytes.ok) return invalid(at, 'malformed', coseBytes.detail, 'offline-signed');
  const cose = decodeCoseSign1(coseBytes.value);
  if (!cose.ok) return invalid(at, 'malformed', cose.detail, 'offline-signed');
  const claims = decodeCwtClaims(cose.value.payload);
  if (!claims.ok) return invalid(at, 'malformed', claims.detail, 'offline-signed');
  const { iat, exp } = claims.value;
  const facts = readGateClaim(claims.value.all.get(CLAIM_GATE), at);
  if (typeof facts === 'string') return invalid(at, 'malformed', facts, 'offline-signed');
  if (iat === undefined || exp === undefined) return invalid(at, 'malformed', 'iat or exp claim missing', 'offline-signed');
  const isCard = facts.cardId !== undefined;
  const source = isCard ? 'resident-card' : 'offline-signed';

  const reasons: Array<'stale-trust-list' | 'bad-signature' | 'unknown-signer' | 'expired' | 'not-yet-valid' | 'revoked'> = [];
  const details: string[] = [];
  if (policy.trustListExpiresAt && at.getTime() > policy.trustListExpiresAt.getTime()) {
    reasons.push('stale-trust-list');
    details.push(policy.staleDetail ?? `trust list expired at ${policy.trustListExpiresAt.toISOString()}: update it before checking offline codes`);
  }
  const signature = checkCoseSignature(cose.value, keys, isCard ? 'card' : 'code');
  if (signature.check !== 'ok') {
    reasons.push(signature.check === 'unknown-key' ? 'unknown-signer' : 'bad-signature');
    details.push(signature.detail);
  }
  const validity = checkWindow(iat, exp, at, policy.skewSeconds);
  let expired = validity.expired;
  if (validity.reasons.includes('not-yet-valid')) details.push(`issued at ${new Date(iat * 1000).toISOString()}, after the check time: check the kiosk clock`);
  if (expired) details.push(`expired at ${new Date(exp * 1000).toISOString()}`);
  reasons.push(...validity.reasons);
  const ageSeconds = at.getTime() / 1000 - iat;
  if (!isCard && !expired && ageSeconds > policy.maxAgeSeconds + policy.skewSeconds) {
    expired = true;
    reasons.push('expired');
    details.push(`issued ${Math.round(ageSeconds)} s ago, more than the ${policy.maxAgeSeconds} s a code may live`);
  }
  const revocation = policy.revocation;
  if (isCard && revocation === undefined) {
    return technical(at, 'no-trust-list', 'no revocation list loaded: printed resident cards cannot be checked', source);
  }
  if (isCard && revocation !== undefined && revocation !== 'skip' && revocation.revoked.has(facts.cardId!)) {
    reasons.push('revoked');
    details.push(`card ${facts.cardId} is on ${revocation.describe?.(facts.cardId!) ?? `revocation list version ${revocation.version}`}`);
  }
  const first = reasons[0];
  if (first !== undefined) return invalid(at, first, details.join('; '), source, { signature: signature.check, expired, reasons: [...reasons] });
  return {
    result: {
      status: facts.colour,
      source,
      holderName: facts.maskedName,
      checkedAt: isoString(at.getTime()),
      expiresAt: isoString(exp * 1000),
      ...(facts.idHash ? { idHash: Buffer.from(facts.idHash).toString('hex') } : {}),
      ...(facts.cardId !== undefined ? { cardId: facts.cardId } : {}),
      ...facts.health,
    },
    signature: 'ok',
    expired: false,
    reasons: [],
  };
}
