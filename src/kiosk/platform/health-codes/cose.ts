// COSE_Sign1 (RFC 9052) decoding and the Sig_structure both signer and verifier hash.
import { Encoder, Tag } from 'cbor-x';
import { decodeCborItem } from './cbor-decode.ts';

/** Integer-keyed maps must stay Maps: CWT claim keys and COSE header labels are numbers. */
const encoder = new Encoder({ mapsAsObjects: false, useRecords: false, tagUint8Array: false, variableMapSize: true });

const TAG_COSE_SIGN1 = 18;
const TAG_CWT = 61;
const HEADER_ALG = 1;
const HEADER_KID = 4;
export const ALG_ES256 = -7;
export const ALG_PS256 = -37;

export type Decoded<T> = { ok: true; value: T } | { ok: false; detail: string };

export interface CoseSign1 {
  protectedBytes: Uint8Array;
  protectedHeader: Map<unknown, unknown>;
  unprotectedHeader: Map<unknown, unknown>;
  payload: Uint8Array;
  signature: Uint8Array;
  /** Protected header wins over unprotected: only the protected one is covered by the signature. */
  alg: number | undefined;
  kid: Uint8Array | undefined;
}

export function decodeCbor(bytes: Uint8Array): Decoded<unknown> {
  const decoded = decodeCborItem(bytes);
  return decoded.ok ? decoded : { ok: false, detail: `not valid CBOR (${decoded.detail})` };
}

export function encodeCbor(value: unknown): Uint8Array {
  return encoder.encode(value);
}

function isBytes(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array;
}

function headerValue(primary: Map<unknown, unknown>, secondary: Map<unknown, unknown>, label: number): unknown {
  return primary.has(label) ? primary.get(label) : secondary.get(label);
}

export function decodeCoseSign1(bytes: Uint8Array): Decoded<CoseSign1> {
  const decoded = decodeCbor(bytes);
  if (!decoded.ok) return decoded;
  let value = decoded.value;
  // The CWT tag may wrap the COSE_Sign1 tag; both are optional in DCCs.
  for (let depth = 0; value instanceof Tag && depth < 2; depth++) {
    if (value.tag !== TAG_COSE_SIGN1 && value.tag !== TAG_CWT) return { ok: false, detail: `unexpected CBOR tag ${value.tag}` };
    value = value.value;
  }
  if (!Array.isArray(value) || value.length !== 4) return { ok: false, detail: 'not a COSE_Sign1 array of four items' };
  const [protectedBytes, unprotected, payload, signature] = value as unknown[];
  if (!isBytes(protectedBytes) || !isBytes(payload) || !isBytes(signature)) return { ok: false, detail: 'COSE_Sign1 items have the wrong types' };
  if (!(unprotected instanceof Map)) return { ok: false, detail: 'COSE unprotected header is not a map' };
  let protectedHeader = new Map<unknown, unknown>();
  if (protectedBytes.length > 0) {
    const header = decodeCbor(protectedBytes);
    if (!header.ok || !(header.value instanceof Map)) return { ok: false, detail: 'COSE protected header is not a CBOR map' };
    protectedHeader = header.value;
  }
  const alg = headerValue(protectedHeader, unprotected, HEADER_ALG);
  const kid = headerValue(protectedHeader, unprotected, HEADER_KID);
  return {
    ok: true,
    value: {
      protectedBytes,
      protectedHeader,
      unprotectedHeader: unprotected,
      payload,
      signature,
      alg: typeof alg === 'number' ? alg : undefined,
      kid: isBytes(kid) ? kid : undefined,
    },
  };
}

/** The CBOR head of a byte string of this length, written at `at`; answers the head's size. */
function writeBstrHead(out: Uint8Array, at: number, length: number): number {
  if (length < 24) {
    out[at] = 0x40 | length;
    return 1;
  }
  if (length < 0x100) {
    out[at] = 0x58;
    out[at + 1] = length;
    return 2;
  }
  if (length < 0x10000) {
    out[at] = 0x59;
    out[at + 1] = length >> 8;
    out[at + 2] = length & 0xff;
    return 3;
  }
  out[at] = 0x5a;
  out[at + 1] = (length >>> 24) & 0xff;
  out[at + 2] = (length >>> 16) & 0xff;
  out[at + 3] = (length >>> 8) & 0xff;
  out[at + 4] = length & 0xff;
  return 5;
}

const headSize = (length: number) => (length < 24 ? 1 : length < 0x100 ? 2 : length < 0x10000 ? 3 : 5);
/** 0x84 (array of four), then "Signature1" as a text string of ten bytes (0x6a). */
const SIG1_PREFIX = Buffer.from([0x84, 0x6a, ...Buffer.from('Signature1', 'ascii')]);

/** The bytes actually signed: ["Signature1", protected, external_aad = h'', payload]. Built by hand so it never depends
 * on encoder options, in one buffer (it is built for every scan). */
export function sigStructure(protectedBytes: Uint8Array, payload: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(SIG1_PREFIX.length + headSize(protectedBytes.length) + protectedBytes.length + 1 + headSize(payload.length) + payload.length);
  let at = SIG1_PREFIX.copy(out, 0);
  at += writeBstrHead(out, at, protectedBytes.length);
  out.set(protectedBytes, at);
  at += protectedBytes.length;
  out[at++] = 0x40;
  at += writeBstrHead(out, at, payload.length);
  out.set(payload, at);
  return out;
}

/** Encodes a tagged COSE_Sign1 with alg and kid in the protected header. */
export function encodeCoseSign1(alg: number, kid: Uint8Array, payload: Uint8Array, sign: (toBeSigned: Buffer) => Uint8Array): Uint8Array {
  const protectedBytes = encodeCbor(new Map<number, unknown>([[HEADER_ALG, alg], [HEADER_KID, Buffer.from(kid)]]));
  const signature = sign(sigStructure(protectedBytes, payload));
  return encodeCbor(new Tag([Buffer.from(protectedBytes), new Map(), Buffer.from(payload), Buffer.from(signature)], TAG_COSE_SIGN1));
}
