// The two primitives the protocol's chain and signatures are built on. The rules live here, once; each program passes
// its platform's implementation (node:crypto at the kiosk and at the registry), so this layer stays free of Node.
export interface WireDigest {
  sha256Hex(data: string | Uint8Array): string;
  hmacSha256Hex(key: string, data: string): string;
}

/** Compares two hex digests in time that does not depend on where they differ. */
export function sameDigest(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}
