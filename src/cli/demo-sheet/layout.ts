// The demo sheet on one A4 page: a heading that says it is sample data and how long the codes live, then eight cells
// (two columns, four rows), each a QR code with what it is and the answer the gate gives. The cells' places are
// exported so the test can crop each one and check its code against its words.
// @zxing/library is CommonJS: Node gives its exports as the default import only.
import zxing from '@zxing/library';
import type { DemoCode, DemoSheet } from '../../common/contract/methods/demo.ts';
import { A4, wrap, type PdfPage, type Rgb } from './pdf.ts';

export const MARGIN = 36;
export const GRID_TOP = 730;
export const COLUMNS = 2;
export const ROWS = 4;
export const CELL = { width: (A4.width - 2 * MARGIN) / COLUMNS, height: (GRID_TOP - MARGIN) / ROWS };
export const QR_SIZE = 128;

/** The cell of the i-th code, in PDF points from the bottom-left corner. */
export function cellBox(i: number): { x: number; y: number; width: number; height: number } {
  const column = i % COLUMNS;
  const row = Math.floor(i / COLUMNS);
  return { x: MARGIN + column * CELL.width, y: GRID_TOP - (row + 1) * CELL.height, width: CELL.width, height: CELL.height };
}

const COLOURS: Record<DemoCode['expect'], Rgb> = {
  green: [0.05, 0.55, 0.2],
  yellow: [0.8, 0.6, 0],
  red: [0.8, 0.1, 0.1],
  review: [0.4, 0.4, 0.4],
  invalid: [0.35, 0.35, 0.35],
  error: [0.35, 0.35, 0.35],
};

/** What each code is, in the words printed under it. */
const WHAT: Record<DemoCode['kind'], [string, string]> = {
  green: ['Green code', 'A green offline code from the sample health authority (test 10 h ago, 3 doses): passes.'],
  yellow: ['Yellow code', 'Refused at once; the screen says what to tell the person.'],
  red: ['Red code', 'Refused at once; the screen says what to tell the person.'],
  'expired-screenshot': ['Old screenshot', 'A green code signed an hour ago: codes live minutes, so it is refused as invalid.'],
  relative: ["A relative's code", "Green, shown on another person's phone: press - to mark it (kept in the log)."],
  'resident-card': ['Printed resident card', 'Green, found on the roster: confirm the person, take the temperature.'],
  commuter: ['Commuter card', 'Green; in a peak window the fast lane: temperature, then one key for the mask.'],
  dcc: ['EU DCC test vector', 'A public test certificate (AT, 2021). DCCs are off on this kiosk, so it is not accepted.'],
};

function drawQr(page: PdfPage, text: string, x: number, y: number, size: number): void {
  const matrix = zxing.QRCodeEncoder.encode(text, zxing.QRCodeDecoderErrorCorrectionLevel.M).getMatrix();
  const n = matrix.getWidth();
  const module = size / (n + 8);
  page.rect(x, y, size, size, [1, 1, 1]);
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      if (matrix.get(col, row) === 1) page.rect(x + (col + 4) * module, y + size - (row + 5) * module, module, module, [0, 0, 0]);
    }
  }
}

export function drawSheet(sheet: DemoSheet, local: { printedAt: string; validUntil: string; timeZone: string; compound: string }): (page: PdfPage) => void {
  return (page) => {
    page.text(MARGIN, 800, 18, 'Gate Kiosk demo sheet - SAMPLE DATA', { bold: true });
    page.text(MARGIN, 782, 10, `Compound ${local.compound} (sample). Printed ${local.printedAt}; the short-lived codes work until ${local.validUntil} (${local.timeZone}).`);
    page.text(MARGIN, 768, 10, 'A fresh sheet for each demo: npx gate-kiosk demo-sheet --out demo-sheet.pdf, or Manage > Sample data.');
    page.text(MARGIN, 754, 10, 'Scan each code at the kiosk (npm start). Remove the sample data before real use: Manage > Sample data > Remove.');
    sheet.codes.forEach((code, i) => {
      const box = cellBox(i);
      const colour = COLOURS[code.expect];
      page.rect(box.x + 2, box.y + 2, box.width - 4, 3, colour);
      drawQr(page, code.text, box.x + 4, box.y + box.height - QR_SIZE - 4, QR_SIZE);
      const textX = box.x + QR_SIZE + 10;
      const textWidth = box.width - QR_SIZE - 14;
      const [title, what] = WHAT[code.kind];
      let y = box.y + box.height - 18;
      page.text(textX, y, 11, title, { bold: true });
      y -= 16;
      page.text(textX, y, 10, `Gate answer: ${code.expect.toUpperCase()}`, { bold: true, fill: colour });
      for (const line of wrap(what, 8.5, textWidth)) {
        y -= 11;
        page.text(textX, y, 8.5, line);
      }
      if (code.person) {
        y -= 13;
        page.text(textX, y, 8.5, `Household ${code.person.household} (${code.person.kind})`);
      }
    });
  };
}
