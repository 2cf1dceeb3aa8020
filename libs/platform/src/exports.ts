import { stringify } from 'csv-stringify/sync';
import { Workbook } from 'exceljs';
import type { FastifyReply } from 'fastify';

export const REPORT_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export type Cell = string | number | null;

/**
 * How a column's cells are written: `number` with a decimal comma in CSV and a number format in XLSX; `date` a business
 * date (`YYYY-MM-DD`) as `d-m-yyyy` in CSV and a real date in XLSX; `instant` an ISO instant as its date and time in
 * Amsterdam. Text, and a column without a type, as it is.
 */
export type ColumnType = 'text' | 'number' | 'date' | 'instant';

export interface ReportColumn {
  key: string;
  header: string;
  width?: number;
  type?: ColumnType;
}

/** A report flattened into one table with Dutch column headings, for CSV and XLSX. */
export interface ReportTable {
  /** Worksheet name (at most 31 characters). */
  sheet: string;
  columns: ReportColumn[];
  rows: Record<string, Cell>[];
  /** What a reader needs to know about the figures (which date, as known when, groups that overlap): a sheet of its own in XLSX. */
  notes?: string[];
}

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const AMSTERDAM = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant's date and time on the clocks of Amsterdam: `[year, month, day, hour, minute]`. */
function amsterdamParts(instant: string): [number, number, number, number, number] {
  const parts = Object.fromEntries(AMSTERDAM.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  return [Number(parts.year), Number(parts.month), Number(parts.day), Number(parts.hour), Number(parts.minute)];
}

/** A business date (`YYYY-MM-DD`) as Dutch spreadsheet programs read a date: `16-3-2026`. */
export function dutchDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return `${day}-${month}-${year}`;
}

/** An instant as its date and time in Amsterdam, as Dutch spreadsheet programs read them: `16-3-2026 10:05`. */
export function dutchDateTime(instant: string): string {
  const [year, month, day, hour, minute] = amsterdamParts(instant);
  return `${day}-${month}-${year} ${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** A number as Dutch spreadsheet programs read it: a decimal comma, no thousands separator (`1234,5`). */
export function dutchNumber(n: number): string {
  return String(n).replace('.', ',');
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function csvCell(value: Cell, type: ColumnType | undefined): Cell {
  if (value === null || value === '') return value;
  if (type === 'date' && typeof value === 'string' && ISO_DATE.test(value)) return dutchDate(value);
  if (type === 'instant' && typeof value === 'string' && !Number.isNaN(Date.parse(value))) return dutchDateTime(value);
  return value;
}

/**
 * CSV as Dutch Excel opens it in columns: fields separated by `;`, numbers with a decimal comma, dates as `d-m-yyyy`,
 * CRLF line ends, a header row, and a UTF-8 byte order mark so that the Dutch headings (ö, →) read correctly. Every CSV
 * download is written here.
 *
 * Text that a spreadsheet program would run as a formula (OWASP, "CSV Injection") gets a leading `'` and is shown as
 * text: a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return (or the full-width `＝`, `＋`, `－`,
 * `＠`), such as a target's title an administrator typed. Numbers stay numbers, negative ones too. A cell with a line
 * break of any kind, or a `;`, is quoted.
 */
export function toCsv(table: ReportTable): string {
  const body = stringify(
    table.rows.map((row) => table.columns.map((c) => csvCell(row[c.key] ?? null, c.type) ?? '')),
    {
      header: true,
      columns: table.columns.map((c) => c.header),
      delimiter: ';',
      record_delimiter: 'windows',
      quote_record_delimiter: true,
      escape_formulas: true,
      cast: { number: dutchNumber },
    },
  );
  return `\ufeff${body}`;
}

const INTEGER_FORMAT = '#,##0';
const DECIMAL_FORMAT = '#,##0.0';
const DATE_FORMAT = 'd-m-yyyy';
const DATE_TIME_FORMAT = 'd-m-yyyy hh:mm';

/**
 * One worksheet with a bold, frozen header row: numbers as numbers with a number format, dates as dates (a business
 * date at midnight, an instant as its date and time in Amsterdam), and the table's notes on a second sheet.
 */
export async function toXlsx(table: ReportTable): Promise<Buffer> {
  const workbook = new Workbook();
  workbook.creator = 'Baken';
  const sheet = workbook.addWorksheet(table.sheet.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.columns.map((c) => ({
    key: c.key,
    header: c.header,
    width: c.width ?? Math.max(12, c.header.length + 2),
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows) {
    const added = sheet.addRow(
      Object.fromEntries(
        table.columns.map((c) => {
          const value = row[c.key] ?? null;
          if (c.type === 'date' && typeof value === 'string' && ISO_DATE.test(value)) {
            const [y, m, d] = value.split('-').map(Number);
            return [c.key, new Date(Date.UTC(y, m - 1, d))];
          }
          if (c.type === 'instant' && typeof value === 'string' && !Number.isNaN(Date.parse(value))) {
            const [y, m, d, h, min] = amsterdamParts(value);
            return [c.key, new Date(Date.UTC(y, m - 1, d, h, min))];
          }
          return [c.key, value];
        }),
      ),
    );
    table.columns.forEach((c, i) => {
      const cell = added.getCell(i + 1);
      if (cell.value instanceof Date) cell.numFmt = c.type === 'instant' ? DATE_TIME_FORMAT : DATE_FORMAT;
      else if (c.type === 'number' && typeof cell.value === 'number')
        cell.numFmt = Number.isInteger(cell.value) ? INTEGER_FORMAT : DECIMAL_FORMAT;
    });
  }
  if (table.notes?.length) {
    const notes = workbook.addWorksheet('Toelichting');
    notes.columns = [{ key: 'note', header: 'Toelichting', width: 120 }];
    notes.getRow(1).font = { bold: true };
    for (const note of table.notes) notes.addRow({ note });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * Answers a report in the requested format: the JSON object as is, or its table as a CSV or XLSX download
 * named `<baseName>.csv|xlsx`.
 */
export async function sendReport<T>(
  reply: FastifyReply,
  format: ReportFormat,
  json: T,
  table: (json: T) => ReportTable,
  baseName: string,
): Promise<T | string | Buffer> {
  if (format === 'json') return json;
  const filename = `${baseName}.${format}`;
  reply.header('Content-Disposition', `attachment; filename="${filename}"`);
  if (format === 'csv') {
    reply.header('Content-Type', CSV_CONTENT_TYPE);
    return toCsv(table(json));
  }
  reply.header('Content-Type', XLSX_CONTENT_TYPE);
  return toXlsx(table(json));
}
