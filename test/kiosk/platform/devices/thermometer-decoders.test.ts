import { describe, expect, it } from 'vitest';
import { hex } from '../../../../src/kiosk/platform/devices/serial/frame-hunter.ts';
import type { ThermometerEvent } from '../../../../src/kiosk/platform/devices/thermometer/frames.ts';
import {
  createThermometerDecoder,
  encodeAa55,
  encodeAscii,
  encodeGy90614,
  findGyCommands,
  GY_COMMANDS,
  type ThermometerProtocol,
} from '../../../../src/kiosk/platform/devices/thermometer/protocols.ts';

const bytes = (...values: number[]) => Uint8Array.from(values);
const text = (s: string) => new TextEncoder().encode(s);
const concat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));

function decodeAll(protocol: ThermometerProtocol, chunks: Uint8Array[]): ThermometerEvent[] {
  const decoder = createThermometerDecoder(protocol);
  return chunks.flatMap((chunk) => decoder.push(chunk));
}

function summary(events: ThermometerEvent[]): string[] {
  return events.map((e) => (e.kind === 'frame' ? `reading ${JSON.stringify(e.value)}` : `rejected ${e.reason} [${hex(e.bytes)}]`));
}

/** Every way to cut a stream in two and in single bytes must give the same events as one read. */
function everySplit(stream: Uint8Array): Uint8Array[][] {
  const splits: Uint8Array[][] = [[stream], Array.from(stream, (b) => bytes(b))];
  for (let cut = 1; cut < stream.length; cut++) splits.push([stream.subarray(0, cut), stream.subarray(cut)]);
  return splits;
}

const cases: Array<{ name: string; protocol: ThermometerProtocol; stream: Uint8Array; expected: string[] }> = [
  { name: 'ascii: one frame', protocol: 'ascii', stream: text('{36.7}'), expected: ['reading {"bodyC":36.7}'] },
  {
    name: 'ascii: frames with CR LF between them are not noise',
    protocol: 'ascii',
    stream: text('{36.7}\r\n{36.8}\r\n'),
    expected: ['reading {"bodyC":36.7}', 'reading {"bodyC":36.8}'],
  },
  {
    name: 'ascii: garbage between frames is reported once and the next frame still decodes',
    protocol: 'ascii',
    stream: text('{36.7}xyz{37.1}'),
    expected: ['reading {"bodyC":36.7}', 'rejected 3 stray byte(s) outside any frame [78 79 7a]', 'reading {"bodyC":37.1}'],
  },
  {
    name: 'ascii: a frame restarted mid-way resynchronises on the new "{"',
    protocol: 'ascii',
    stream: text('{36{36.5}'),
    expected: ['rejected frame restarted before "}" [7b 33 36]', 'reading {"bodyC":36.5}'],
  },
  {
    name: 'ascii: non-numeric content is refused',
    protocol: 'ascii',
    stream: text('{ERR}{36.6}'),
    expected: ['rejected "ERR" is not a temperature [7b 45 52 52 7d]', 'reading {"bodyC":36.6}'],
  },
  {
    name: 'ascii: an unterminated frame is capped at 12 bytes',
    protocol: 'ascii',
    stream: text('{123456789012345{36.6}'),
    expected: ['rejected no "}" within 12 bytes [7b 31 32 33 34 35 36 37 38 39 30 31]', 'rejected 4 stray byte(s) outside any frame [32 33 34 35]', 'reading {"bodyC":36.6}'],
  },
  {
    name: 'ascii: a value outside the module range is refused',
    protocol: 'ascii',
    stream: text('{999.0}'),
    expected: ['rejected 999 °C is outside the module\'s range [7b 39 39 39 2e 30 7d]'],
  },
  { name: 'aa55: the documented frame is 36.7 °C', protocol: 'aa55', stream: bytes(0xaa, 0x55, 0x06, 0x24, 0x07, 0x30), expected: ['reading {"bodyC":36.7}'] },
  {
    name: 'aa55: a bad checksum is refused and the next frame decodes',
    protocol: 'aa55',
    stream: concat(bytes(0xaa, 0x55, 0x06, 0x24, 0x07, 0x31), encodeAa55(37.4)),
    expected: ['rejected bad checksum (got 49, expected 48) [aa 55 06 24 07 31]', 'reading {"bodyC":37.4}'],
  },
  {
    name: 'aa55: garbage containing a lone AA before a frame',
    protocol: 'aa55',
    stream: concat(bytes(0x01, 0xaa, 0x02), encodeAa55(36.2)),
    expected: ['rejected 3 stray byte(s) outside any frame [01 aa 02]', 'reading {"bodyC":36.2}'],
  },
  {
    name: 'aa55: a real frame hidden inside a frame with a huge length byte is found',
    protocol: 'aa55',
    stream: concat(bytes(0xaa, 0x55, 0xf0), encodeAa55(36.9)),
    expected: ['rejected frame length 240 exceeds 16 [aa 55 f0]', 'reading {"bodyC":36.9}'],
  },
  {
    name: 'aa55: tenths above 9 are out of range',
    protocol: 'aa55',
    stream: bytes(0xaa, 0x55, 0x06, 0x24, 0x0c, 0x35),
    expected: ['rejected tenths digit 12 is not 0-9 [aa 55 06 24 0c 35]'],
  },
  {
    name: 'aa55: a too short length is refused',
    protocol: 'aa55',
    stream: concat(bytes(0xaa, 0x55, 0x02), encodeAa55(36.0)),
    expected: ['rejected frame length 2 is too short [aa 55 02]', 'reading {"bodyC":36}'],
  },
  {
    name: 'gy90614: object and ambient in hundredths',
    protocol: 'gy90614',
    stream: bytes(0x5a, 0x5a, 0x45, 0x04, 0x0d, 0x3e, 0x09, 0x60, 0x00).map((b, i, a) => (i === 8 ? a.slice(0, 8).reduce((s, x) => s + x, 0) & 0xff : b)),
    expected: ['reading {"objectC":33.9,"ambientC":24}'],
  },
  {
    name: 'gy90614: negative ambient is signed',
    protocol: 'gy90614',
    stream: encodeGy90614(20.5, -5.25),
    expected: ['reading {"objectC":20.5,"ambientC":-5.25}'],
  },
  {
    name: 'gy90614: bad checksum, then garbage, then a good frame',
    protocol: 'gy90614',
    stream: concat(bytes(0x5a, 0x5a, 0x45, 0x04, 0x0d, 0x3e, 0x09, 0x60, 0x00), bytes(0x13, 0x37), encodeGy90614(34.0, 22.0)),
    expected: [
      'rejected bad checksum (got 0, expected 177) [5a 5a 45 04 0d 3e 09 60 00]',
      'rejected 2 stray byte(s) outside any frame [13 37]',
      'reading {"objectC":34,"ambientC":22}',
    ],
  },
  {
    name: 'gy90614: an ambient value beyond the sensor range is refused',
    protocol: 'gy90614',
    stream: encodeGy90614(36, 150),
    expected: [`rejected ambient 150 °C is outside the sensor's range [${hex(encodeGy90614(36, 150))}]`],
  },
  {
    name: 'gy90614: an unknown frame type with a valid checksum is refused',
    protocol: 'gy90614',
    stream: (() => {
      const f = bytes(0x5a, 0x5a, 0x15, 0x01, 0x07, 0);
      f[5] = f.slice(0, 5).reduce((s, x) => s + x, 0) & 0xff;
      return concat(f, encodeGy90614(30, 20));
    })(),
    expected: ['rejected unsupported frame type 0x15 with 1 data bytes [5a 5a 15 01 07 d1]', 'reading {"objectC":30,"ambientC":20}'],
  },
];

describe('thermometer decoders', () => {
  for (const c of cases) {
    it(`${c.name}, whatever the read sizes`, () => {
      for (const chunks of everySplit(c.stream)) {
        expect(summary(decodeAll(c.protocol, chunks))).toEqual(c.expected);
      }
    });
  }

  it('never buffers more than one frame of garbage: a long noise stream is reported in bounded pieces', () => {
    const noise = new Uint8Array(1000).fill(0x11);
    const events = decodeAll('aa55', [noise, encodeAa55(36.5)]);
    expect(events.filter((e) => e.kind === 'rejected').every((e) => e.bytes.length <= 64)).toBe(true);
    expect(events.at(-1)).toEqual({ kind: 'frame', value: { bodyC: 36.5 } });
  });

  it.each([
    ['{36}', '"36" is not a temperature'],
    ['{5}', '"5" is not a temperature'],
    ['{36.}', '"36." is not a temperature'],
    ['{.5}', '".5" is not a temperature'],
    ['{36.700}', '"36.700" is not a temperature'],
  ])('ascii: %s has not the board\'s shape (the protocol has no checksum)', (frame, reason) => {
    expect(summary(decodeAll('ascii', [text(frame)]))).toEqual([expect.stringContaining(`rejected ${reason}`)]);
  });

  it('finds no temperature in 4 MiB of random bytes, in any protocol', () => {
    // xorshift32 with a fixed seed: the same bytes every run.
    let x = 2463534242;
    const noise = new Uint8Array(4 * 1024 * 1024);
    for (let i = 0; i < noise.length; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      noise[i] = x & 0xff;
    }
    for (const protocol of ['ascii', 'aa55', 'gy90614'] as const) {
      const decoder = createThermometerDecoder(protocol);
      const readings: unknown[] = [];
      for (let at = 0; at < noise.length; at += 4096) for (const event of decoder.push(noise.subarray(at, at + 4096))) if (event.kind === 'frame') readings.push(event.value);
      // aa55 and gy90614 carry an 8-bit checksum: a frame or two may pass by chance, but never a person's temperature.
      const people = readings.filter((r) => {
        const t = r as { bodyC?: number; objectC?: number };
        const value = t.bodyC ?? t.objectC ?? 0;
        return value >= 34 && value <= 42;
      });
      expect(protocol === 'ascii' ? readings : people, protocol).toEqual([]);
    }
  });

  it('encoders round-trip through decoders', () => {
    expect(summary(decodeAll('ascii', [encodeAscii(38.2)]))).toEqual(['reading {"bodyC":38.2}']);
    expect(summary(decodeAll('aa55', [encodeAa55(35.9)]))).toEqual(['reading {"bodyC":35.9}']);
    expect(hex(encodeAa55(36.7))).toBe('aa 55 06 24 07 30');
  });

  it('recognises the GY-MCU90614 host commands', () => {
    expect(hex(GY_COMMANDS.continuous)).toBe('a5 45 ea');
    expect(hex(GY_COMMANDS.query)).toBe('a5 15 ba');
    expect(findGyCommands(concat(bytes(0x00), GY_COMMANDS.query, GY_COMMANDS.continuous, bytes(0xa5, 0x45, 0xeb)))).toEqual(['query', 'continuous']);
  });
});
