// A minimal PDF 1.4 writer for one printed sheet: filled rectangles (QR modules) and lines of text in the standard
// Helvetica fonts (no font is embedded, so text is Latin-1 only). Enough for the demo sheet; nothing more.

export type Rgb = readonly [number, number, number];

export interface PdfPage {
  rect(x: number, y: number, width: number, height: number, fill: Rgb): void;
  text(x: number, y: number, size: number, text: string, options?: { bold?: boolean; fill?: Rgb }): void;
}

const num = (n: number) => (Math.round(n * 100) / 100).toString();
/** Text as a PDF literal string: Latin-1, with the three special characters escaped; anything else becomes '?'. */
export function pdfString(text: string): string {
  const latin = [...text].map((c) => (c.charCodeAt(0) < 256 ? c : '?')).join('');
  return `(${latin.replace(/[\\()]/g, (c) => `\\${c}`)})`;
}

/** Helvetica's widths are close enough to 0.5 em per character to wrap a label. */
export function wrap(text: string, size: number, width: number): string[] {
  const perLine = Math.max(8, Math.floor(width / (size * 0.5)));
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > perLine) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

export function renderPdf(pages: Array<(page: PdfPage) => void>, size: { width: number; height: number } = A4): Buffer {
  const streams = pages.map((draw) => {
    const ops: string[] = [];
    draw({
      rect: (x, y, w, h, fill) => ops.push(`${fill.map(num).join(' ')} rg ${num(x)} ${num(y)} ${num(w)} ${num(h)} re f`),
      text: (x, y, fontSize, text, options = {}) =>
        ops.push(`BT ${(options.fill ?? [0, 0, 0]).map(num).join(' ')} rg /${options.bold ? 'F2' : 'F1'} ${num(fontSize)} Tf ${num(x)} ${num(y)} Td ${pdfString(text)} Tj ET`),
    });
    return ops.join('\n');
  });
  // Objects: 1 catalog, 2 pages, 3 and 4 fonts, then a page and its content per page.
  const objects: string[] = [];
  const pageIds = streams.map((_, i) => 5 + i * 2);
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageIds.length} >>`;
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  objects[4] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>';
  streams.forEach((stream, i) => {
    const id = pageIds[i]!;
    objects[id] = `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${num(size.width)} ${num(size.height)}] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${id + 1} 0 R >>`;
    objects[id + 1] = `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`;
  });
  let body = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = Buffer.byteLength(body, 'latin1');
    body += `${id} 0 obj\n${objects[id]}\nendobj\n`;
  }
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let id = 1; id < objects.length; id++) body += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

export const A4 = { width: 595.28, height: 841.89 };
