// Builds the one Scan type from whatever a scanner delivered.
import type { Scan } from '../../../../common/contract/devices.ts';

export function makeScan(source: Scan['source'], text: string, bytes: Uint8Array, extra: { symbology?: string | undefined; aim?: string | undefined } = {}): Scan {
  return {
    text,
    source,
    ...(extra.symbology ? { symbology: extra.symbology } : {}),
    ...(extra.aim ? { aim: extra.aim } : {}),
    at: new Date().toISOString(),
    rawBase64: Buffer.from(bytes).toString('base64'),
  };
}
