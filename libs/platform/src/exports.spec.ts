import { ValueType, Workbook } from 'exceljs';
import { dutchDate, dutchDateTime, toCsv, toXlsx, type ReportTable } from './exports';

const table: ReportTable = {
  sheet: 'Effecten',
  columns: [
    { key: 'type', header: 'Interventietype' },
    { key: 'n', header: 'Uitgevoerd', type: 'number' },
    { key: 'median', header: 'Mediaan (dagen)', type: 'number' },
  ],
  rows: [
    { type: 'Arbeidsinspectie', n: 4, median: 2.5 },
    { type: 'Sluiting pand; "De Zwaan", Breda', n: 1234, median: null },
  ],
};

const dated: ReportTable = {
  sheet: 'Doelstellingen',
  columns: [
    { key: 'district', header: 'District' },
    { key: 'asOf', header: 'Peildatum', type: 'date' },
    { key: 'known', header: 'Cijfers zoals bekend op', type: 'instant' },
    { key: 'actual', header: 'Realisatie', type: 'number' },
  ],
  rows: [
    { district: 'De Baronie', asOf: '2026-03-16', known: '2026-03-16T09:05:00.000Z', actual: 2 },
    { district: 'Zeeland', asOf: '2026-07-01', known: '2026-06-30T22:30:00.000Z', actual: 0.5 },
    { district: 'Hart van Brabant', asOf: '2026-07-01', known: null, actual: null },
  ],
  notes: ['Cijfers zoals bekend op 16 maart 2026 om 10:05.'],
};

describe('report exports', () => {
  it('writes CSV for Dutch Excel: a byte order mark, semicolons, decimal commas, quoted fields and empty cells for null', () => {
    expect(toCsv(table)).toBe(
      '\ufeffInterventietype;Uitgevoerd;Mediaan (dagen)\r\n' +
        'Arbeidsinspectie;4;2,5\r\n' +
        '"Sluiting pand; ""De Zwaan"", Breda";1234;\r\n',
    );
  });

  it('writes dates as d-m-yyyy and instants as their date and time in Amsterdam', () => {
    expect(toCsv(dated).split('\r\n')).toEqual([
      '\ufeffDistrict;Peildatum;Cijfers zoals bekend op;Realisatie',
      'De Baronie;16-3-2026;16-3-2026 10:05;2',
      'Zeeland;1-7-2026;1-7-2026 00:30;0,5',
      'Hart van Brabant;1-7-2026;;',
      '',
    ]);
    expect(dutchDate('2026-12-01')).toBe('1-12-2026');
    expect(dutchDateTime('2026-12-01T23:59:00Z')).toBe('2-12-2026 00:59');
  });

  it('writes real dates and number formats into XLSX, and the notes on a sheet of their own', async () => {
    const workbook = new Workbook();
    await workbook.xlsx.load((await toXlsx(dated)) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Doelstellingen')!;
    const row = sheet.getRow(2);
    expect(row.getCell(2).value).toEqual(new Date(Date.UTC(2026, 2, 16)));
    expect(row.getCell(2).numFmt).toBe('d-m-yyyy');
    expect(row.getCell(3).value).toEqual(new Date(Date.UTC(2026, 2, 16, 10, 5)));
    expect(row.getCell(3).numFmt).toBe('d-m-yyyy hh:mm');
    expect(row.getCell(4).value).toBe(2);
    expect(row.getCell(4).numFmt).toBe('#,##0');
    expect(sheet.getRow(3).getCell(4).numFmt).toBe('#,##0.0');
    expect(sheet.getRow(4).getCell(3).value).toBeNull();
    expect(workbook.getWorksheet('Toelichting')!.getRow(2).getCell(1).value).toBe(
      'Cijfers zoals bekend op 16 maart 2026 om 10:05.',
    );
  });

  describe('text a spreadsheet would run as a formula (CSV injection)', () => {
    const cells: ReportTable = {
      sheet: 'Doelen',
      columns: [
        { key: 'title', header: 'Omschrijving' },
        { key: 'n', header: 'Realisatie', type: 'number' },
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
      expect(csvOf(-2.5)).toBe('-2,5');
      expect(csvOf('Gewoon = tekst')).toBe('Gewoon = tekst');
      expect(csvOf('3')).toBe('3');
    });

    it('writes them into the CSV as text, the numbers still as numbers', () => {
      expect(toCsv(cells)).toBe(
        '\ufeffOmschrijving;Realisatie\r\n' +
          '"\'=HYPERLINK(""https://evil.example"",""Klik"")";-3\r\n' +
          "'+31 6 12345678;-2,5\r\n" +
          "'-1+1;0\r\n" +
          "'@SUM(A1:A2);12\r\n" +
          "'\tTab;\r\n" +
          '"\'\rCR";1\r\n' +
          '"Twee\nregels";1\r\n' +
          'Gewoon = tekst - met @ erin;2\r\n' +
          '3;3\r\n',
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
    expect(sheet.getRow(2).getCell(3).numFmt).toBe('#,##0.0');
    expect(sheet.getRow(3).getCell(1).value).toBe('Sluiting pand; "De Zwaan", Breda');
    expect(sheet.rowCount).toBe(3);
    expect(workbook.worksheets).toHaveLength(1);
  });
});
