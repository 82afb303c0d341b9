// What the thermometer protocols' frames carry, read by the serial devices' shared frame hunter (serial/frame-hunter.ts).
import type { FrameDecoder, FrameEvent, FrameSpec } from '../serial/frame-hunter.ts';

/** Temperatures as a protocol gives them, in °C; the driver stamps the time. */
export interface Temperatures {
  bodyC?: number;
  objectC?: number;
  ambientC?: number;
}

export type ThermometerSpec = FrameSpec<Temperatures>;
export type ThermometerDecoder = FrameDecoder<Temperatures>;
export type ThermometerEvent = FrameEvent<Temperatures>;

/** Low byte of the sum of the bytes: the checksum both binary protocols use. */
export function sum8(bytes: Uint8Array, end = bytes.length): number {
  let total = 0;
  for (let i = 0; i < end; i++) total += bytes[i]!;
  return total & 0xff;
}
