// Reads a QR code out of a PNG with ZXing, in Node (no DOM): pngjs gives pixels, we give ZXing luminance.
import zxing from '@zxing/library';
import { PNG } from 'pngjs';

// @zxing/library is CommonJS: plain Node only offers its default export.
const { BinaryBitmap, DecodeHintType, HybridBinarizer, QRCodeReader, RGBLuminanceSource } = zxing;

interface Grey {
  width: number;
  height: number;
  pixels: Uint8ClampedArray;
}

function toGrey(png: Buffer): Grey {
  const image = PNG.sync.read(png);
  const pixels = new Uint8ClampedArray(image.width * image.height);
  for (let i = 0; i < pixels.length; i++) {
    const alpha = image.data[i * 4 + 3]! / 255;
    const grey = (image.data[i * 4]! * 299 + image.data[i * 4 + 1]! * 587 + image.data[i * 4 + 2]! * 114) / 1000;
    // Transparent pixels are paper: composite onto white.
    pixels[i] = Math.round(grey * alpha + 255 * (1 - alpha));
  }
  return { width: image.width, height: image.height, pixels };
}

/** Some vector images are cropped to the symbol with no quiet zone; a scanner sees paper around it, so add some. */
function padAndScale(image: Grey, margin: number, scale: number): Grey {
  const width = (image.width + 2 * margin) * scale;
  const height = (image.height + 2 * margin) * scale;
  const pixels = new Uint8ClampedArray(width * height).fill(255);
  for (let y = 0; y < image.height * scale; y++) {
    for (let x = 0; x < image.width * scale; x++) {
      pixels[(y + margin * scale) * width + x + margin * scale] = image.pixels[Math.floor(y / scale) * image.width + Math.floor(x / scale)]!;
    }
  }
  return { width, height, pixels };
}

function decodeGrey(image: Grey, pure: boolean): string {
  const bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(image.pixels, image.width, image.height)));
  const hints = new Map<zxing.DecodeHintType, unknown>([[DecodeHintType.TRY_HARDER, true]]);
  if (pure) hints.set(DecodeHintType.PURE_BARCODE, true);
  return new QRCodeReader().decode(bitmap, hints).getText();
}

/** Throws when no attempt finds a QR code. */
export function decodeQrPng(png: Buffer): string {
  const grey = toGrey(png);
  const attempts: Array<() => string> = [
    () => decodeGrey(grey, false),
    () => decodeGrey(padAndScale(grey, 16, 1), false),
    () => decodeGrey(padAndScale(grey, 8, 3), false),
    () => decodeGrey(padAndScale(grey, 16, 1), true),
  ];
  let lastError: unknown;
  for (const attempt of attempts) {
    try {
      return attempt();
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError instanceof Error ? lastError : new Error('no QR code found');
}
