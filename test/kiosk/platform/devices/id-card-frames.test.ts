import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeBaseInfo, encodeBaseInfo, encodeCardText, TEXT_BYTES } from '../../../../src/kiosk/platform/devices/id-card/base-info.ts';
import { createSamFrameDecoder, MAX_SAM_LENGTH, parseReply, type SamFrameEvent } from '../../../../src/kiosk/platform/devices/id-card/sam-frame-decoder.ts';
import { describeStatus, encodeCommand, encodeReply, frame, SAM_STATUS } from '../../../../src/kiosk/platform/devices/id-card/sam-protocol.ts';
import { SAMPLE_CARDS, withCheckCharacter } from '../../../../src/kiosk/platform/devices/id-card/sample-cards.ts';

const bytes = (text: string) => Uint8Array.from(text.trim().split(/\s+/).map((h) => Number.parseInt(h, 16)));
const key = Buffer.alloc(32, 7);
const protect = (n: string) => createHmac('sha256', key).update(n).digest('hex');
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) (out.set(p, at), (at += p.length));
  return out;
};
const summary = (events: SamFrameEvent[]) => events.map((e) => (e.kind === 'frame' ? `frame ${Buffer.from(e.value).toString('hex')}` : `rejected: ${e.reason}`));

describe('SAM command frames', () => {
  it.each([
    ['find', 'aa aa aa 96 69 00 03 20 01 22'],
    ['select', 'aa aa aa 96 69 00 03 20 02 21'],
    ['readBase', 'aa aa aa 96 69 00 03 30 01 32'],
    ['readWithFingerprint', 'aa aa aa 96 69 00 03 30 10 23'],
    ['samStatus', 'aa aa aa 96 69 00 03 11 ff ed'],
    ['samId', 'aa aa aa 96 69 00 03 12 ff ee'],
    ['reset', 'aa aa aa 96 69 00 03 10 ff ec'],
  ] as const)('%s is %s', (command, expected) => {
    expect(Buffer.from(encodeCommand(command)).toString('hex')).toBe(expected.replaceAll(' ', ''));
  });
});

const found = encodeReply(0x9f, new Uint8Array(4));
const noCard = encodeReply(0x80);
const success = encodeReply(0x90);

describe('the frame decoder', () => {
  const table: Array<[string, Uint8Array[], string[]]> = [
    ['a whole reply', [found], ['frame 00009f00000000']],
    ['two replies in one read', [concat(noCard, success)], ['frame 000080', 'frame 000090']],
    ['a reply split byte by byte', [...Array.from(found, (b) => Uint8Array.of(b))], ['frame 00009f00000000']],
    ['split inside the header and inside the length', [found.subarray(0, 3), found.subarray(3, 6), found.subarray(6)], ['frame 00009f00000000']],
    ['noise before a reply', [concat(bytes('01 02 aa aa 03'), noCard)], ['rejected: 5 stray byte(s) outside any frame', 'frame 000080']],
    ['noise that looks like a header start', [concat(bytes('aa aa aa 96 00'), noCard)], ['rejected: 5 stray byte(s) outside any frame', 'frame 000080']],
    ['a bad check byte, then a good reply', [concat(bytes('aa aa aa 96 69 00 04 00 00 90 00'), success)], ['rejected: bad check byte (got 00, expected 94)', 'frame 000090']],
    ['an over-long length', [concat(bytes('aa aa aa 96 69 ff ff 00 00 90'), success)], [`rejected: frame length 65535 exceeds ${MAX_SAM_LENGTH}`, 'rejected: 3 stray byte(s) outside any frame', 'frame 000090']],
    ['a length too short to be a frame', [concat(bytes('aa aa aa 96 69 00 01 01'), noCard)], ['rejected: frame length 1 is too short for a frame', 'rejected: 1 stray byte(s) outside any frame', 'frame 000080']],
    ['a real header inside a bad frame', [concat(bytes('aa aa aa 96 69 00 09 00 00'), noCard)], ['rejected: bad check byte (got 04, expected 5c)', 'frame 000080']],
  ];
  it.each(table)('%s', (_name, chunks, expected) => {
    const decoder = createSamFrameDecoder();
    expect(summary(chunks.flatMap((c) => decoder.push(c)))).toEqual(expected);
  });

  it('never buffers more than the longest frame and keeps at most 10 bytes of a rejected one', () => {
    const decoder = createSamFrameDecoder();
    const long = frame(new Uint8Array(MAX_SAM_LENGTH + 10));
    const events = decoder.push(long);
    const rejected = events.filter((e) => e.kind === 'rejected');
    expect(rejected[0]).toMatchObject({ reason: expect.stringContaining('exceeds') });
    for (const r of rejected) expect(r.kind === 'rejected' && r.bytes.length).toBeLessThanOrEqual(10);
    expect(events.some((e) => e.kind === 'frame')).toBe(false);
  });

  it('gives the same frames whatever the read sizes (4 KiB of noise between 20 replies)', () => {
    let seed = 3;
    const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const stream = concat(...Array.from({ length: 20 }, () => concat(Uint8Array.from({ length: 200 }, () => Math.floor(random() * 256)), found)));
    for (const size of [1, 7, 64, 4096]) {
      const decoder = createSamFrameDecoder();
      const events: SamFrameEvent[] = [];
      for (let i = 0; i < stream.length; i += size) events.push(...decoder.push(stream.subarray(i, i + size)));
      expect(events.filter((e) => e.kind === 'frame').length).toBeGreaterThanOrEqual(20);
    }
  });

  it.each(Object.entries(SAM_STATUS).map(([code, meaning]) => [Number(code), meaning] as const))('status 00 00 %s is "%s"', (code, meaning) => {
    const decoder = createSamFrameDecoder();
    const [event] = decoder.push(encodeReply(code));
    expect(event?.kind).toBe('frame');
    const reply = parseReply(event!.kind === 'frame' ? event!.value : new Uint8Array());
    expect(reply!.sw).toEqual([0, 0, code]);
    expect(describeStatus(reply!.sw)).toBe(`${meaning} (00 00 ${code.toString(16).padStart(2, '0')})`);
  });

  it('names a status it does not know', () => {
    expect(describeStatus([0x00, 0x00, 0x55])).toBe('unknown status 00 00 55');
  });
});

describe('base information', () => {
  const data = encodeBaseInfo(encodeCardText(SAMPLE_CARDS.wang));

  it('is 1295 bytes as a reply frame with length 0x0508', () => {
    const reply = encodeReply(0x90, data);
    expect(reply.length).toBe(1295);
    expect([reply[5], reply[6]]).toEqual([0x05, 0x08]);
  });

  it('decodes every field, and holds the ID number only as a keyed hash and a masked form', () => {
    const result = decodeBaseInfo(data, protect);
    expect(result).toEqual({
      ok: true,
      photoBytes: 1024,
      card: {
        document: 'resident',
        name: '王小明',
        sex: 'male',
        nation: '01',
        birthDate: '1985-03-12',
        address: '上海市黄浦区幸福里小区3号楼2单元501室',
        issuedBy: '上海市公安局黄浦分局',
        validFrom: '2015-06-01',
        validUntil: '2035-06-01',
        idHash: protect(SAMPLE_CARDS.wang.idNumber),
        maskedId: `3101**********${SAMPLE_CARDS.wang.idNumber.slice(-4)}`,
      },
    });
    expect(JSON.stringify(result)).not.toContain(SAMPLE_CARDS.wang.idNumber);
  });

  it('reads 长期 as long-term and 2 as female', () => {
    const result = decodeBaseInfo(encodeBaseInfo(encodeCardText(SAMPLE_CARDS.li)), protect);
    expect(result.ok && result.card).toMatchObject({ sex: 'female', validUntil: 'long-term', birthDate: '1952-07-08' });
  });

  it('keeps no photo: the card carries only its byte count', () => {
    const result = decodeBaseInfo(data, protect);
    expect(Object.keys(result.ok ? result.card : {})).not.toContain('photo');
  });

  it('decodes a 30 10 reply with its fingerprint length', () => {
    const fingerprint = new Uint8Array(1024);
    const withFp = concat(data.subarray(0, 4), Uint8Array.of(0x04, 0x00), data.subarray(4), fingerprint);
    expect(decodeBaseInfo(withFp, protect, { fingerprint: true })).toMatchObject({ ok: true, card: { name: '王小明' } });
  });

  const bad = (change: (d: Uint8Array) => Uint8Array) => decodeBaseInfo(change(Uint8Array.from(data)), protect);
  it.each([
    ['too short', () => new Uint8Array(3), 'base information too short (3 bytes)'],
    ['a text block of another size', (d: Uint8Array) => ((d[1] = 0x80), d), 'text block of 384 bytes'],
    ['a photo block too big', (d: Uint8Array) => ((d[2] = 0x08), d), 'photo block of 2048 bytes'],
    ['lengths that do not match the data', (d: Uint8Array) => d.subarray(0, 1000), 'its lengths say 1284'],
    ['no name', (d: Uint8Array) => (d.fill(0x20, 4, 34).fill(0x00, 5, 34), d), 'the card text has no name'],
  ])('refuses %s', (_name, change, reason) => {
    const result = bad(change as (d: Uint8Array) => Uint8Array);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toContain(reason);
  });

  it('refuses an ID number that does not add up, without saying the number', () => {
    const number = SAMPLE_CARDS.wang.idNumber;
    const wrong = number.slice(0, 17) + (number[17] === '1' ? '2' : '1');
    const result = decodeBaseInfo(encodeBaseInfo(encodeCardText({ ...SAMPLE_CARDS.wang, idNumber: wrong })), protect);
    expect(result).toEqual({ ok: false, reason: 'the ID number on the card does not add up' });
  });

  it('refuses a bad birth date and bad validity dates', () => {
    expect(decodeBaseInfo(encodeBaseInfo(encodeCardText({ ...SAMPLE_CARDS.wang, birthDate: '19851332' })), protect)).toMatchObject({ ok: false, reason: expect.stringContaining('birth date') });
    expect(decodeBaseInfo(encodeBaseInfo(encodeCardText({ ...SAMPLE_CARDS.wang, validUntil: '2035' })), protect)).toMatchObject({ ok: false, reason: expect.stringContaining('validity') });
  });

  it('recognises a foreign permanent resident card by its type mark', () => {
    const text = new Uint8Array(TEXT_BYTES);
    for (let i = 0; i < TEXT_BYTES; i += 2) text[i] = 0x20;
    const put = (at: number, value: string) => text.set(Buffer.from(value, 'utf16le'), at);
    put(0, 'SMITH JOHN');
    put(120, '1');
    put(122, 'USA310085030501');
    put(152, 'USA');
    put(158, '史密斯');
    put(188, '20200101');
    put(204, '20300101');
    put(220, '19850305');
    put(240, '1500');
    put(248, 'I');
    const result = decodeBaseInfo(encodeBaseInfo(text), protect);
    expect(result.ok && result.card).toMatchObject({ document: 'foreign', name: '史密斯', nation: 'USA', birthDate: '1985-03-05', maskedId: 'USA3*******0501' });
  });

  it('sample cards have valid check characters', () => {
    expect(withCheckCharacter('11010519491231002')).toBe('11010519491231002X');
  });
});
