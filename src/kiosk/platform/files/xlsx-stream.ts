// A one-sheet XLSX written row by row into a streaming ZIP: memory stays flat however many rows are written (exceljs
// keeps a style model per cell and built a 100,000-row log in 12.8 s). Numbers are numbers, times are real
// spreadsheet dates (a serial day number with a date format), and words known in advance are shared strings; any
// other text is an inline string, which a spreadsheet never runs as a formula.
import { createZipWriter } from './zip-stream.ts';

export type XlsxStyle = 'date' | 'decimal1' | 'bold';
export type XlsxCell = string | number | null;

export interface XlsxColumn {
  width: number;
  /** How numbers in this column are shown. */
  style?: 'date' | 'decimal1';
}

export interface XlsxOptions {
  sheetName: string;
  columns: readonly XlsxColumn[];
  /** Rows kept in view while scrolling (a title and a header). */
  frozenRows?: number;
  /** Page header (left) and footer (right), in Excel's header codes (&P page, &N pages). */
  header?: string;
  footer?: string;
  creator: string;
  at: Date;
  /** Words written as shared strings (each stored once): the values that repeat on every row. */
  sharedStrings: readonly string[];
}

const STYLE_INDEX: Record<XlsxStyle, number> = { date: 1, decimal1: 2, bold: 3 };
const XML_SPECIAL = /[&<>"\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

export function xmlText(text: string): string {
  if (!XML_SPECIAL.test(text)) return text;
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

const textElement = (text: string) => (/^\s|\s$/.test(text) ? `<t xml:space="preserve">${xmlText(text)}</t>` : `<t>${xmlText(text)}</t>`);

export function columnLetters(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** Days since 1899-12-30 (the spreadsheet epoch) of a wall-clock time given as milliseconds of a UTC calendar. */
export const spreadsheetDate = (wallClockMs: number) => wallClockMs / 86_400_000 + 25_569;

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

function staticParts(options: XlsxOptions): Array<[string, string]> {
  const rel = (id: string, type: string, target: string) => `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/${type}" Target="${target}"/>`;
  return [
    [
      '[Content_Types].xml',
      `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>',
    ],
    [
      '_rels/.rels',
      `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel('rId1', 'officeDocument/2006/relationships/officeDocument', 'xl/workbook.xml')}${rel('rId2', 'package/2006/relationships/metadata/core-properties', 'docProps/core.xml')}</Relationships>`,
    ],
    [
      'docProps/core.xml',
      `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
        `<dc:creator>${xmlText(options.creator)}</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${options.at.toISOString().slice(0, 19)}Z</dcterms:created></cp:coreProperties>`,
    ],
    [
      'xl/workbook.xml',
      `${XML_HEAD}<workbook ${NS}><bookViews><workbookView/></bookViews><sheets><sheet name="${xmlText(options.sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ],
    [
      'xl/_rels/workbook.xml.rels',
      `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel('rId1', 'officeDocument/2006/relationships/worksheet', 'worksheets/sheet1.xml')}${rel('rId2', 'officeDocument/2006/relationships/styles', 'styles.xml')}${rel('rId3', 'officeDocument/2006/relationships/sharedStrings', 'sharedStrings.xml')}</Relationships>`,
    ],
    [
      'xl/styles.xml',
      // Cell formats: 0 default, 1 date and time, 2 one decimal, 3 bold.
      `${XML_HEAD}<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd hh:mm:ss"/><numFmt numFmtId="165" formatCode="0.0"/></numFmts>` +
        '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
        '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
        '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
        '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>',
    ],
    [
      'xl/sharedStrings.xml',
      `${XML_HEAD}<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${options.sharedStrings.length}" uniqueCount="${options.sharedStrings.length}">${options.sharedStrings.map((s) => `<si>${textElement(s)}</si>`).join('')}</sst>`,
    ],
  ];
}

export function createXlsxWriter(out: (chunk: Buffer) => void, options: XlsxOptions) {
  // Level 1: a third of level 6's time for a file about a third larger (the sheet's XML repeats itself).
  const zip = createZipWriter(out, { at: options.at, level: 1 });
  for (const [name, text] of staticParts(options)) {
    const part = zip.entry(name);
    part.write(text);
    part.end();
  }
  const shared = new Map(options.sharedStrings.map((s, i) => [s, i]));
  const letters = options.columns.map((_, i) => columnLetters(i));
  const numberStyle = options.columns.map((c) => (c.style ? ` s="${STYLE_INDEX[c.style]}"` : ''));
  const sheet = zip.entry('xl/worksheets/sheet1.xml');
  const frozen = options.frozenRows ?? 0;
  sheet.write(`${XML_HEAD}<worksheet ${NS}><sheetViews><sheetView workbookViewId="0">`);
  if (frozen > 0) sheet.write(`<pane ySplit="${frozen}" topLeftCell="A${frozen + 1}" activePane="bottomLeft" state="frozen"/>`);
  sheet.write(`</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>${options.columns.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"/>`).join('')}</cols><sheetData>`);
  let rowNumber = 0;

  return {
    /** Appends one row; null cells stay empty. */
    row(cells: readonly XlsxCell[], style?: 'bold'): void {
      rowNumber++;
      const bold = style ? ` s="${STYLE_INDEX[style]}"` : '';
      let xml = `<row r="${rowNumber}">`;
      for (let i = 0; i < cells.length; i++) {
        const value = cells[i];
        if (value === null || value === undefined || value === '') continue;
        const ref = `${letters[i] ?? columnLetters(i)}${rowNumber}`;
        if (typeof value === 'number') {
          if (Number.isFinite(value)) xml += `<c r="${ref}"${bold || (numberStyle[i] ?? '')}><v>${value}</v></c>`;
          continue;
        }
        const index = shared.get(value);
        xml += index === undefined ? `<c r="${ref}"${bold} t="inlineStr"><is>${textElement(value)}</is></c>` : `<c r="${ref}"${bold} t="s"><v>${index}</v></c>`;
      }
      sheet.write(`${xml}</row>`);
    },
    rows: () => rowNumber,
    finish(): void {
      const headerFooter = options.header || options.footer ? `<headerFooter>${options.header ? `<oddHeader>${xmlText(options.header)}</oddHeader>` : ''}${options.footer ? `<oddFooter>${xmlText(options.footer)}</oddFooter>` : ''}</headerFooter>` : '';
      sheet.write(`</sheetData><pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><pageSetup orientation="landscape"/>${headerFooter}</worksheet>`);
      sheet.end();
      zip.finish();
    },
  };
}
