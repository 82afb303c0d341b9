// Turns a QR code PNG into a Y4M video that Chromium plays as its fake camera (--use-file-for-fake-video-capture).
import { writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';

const WIDTH = 640;
const HEIGHT = 480;

/** Writes `frames` frames of the PNG centred on white, in 4:2:0 (grey: only luma carries the code). */
export function writeQrVideo(png: Buffer, file: string, frames = 10): void {
  const image = PNG.sync.read(png);
  const scale = Math.max(1, Math.floor(Math.min((WIDTH - 40) / image.width, (HEIGHT - 40) / image.height)));
  const left = Math.floor((WIDTH - image.width * scale) / 2);
  const top = Math.floor((HEIGHT - image.height * scale) / 2);
  const luma = Buffer.alloc(WIDTH * HEIGHT, 255);
  for (let y = 0; y < image.height * scale; y++) {
    for (let x = 0; x < image.width * scale; x++) {
      const i = (Math.floor(y / scale) * image.width + Math.floor(x / scale)) * 4;
      const alpha = image.data[i + 3]! / 255;
      const grey = 0.299 * image.data[i]! + 0.587 * image.data[i + 1]! + 0.114 * image.data[i + 2]!;
      luma[(top + y) * WIDTH + left + x] = Math.round(grey * alpha + 255 * (1 - alpha));
    }
  }
  const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F10:1 Ip A1:1 C420jpeg\n`), ...Array.from({ length: frames }, () => frame)]));
}
