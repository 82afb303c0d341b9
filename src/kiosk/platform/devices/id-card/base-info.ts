// The base information a SAM module reads from a second-generation resident ID card: a 256-byte text block and a
// 1024-byte photo block, each preceded by its length. The text is UTF-16LE padded with spaces. The ID number is turned
// into the compound's keyed hash and its masked form right here, the moment it is decoded; nothing after this function
// ever holds the full number. The photo is WLT-compressed (only the vendor's library decodes it): it is dropped.
import { maskIdNumber, normaliseIdNumber } from '../../../../common/id-number.ts';

/** What the kiosk keeps of an ID number: the compound's keyed hash (to match the roster) and the masked form (to show). */
export interface ProtectedId {
  idHash: string;
  maskedId: string;
}
/** Hashes a normalised ID number with the compound's key. */
export type IdProtector = (normalisedNumber: string) => string;

export type CardDocument = 'resident' | 'hk-mo-tw' | 'foreign';

export interface CardIdentity extends ProtectedId {
  document: CardDocument;
  name: string;
  /** 'male' | 'female' from '1' / '2'; 'unknown' otherwise. */
  sex: 'male' | 'female' | 'unknown';
  /** Two digits (01 = Han) on resident cards; the three-letter nationality on foreign permanent resident cards. */
  nation: string;
  /** YYYY-MM-DD. */
  birthDate: string;
  address: string;
  issuedBy: string;
  validFrom: string;
  /** YYYY-MM-DD, or 'long-term' (长期). */
  validUntil: string;
}

export type BaseInfoResult = { ok: true; card: CardIdentity; photoBytes: number } | { ok: false; reason: string };

export const TEXT_BYTES = 256;
export const PHOTO_BYTES = 1024;

/** Field offsets in the resident card's text block (bytes): name 30, sex 2, nation 4, birth 16, address 70, ID 36, authority 30, from 16, until 16, reserved 36. */
export const RESIDENT_LAYOUT = {
  name: [0, 30],
  sex: [30, 32],
  nation: [32, 36],
  birthDate: [36, 52],
  address: [52, 122],
  idNumber: [122, 158],
  issuedBy: [158, 188],
  validFrom: [188, 204],
  validUntil: [204, 220],
  reserved: [220, 256],
} as const;

/** The foreign permanent resident card (2017), marked 'I' at byte 248. */
const FOREIGN_LAYOUT = {
  name: [0, 120],
  sex: [120, 122],
  idNumber: [122, 152],
  nation: [152, 158],
  chineseName: [158, 188],
  validFrom: [188, 204],
  validUntil: [204, 220],
  birthDate: [220, 236],
  issuedBy: [240, 248],
} as const;
const CARD_TYPE_AT = 248;

const utf16 = new TextDecoder('utf-16le');
const field = (text: Uint8Array, [from, to]: readonly [number, number]) => utf16.decode(text.subarray(from, to)).replace(/[\s\u0000]+$/u, '').trim();

function isoDate(raw: string): string | null {
  if (!/^\d{8}$/.test(raw)) return null;
  const iso = `${raw.slice(0, 4)}-${raw.slice(4, 6)}-${raw.slice(6, 8)}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso ? null : iso;
}

const SEX = { '1': 'male', '2': 'female' } as const;

/**
 * Decodes the data of a successful read (after the status bytes). `fingerprint` is set for the 30 10 reply, which has
 * a third length. Returns why a block is refused instead of guessing.
 */
export function decodeBaseInfo(data: Uint8Array, protect: IdProtector, options: { fingerprint?: boolean } = {}): BaseInfoResult {
  const lengths = options.fingerprint ? 3 : 2;
  if (data.length < lengths * 2) return { ok: false, reason: `base information too short (${data.length} bytes)` };
  const textLength = (data[0]! << 8) | data[1]!;
  const photoLength = (data[2]! << 8) | data[3]!;
  const fingerprintLength = options.fingerprint ? (data[4]! << 8) | data[5]! : 0;
  if (textLength !== TEXT_BYTES) return { ok: false, reason: `text block of ${textLength} bytes (a card's is ${TEXT_BYTES})` };
  if (photoLength > PHOTO_BYTES) return { ok: false, reason: `photo block of ${photoLength} bytes (at most ${PHOTO_BYTES})` };
  const expected = lengths * 2 + textLength + photoLength + fingerprintLength;
  if (data.length !== expected) return { ok: false, reason: `base information of ${data.length} bytes, its lengths say ${expected}` };
  const text = data.subarray(lengths * 2, lengths * 2 + textLength);
  const typeMark = utf16.decode(text.subarray(CARD_TYPE_AT, CARD_TYPE_AT + 2));
  const document: CardDocument = typeMark === 'I' ? 'foreign' : typeMark === 'J' ? 'hk-mo-tw' : 'resident';
  const layout = document === 'foreign' ? FOREIGN_LAYOUT : RESIDENT_LAYOUT;

  const name = field(text, layout.name);
  if (!name) return { ok: false, reason: 'the card text has no name' };
  const birthDate = isoDate(field(text, layout.birthDate));
  if (!birthDate) return { ok: false, reason: 'the card text has no valid birth date' };
  const validFrom = isoDate(field(text, layout.validFrom));
  const untilRaw = field(text, layout.validUntil);
  const validUntil = untilRaw === '长期' ? 'long-term' : isoDate(untilRaw);
  if (!validFrom || !validUntil) return { ok: false, reason: 'the card text has no valid validity dates' };

  // The one place the full number exists: checked, hashed and masked, then gone with this scope.
  let idHash: string;
  let maskedId: string;
  try {
    const { number } = normaliseIdNumber(field(text, layout.idNumber));
    idHash = protect(number);
    maskedId = maskIdNumber(number);
  } catch {
    return { ok: false, reason: 'the ID number on the card does not add up' };
  }
  const sex = SEX[field(text, layout.sex) as keyof typeof SEX] ?? 'unknown';
  const card: CardIdentity = {
    document,
    name: document === 'foreign' ? field(text, FOREIGN_LAYOUT.chineseName) || name : name,
    sex,
    nation: field(text, layout.nation),
    birthDate,
    address: document === 'foreign' ? '' : field(text, RESIDENT_LAYOUT.address),
    issuedBy: field(text, layout.issuedBy),
    validFrom,
    validUntil,
    idHash,
    maskedId,
  };
  return { ok: true, card, photoBytes: photoLength };
}

export interface CardText {
  name: string;
  sex: '1' | '2';
  nation: string;
  /** YYYYMMDD */
  birthDate: string;
  address: string;
  idNumber: string;
  issuedBy: string;
  validFrom: string;
  /** YYYYMMDD or 长期 */
  validUntil: string;
}

/** The text block as a card holds it (for the simulator and tests). */
export function encodeCardText(card: CardText): Uint8Array {
  const text = new Uint8Array(TEXT_BYTES);
  for (let i = 0; i < TEXT_BYTES; i += 2) text[i] = 0x20; // spaces in UTF-16LE
  for (const [key, [from, to]] of Object.entries(RESIDENT_LAYOUT)) {
    if (key === 'reserved') continue;
    const value = card[key as keyof CardText];
    const bytes = Buffer.from(value, 'utf16le');
    text.set(bytes.subarray(0, to - from), from);
  }
  return text;
}

/** The data of a successful 30 01 reply: lengths, text and a photo block (WLT in real cards; filler here). */
export function encodeBaseInfo(text: Uint8Array, photo: Uint8Array = new Uint8Array(PHOTO_BYTES).fill(0x57)): Uint8Array {
  const out = new Uint8Array(4 + text.length + photo.length);
  out[0] = text.length >> 8;
  out[1] = text.length & 0xff;
  out[2] = photo.length >> 8;
  out[3] = photo.length & 0xff;
  out.set(text, 4);
  out.set(photo, 4 + text.length);
  return out;
}
