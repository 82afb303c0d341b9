// HID-POS (usage page 0x8C) input reports: pure parsing and reassembly of codes that span several reports, tolerant
// of the vendor differences in DEVICES.md (AIM identifier shifted by one byte, Honeywell's symbology byte).

export const HID_POS_REPORT_ID = 0x02;
export const HID_POS_USAGE_PAGE = 0x8c;
export const HID_POS_USAGE_SCANNER = 0x02;
/** Most vendors need nothing; Honeywell and Youjie send nothing until this feature report arrives. */
export const HID_POS_ENABLE_FEATURE_REPORT = [0xfe, 0x01];

const MAX_DATA_PER_REPORT = 56;
const MAX_CODE_BYTES = 4096;
const HONEYWELL_SYMBOLOGY_OFFSET = 61;
const MORE_FLAG_OFFSET = 63;

export interface HidPosChunk {
  aim?: string;
  data: Uint8Array;
  /** More reports follow for the same code. */
  more: boolean;
  vendorSymbology?: number;
}

export interface DecodedCode {
  text: string;
  bytes: Uint8Array;
  aim?: string;
  symbology?: string;
  /** Honeywell's own symbology code byte, when the scanner sends one. */
  vendorSymbology?: number;
}

export type HidPosEvent = { kind: 'code'; code: DecodedCode } | { kind: 'rejected'; reason: string };

const isAimAt = (r: Uint8Array, i: number) => r[i] === 0x5d && r[i + 1] !== undefined && r[i + 1]! >= 0x21 && r[i + 1]! <= 0x7e;

export function parseHidPosReport(report: Uint8Array): HidPosChunk | { invalid: string } {
  if (report.length < 8) return { invalid: `report of ${report.length} bytes is too short` };
  if (report[0] !== HID_POS_REPORT_ID) return { invalid: `report id 0x${report[0]!.toString(16)} is not a scanner input report` };
  const count = report[1]!;
  if (count > MAX_DATA_PER_REPORT) return { invalid: `data length ${count} exceeds ${MAX_DATA_PER_REPORT}` };
  // AIM at byte 2 per the usage tables; some vendors put a zero first and shift it to byte 3.
  const aimAt = isAimAt(report, 2) ? 2 : report[2] === 0 && isAimAt(report, 3) ? 3 : -1;
  const dataAt = aimAt >= 0 ? aimAt + 3 : 2;
  const end = dataAt + count;
  if (end > report.length) return { invalid: `data length ${count} runs past the end of the report` };
  const chunk: HidPosChunk = { data: report.slice(dataAt, end), more: report.length > MORE_FLAG_OFFSET ? (report[MORE_FLAG_OFFSET]! & 1) === 1 : false };
  if (aimAt >= 0) chunk.aim = String.fromCharCode(...report.subarray(aimAt, aimAt + 3));
  const vendor = report.length > HONEYWELL_SYMBOLOGY_OFFSET ? report[HONEYWELL_SYMBOLOGY_OFFSET]! : 0;
  if (vendor !== 0 && end <= HONEYWELL_SYMBOLOGY_OFFSET) chunk.vendorSymbology = vendor;
  return chunk;
}

const AIM_NAMES: Record<string, string> = {
  Q: 'QR',
  d: 'DataMatrix',
  z: 'Aztec',
  L: 'PDF417',
  E: 'EAN/UPC',
  C: 'Code128',
  A: 'Code39',
  I: 'ITF',
  e: 'GS1 DataBar',
};

/** A readable symbology name from an AIM identifier like `]Q1` (`]Q3` is GS1 QR). */
export function symbologyName(aim: string | undefined): string | undefined {
  if (!aim) return undefined;
  const name = AIM_NAMES[aim[1] ?? ''];
  if (!name) return aim;
  return (aim === ']Q3' || aim === ']d2' || aim === ']C1') ? `GS1 ${name}` : name;
}

/** Honeywell Code IDs, used when the scanner sends no AIM identifier. */
const HONEYWELL_NAMES: Record<string, string> = { s: 'QR', w: 'DataMatrix', z: 'Aztec', r: 'PDF417', d: 'EAN/UPC', j: 'Code128', b: 'Code39' };

/** UTF-8 when valid, else GB18030 (Chinese codes from older generators). */
export function decodeCodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** Reassembles codes from reports; a report with the "more" bit waits for the rest. */
export function createHidPosAssembler() {
  let parts: Uint8Array[] = [];
  let aim: string | undefined;
  let vendorSymbology: number | undefined;
  let size = 0;

  return {
    push(report: Uint8Array): HidPosEvent[] {
      const chunk = parseHidPosReport(report);
      if ('invalid' in chunk) return [{ kind: 'rejected', reason: chunk.invalid }];
      if (parts.length === 0) {
        aim = chunk.aim;
        vendorSymbology = chunk.vendorSymbology;
      }
      parts.push(chunk.data);
      size += chunk.data.length;
      if (size > MAX_CODE_BYTES) {
        parts = [];
        size = 0;
        return [{ kind: 'rejected', reason: `code longer than ${MAX_CODE_BYTES} bytes` }];
      }
      if (chunk.more) return [];
      const bytes = new Uint8Array(size);
      let offset = 0;
      for (const part of parts) {
        bytes.set(part, offset);
        offset += part.length;
      }
      parts = [];
      size = 0;
      if (bytes.length === 0) return [];
      const code: DecodedCode = { text: decodeCodeText(bytes), bytes };
      if (aim) code.aim = aim;
      if (vendorSymbology !== undefined) code.vendorSymbology = vendorSymbology;
      const name = symbologyName(aim) ?? (vendorSymbology === undefined ? undefined : HONEYWELL_NAMES[String.fromCharCode(vendorSymbology)]);
      if (name) code.symbology = name;
      return [{ kind: 'code', code }];
    },
  };
}

/** Report buffers a HID-POS scanner would send for a payload: the simulator for tests and demos. */
export function buildHidPosReports(
  payload: string | Uint8Array,
  options: { aim?: string | null; shiftAim?: boolean; honeywellSymbology?: number; reportLength?: number } = {},
): Uint8Array[] {
  const bytes = typeof payload === 'string' ? new TextEncoder().encode(payload) : payload;
  const aim = options.aim === undefined ? ']Q1' : options.aim;
  const reportLength = options.reportLength ?? 64;
  const dataAt = aim ? (options.shiftAim ? 3 : 2) + 3 : 2;
  const room = Math.min(MAX_DATA_PER_REPORT, (options.honeywellSymbology ? HONEYWELL_SYMBOLOGY_OFFSET : MORE_FLAG_OFFSET) - dataAt);
  const reports: Uint8Array[] = [];
  for (let offset = 0; offset < bytes.length || reports.length === 0; offset += room) {
    const part = bytes.subarray(offset, offset + room);
    const report = new Uint8Array(reportLength);
    report[0] = HID_POS_REPORT_ID;
    report[1] = part.length;
    if (aim) report.set(new TextEncoder().encode(aim), options.shiftAim ? 3 : 2);
    report.set(part, dataAt);
    if (options.honeywellSymbology) report[HONEYWELL_SYMBOLOGY_OFFSET] = options.honeywellSymbology;
    if (offset + room < bytes.length) report[MORE_FLAG_OFFSET] = 1;
    reports.push(report);
  }
  return reports;
}
