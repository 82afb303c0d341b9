// Signer keys and COSE signature checks with node:crypto only.
import { constants, createHash, createPublicKey, verify, X509Certificate, type KeyObject } from 'node:crypto';
import { ALG_ES256, ALG_PS256, sigStructure, type CoseSign1 } from './cose.ts';

export type SignatureCheck = 'ok' | 'bad' | 'unknown-key' | 'not-checked';
/** What a key may sign: short-lived codes, printed resident cards, or EU DCCs. */
export type KeyUse = 'code' | 'card' | 'dcc';

export interface TrustedKey {
  publicKey: KeyObject;
  /** DCC kid: first 8 bytes of SHA-256 of the signer certificate (absent for a bare public key). */
  certKid: string | undefined;
  /** Our own format's kid: first 8 bytes of SHA-256 of the SubjectPublicKeyInfo DER, so a bare public key has one. */
  spkiKid: string;
  notBefore: Date | undefined;
  notAfter: Date | undefined;
  uses: readonly KeyUse[];
  /** The certificate's extended key usage OIDs (empty for a bare key or a certificate without the extension). */
  extendedKeyUsage: readonly string[];
}

const ALL_USES: readonly KeyUse[] = ['code', 'card', 'dcc'];

function kid(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest().subarray(0, 8).toString('hex');
}

export function spkiKidOf(publicKey: KeyObject): string {
  return kid(publicKey.export({ type: 'spki', format: 'der' }));
}

/** Accepts a base64 DER or PEM X.509 certificate, or a PEM / base64 DER public key. Throws with a readable message. */
export function trustedKeyFromText(text: string, uses: readonly KeyUse[] = ALL_USES): TrustedKey {
  const trimmed = text.trim();
  if (trimmed.includes('-----BEGIN CERTIFICATE-----')) return fromCertificate(new X509Certificate(trimmed), uses);
  if (trimmed.includes('-----BEGIN')) return fromPublicKey(createPublicKey(trimmed), uses);
  if (!/^[A-Za-z0-9+/=\s_-]+$/.test(trimmed)) throw new Error('trust entry is neither PEM nor base64');
  const der = Buffer.from(trimmed, 'base64');
  try {
    return fromCertificate(new X509Certificate(der), uses);
  } catch {
    try {
      return fromPublicKey(createPublicKey({ key: der, format: 'der', type: 'spki' }), uses);
    } catch {
      throw new Error('trust entry is not a certificate or public key (expected base64 DER X.509 or PEM)');
    }
  }
}

function fromCertificate(cert: X509Certificate, uses: readonly KeyUse[]): TrustedKey {
  return {
    publicKey: cert.publicKey,
    certKid: kid(cert.raw),
    spkiKid: spkiKidOf(cert.publicKey),
    notBefore: new Date(cert.validFrom),
    notAfter: new Date(cert.validTo),
    uses,
    // Node names the extended key usage `keyUsage` (newer releases also `extKeyUsage`).
    extendedKeyUsage: (cert as X509Certificate & { extKeyUsage?: string[] }).extKeyUsage ?? cert.keyUsage ?? [],
  };
}

function fromPublicKey(publicKey: KeyObject, uses: readonly KeyUse[]): TrustedKey {
  if (publicKey.type !== 'public') throw new Error('trust entry is a private key; give the public key');
  return { publicKey, certKid: undefined, spkiKid: spkiKidOf(publicKey), notBefore: undefined, notAfter: undefined, uses, extendedKeyUsage: [] };
}

type KeyKind = 'p256' | 'rsa' | 'other';
/** What each key is, read once: asymmetricKeyDetails builds a new object in native code at every read. A property of
 * the key, never a verification result. */
const KEY_KINDS = new WeakMap<KeyObject, KeyKind>();

function kindOf(publicKey: KeyObject): KeyKind {
  let kind = KEY_KINDS.get(publicKey);
  if (kind === undefined) {
    const type = publicKey.asymmetricKeyType;
    kind = type === 'ec' && publicKey.asymmetricKeyDetails?.namedCurve === 'prime256v1' ? 'p256' : type === 'rsa' || type === 'rsa-pss' ? 'rsa' : 'other';
    KEY_KINDS.set(publicKey, kind);
  }
  return kind;
}

export function verifyRaw(alg: number | undefined, publicKey: KeyObject, data: Buffer, signature: Uint8Array): boolean {
  try {
    if (alg === ALG_ES256) {
      if (kindOf(publicKey) !== 'p256') return false;
      return verify('sha256', data, { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature);
    }
    if (alg === ALG_PS256) {
      if (kindOf(publicKey) !== 'rsa') return false;
      return verify('sha256', data, { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, signature);
    }
    return false;
  } catch {
    return false;
  }
}

export interface SignatureOutcome {
  check: SignatureCheck;
  key: TrustedKey | undefined;
  detail: string;
}

/**
 * Looks the kid up and tries every key that shares it (kids are only 8 bytes and may collide).
 * A bare public key has no certificate kid, so for DCCs it is tried whatever the kid says; the signature still decides.
 */
export function checkCoseSignature(cose: CoseSign1, keys: readonly TrustedKey[], use: KeyUse): SignatureOutcome {
  if (cose.alg !== ALG_ES256 && cose.alg !== ALG_PS256) return { check: 'bad', key: undefined, detail: `unsupported algorithm ${String(cose.alg)}` };
  const kidHex = cose.kid ? Buffer.from(cose.kid.buffer, cose.kid.byteOffset, cose.kid.byteLength).toString('hex') : undefined;
  // One pass, no intermediate lists: this runs over the whole trust list at every scan.
  const candidates: TrustedKey[] = [];
  for (const k of keys) {
    if (!k.uses.includes(use)) continue;
    if (kidHex === undefined || (use === 'dcc' ? k.certKid === undefined || k.certKid === kidHex : k.spkiKid === kidHex)) candidates.push(k);
  }
  if (candidates.length === 0) return { check: 'unknown-key', key: undefined, detail: `no trusted signer with kid ${kidHex ?? '(none)'}` };
  const data = sigStructure(cose.protectedBytes, cose.payload);
  for (const key of candidates) if (verifyRaw(cose.alg, key.publicKey, data, cose.signature)) return { check: 'ok', key, detail: 'signature verified' };
  return { check: 'bad', key: undefined, detail: `signature does not verify with ${candidates.length} trusted key(s) for kid ${kidHex ?? '(none)'}` };
}
