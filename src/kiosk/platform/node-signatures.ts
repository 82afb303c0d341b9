// Ed25519 verification of the district's signed documents, on node:crypto.
import { verify } from 'node:crypto';
import type { SignatureCheck } from '../../common/wire/signed-documents.ts';

export const nodeSignatures: SignatureCheck = {
  verify: (publicKey, message, signature) =>
    verify(null, Buffer.from(message, 'utf8'), { key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' }, Buffer.from(signature, 'base64')),
};
