// A watch-list file read as district staff write it (CSV from any spreadsheet, XLSX from Excel or LibreOffice): every
// bad row named with its line and what to fix, all rows or none; household rows need their compound.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readTable } from '../../src/registry/table-file.ts';
import { parseWatchList } from '../../src/registry/watch-list-file.ts';

const compounds = new Set(['c-maple', 'c-oak']);
const parse = async (csv: string) => parseWatchList(await readTable('csv', Buffer.from(csv)), { timeZone: 'Asia/Shanghai', compounds });

describe('watch-list files', () => {
  it('reads English and Chinese headers, every kind, households, dates in the district zone', async () => {
    const result = await parse(
      '\uFEFF身份证号,门牌号,小区,类型,开始,结束,备注\n' +
        '110105199003071239,,,居家隔离,2026-11-20,2026-12-03,武汉返回\n' +
        ',3-2-501,c-maple,居家隔离,,,\n' +
        '11010519880101105x,,c-oak,红码,,,\n' +
        '110101200001011232,,,黄码,2026-11-01T08:00:00+08:00,,\n' +
        '110101199001011237,,,随访,,,康复人员\n',
    );
    expect(result).toEqual({
      ok: true,
      rows: [
        { line: 2, kind: 'quarantine', idNumber: '110105199003071239', household: null, compoundId: null, from: '2026-11-19T16:00:00.000Z', until: '2026-12-03T16:00:00.000Z', note: '武汉返回' },
        { line: 3, kind: 'household-quarantine', idNumber: null, household: '3-2-501', compoundId: 'c-maple', from: null, until: null, note: null },
        { line: 4, kind: 'red', idNumber: '11010519880101105X', household: null, compoundId: 'c-oak', from: null, until: null, note: null },
        { line: 5, kind: 'yellow', idNumber: '110101200001011232', household: null, compoundId: null, from: '2026-11-01T00:00:00.000Z', until: null, note: null },
        { line: 6, kind: 'follow-up', idNumber: '110101199001011237', household: null, compoundId: null, from: null, until: null, note: '康复人员' },
      ],
    });
  });

  it('names every bad row and publishes none', async () => {
    const result = await parse(
      'id_number,household,compound,kind,from,until\n' +
        '110105199003071239,,,quarantine,,\n' +
        '110105199003071238,,,quarantine,,\n' +
        ',3-2-501,,quarantine,,\n' +
        ',3-2-501,c-maple,red,,\n' +
        '110105199003071239,,,quarantined,,\n' +
        '110105199003071239,,c-nowhere,follow-up,,\n' +
        '110105199003071239,,,follow-up,2026-12-10,2026-12-01\n' +
        '110105199003071239,,,quarantine,,\n' +
        ',,,,,\n' +
        '12,,,red,yesterday,\n',
    );
    expect(result.ok).toBe(false);
    const errors = (result as { errors: string[] }).errors;
    expect(errors).toEqual([
      expect.stringMatching(/^line 3: .*does not add up/),
      expect.stringMatching(/^line 4: a household needs its compound/),
      expect.stringMatching(/^line 5: a household can only be listed under home quarantine/),
      expect.stringMatching(/^line 6: kind "quarantined" is not one of/),
      expect.stringMatching(/^line 7: compound "c-nowhere" is not enrolled/),
      expect.stringMatching(/^line 8: until is before from/),
      expect.stringMatching(/^line 9: the same person or household is already listed as quarantine on line 2/),
      expect.stringMatching(/^line 11: .*ID number.*; from "yesterday" is not a date/),
    ]);
  });

  it('says what is missing from the header', async () => {
    expect(await parse('name,phone\n王五,138\n')).toEqual({ ok: false, errors: [expect.stringMatching(/no "id_number"/), expect.stringMatching(/no "kind"/)] });
    await expect(readTable('csv', Buffer.from(''))).rejects.toThrow(/empty/);
  });

  it('reads an XLSX sheet, dates typed as dates included', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('名单');
    sheet.addRow(['身份证号', '类型', '结束']);
    sheet.addRow(['110105199003071239', '居家隔离', new Date(Date.UTC(2026, 11, 3))]);
    sheet.addRow(['110101199001011237', '随访', null]);
    const table = await readTable('xlsx', Buffer.from(await book.xlsx.writeBuffer()));
    const result = parseWatchList(table, { timeZone: 'Asia/Shanghai', compounds });
    expect(result).toMatchObject({ ok: true, rows: [{ line: 2, kind: 'quarantine', until: '2026-12-03T16:00:00.000Z' }, { line: 3, kind: 'follow-up', idNumber: '110101199001011237' }] });
    // An ID typed into a number cell has lost its last digits: said as such, not as a wrong check digit.
    sheet.addRow([110101199001011237, '随访']);
    const lossy = parseWatchList(await readTable('xlsx', Buffer.from(await book.xlsx.writeBuffer())), { timeZone: 'Asia/Shanghai', compounds });
    expect(lossy).toEqual({ ok: false, errors: [expect.stringMatching(/^line 4: the ID number was stored as a number and lost its last digits/)] });
    await expect(readTable('xlsx', Buffer.from('not a zip'))).rejects.toThrow(/not an Excel/);
  });
});
