import { Workbook } from 'exceljs';
import { toCsv, toXlsx, type ReportTable } from './exports';

const table: ReportTable = {
  sheet: 'Effecten',
  columns: [
    { key: 'type', header: 'Interventietype' },
    { key: 'n', header: 'Uitgevoerd' },
    { key: 'median', header: 'Mediaan (dagen)' },
  ],
  rows: [
    { type: 'Arbeidsinspectie', n: 4, median: 2.5 },
    { type: 'Sluiting pand, "De Zwaan"', n: 0, median: null },
  ],
};

describe('report exports', () => {
  it('writes RFC 4180 CSV with a byte order mark, Dutch headings, quoted fields and empty cells for null', () => {
    expect(toCsv(table)).toBe(
      '\ufeffInterventietype,Uitgevoerd,Mediaan (dagen)\r\n' +
        'Arbeidsinspectie,4,2.5\r\n' +
        '"Sluiting pand, ""De Zwaan""",0,\r\n',
    );
  });

  it('writes an XLSX workbook whose sheet holds the headings and the values, numbers as numbers', async () => {
    const buffer = await toXlsx(table);
    const workbook = new Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Effecten')!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'Interventietype', 'Uitgevoerd', 'Mediaan (dagen)']);
    expect(sheet.getRow(2).values).toEqual([undefined, 'Arbeidsinspectie', 4, 2.5]);
    expect(sheet.getRow(3).getCell(1).value).toBe('Sluiting pand, "De Zwaan"');
    expect(sheet.rowCount).toBe(3);
  });
});
