import { stringify } from 'csv-stringify/sync';
import { Workbook } from 'exceljs';
import type { FastifyReply } from 'fastify';

export const REPORT_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export type Cell = string | number | null;

/** A report flattened into one table with Dutch column headings, for CSV and XLSX. */
export interface ReportTable {
  /** Worksheet name (at most 31 characters). */
  sheet: string;
  columns: { key: string; header: string; width?: number }[];
  rows: Record<string, Cell>[];
}

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * RFC 4180 CSV: comma-separated, CRLF line ends, a header row, decimal points. It starts with a UTF-8 byte order
 * mark so that spreadsheet programs read the Dutch headings (ö, →) correctly. Every CSV download is written here.
 *
 * Text that a spreadsheet program would run as a formula (OWASP, "CSV Injection") gets a leading `'` and is shown as
 * text: a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return (or the full-width `＝`, `＋`, `－`,
 * `＠`), such as a target's title an administrator typed. Numbers stay numbers, negative ones too. A cell with a line
 * break of any kind is quoted.
 */
export function toCsv(table: ReportTable): string {
  const body = stringify(
    table.rows.map((row) => table.columns.map((c) => row[c.key] ?? '')),
    {
      header: true,
      columns: table.columns.map((c) => c.header),
      record_delimiter: 'windows',
      quote_record_delimiter: true,
      escape_formulas: true,
    },
  );
  return `\ufeff${body}`;
}

/** One worksheet with a bold, frozen header row; numbers stay numbers. */
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
  for (const row of table.rows) sheet.addRow(row);
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
