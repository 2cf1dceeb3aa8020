import { ValueType, Workbook } from 'exceljs';
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

  describe('text a spreadsheet would run as a formula (CSV injection)', () => {
    const cells: ReportTable = {
      sheet: 'Doelen',
      columns: [
        { key: 'title', header: 'Omschrijving' },
        { key: 'n', header: 'Realisatie' },
      ],
      rows: [
        { title: '=HYPERLINK("https://evil.example","Klik")', n: -3 },
        { title: '+31 6 12345678', n: -2.5 },
        { title: '-1+1', n: 0 },
        { title: '@SUM(A1:A2)', n: 12 },
        { title: '\tTab', n: null },
        { title: '\rCR', n: 1 },
        { title: 'Twee\nregels', n: 1 },
        { title: 'Gewoon = tekst - met @ erin', n: 2 },
        { title: '3', n: 3 },
      ],
    };

    const csvOf = (title: string | number) =>
      toCsv({ sheet: 'x', columns: [{ key: 'v', header: 'v' }], rows: [{ v: title }] }).split('\r\n')[1];

    it.each(['=', '+', '-', '@', '\t', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20'])(
      'starts text that begins with %j with a single quote',
      (start) => {
        expect(csvOf(`${start}1`)).toBe(`'${start}1`);
      },
    );

    it('leaves numbers, negative ones too, and other text as they are', () => {
      expect(csvOf(-3)).toBe('-3');
      expect(csvOf(-2.5)).toBe('-2.5');
      expect(csvOf('Gewoon = tekst')).toBe('Gewoon = tekst');
      expect(csvOf('3')).toBe('3');
    });

    it('writes them into the CSV as text, the numbers still as numbers', () => {
      expect(toCsv(cells)).toBe(
        '\ufeffOmschrijving,Realisatie\r\n' +
          '"\'=HYPERLINK(""https://evil.example"",""Klik"")",-3\r\n' +
          "'+31 6 12345678,-2.5\r\n" +
          "'-1+1,0\r\n" +
          "'@SUM(A1:A2),12\r\n" +
          "'\tTab,\r\n" +
          '"\'\rCR",1\r\n' +
          '"Twee\nregels",1\r\n' +
          'Gewoon = tekst - met @ erin,2\r\n' +
          '3,3\r\n',
      );
    });

    it('keeps such text a text cell in XLSX, never a formula', async () => {
      const workbook = new Workbook();
      await workbook.xlsx.load((await toXlsx(cells)) as unknown as ArrayBuffer);
      const cell = workbook.getWorksheet('Doelen')!.getRow(2).getCell(1);
      expect(cell.type).toBe(ValueType.String);
      expect(cell.value).toBe('=HYPERLINK("https://evil.example","Klik")');
      expect(workbook.getWorksheet('Doelen')!.getRow(2).getCell(2).value).toBe(-3);
    });
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
