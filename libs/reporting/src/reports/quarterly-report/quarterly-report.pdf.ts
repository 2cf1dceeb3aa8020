import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { PRINT_FONT } from './chart-svg';

/**
 * Colours of the statuses, from the NL Design System tokens of `@utrecht/design-tokens` (named beside each); a marker
 * always stands beside its Dutch label, never alone. `orange` has no Utrecht feedback token: the secondary orange.
 */
export const STATUS_COLOURS: Readonly<Record<string, { fill: string; stroke: string }>> = {
  green: { fill: '#4d6336', stroke: '#4d6336' }, // utrecht-color-green-30
  orange: { fill: '#ff6e00', stroke: '#333333' }, // utrecht-color-secondary-orange, utrecht-color-grey-20
  red: { fill: '#cc0000', stroke: '#cc0000' }, // utrecht-color-red-40 (utrecht-feedback-danger-color)
  done: { fill: '#1c4181', stroke: '#1c4181' }, // utrecht-color-secondary-navy
  not_started: { fill: '#ffffff', stroke: '#666666' }, // utrecht-color-white, utrecht-color-grey-40
  not_applicable: { fill: '#cccccc', stroke: '#666666' }, // utrecht-color-grey-80, utrecht-color-grey-40
};

const TEXT = '#1a1a1a';
const MUTED = '#4d4d4d'; // utrecht-color-grey-30
const RULE = '#cccccc'; // utrecht-color-grey-80
const HEADER_FILL = '#f2f2f2'; // utrecht-color-grey-95

/** A table cell: text, or a status marker with its label. */
export type PdfCell = string | { status: string; label: string };

export interface PdfTable {
  columns: { header: string; width: number; align?: 'left' | 'right' }[];
  rows: PdfCell[][];
}

export interface PdfChart {
  heading: string;
  /** The chart in words, printed under it. */
  text: string;
  svg: string;
}

export type PdfBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'subheading'; text: string; keepWith?: number }
  | { kind: 'paragraph'; text: string }
  | { kind: 'note'; text: string }
  | { kind: 'table'; table: PdfTable }
  | { kind: 'chart'; chart: PdfChart }
  | { kind: 'page-break' };

export interface ReportPdf {
  title: string;
  /** The title as printed on the first page, broken where a long title reads best; default `title` as it wraps. */
  titleLines?: string[];
  /** Lines under the title: the area reported and the date the report stands on. */
  subtitle: string[];
  blocks: PdfBlock[];
}

const MARGIN = 56;
const FOOTER = 24;
const PAD = 3;

/** The drawing width of an A4 page between the margins, in points. */
export const CONTENT_WIDTH = 595.28 - 2 * MARGIN;

/** The width charts are drawn at; scaled down to the page, their 13px text prints at about 10pt. */
export const CHART_WIDTH = Math.round(CONTENT_WIDTH / 0.75);

/**
 * Text as Helvetica can print it (PDF's standard fonts know the Windows-1252 characters): an arrow between two steps
 * becomes a dash.
 */
export const printable = (text: string) => text.replace(/\s*→\s*/g, ' – ');

/**
 * The SVG as pdfkit can draw it: pdfkit refuses a dash of zero length, which Vega writes for a solid line (`1,0`, the
 * first district's line in a course chart); such a line is drawn solid.
 */
export const printableSvg = (svg: string) =>
  svg.replace(/\sstroke-dasharray="([^"]*)"/g, (attribute, dashes: string) =>
    dashes.split(/[\s,]+/).some((d) => Number(d) === 0) ? '' : attribute,
  );

/** The SVG drawn `width` × `height` points: its view box, Vega's drawing, is scaled to that size. */
const sized = (svg: string, width: number, height: number) =>
  svg.replace(/<svg[^>]*>/, (open) =>
    open.replace(/\swidth="[^"]*"/, ` width="${width}"`).replace(/\sheight="[^"]*"/, ` height="${height}"`),
  );

const svgSize = (svg: string) => {
  const open = /<svg[^>]*>/.exec(svg)?.[0] ?? '';
  const number = (name: string) => Number(new RegExp(`\\s${name}="([\\d.]+)"`).exec(open)?.[1] ?? 0);
  return { width: number('width'), height: number('height') };
};

/**
 * A4 in PDF's standard fonts (Helvetica), with headings, tables whose status cells carry a coloured marker and a label,
 * and charts drawn from SVG as vectors; "Pagina n van m" on every page.
 */
export function toReportPdf(document: ReportPdf): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    info: { Title: document.title, Creator: 'Baken' },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  const width = pdf.page.width - 2 * MARGIN;
  const bottom = () => pdf.page.height - MARGIN - FOOTER;
  /** Starts a new page unless `height` still fits on this one; true when it did. */
  const room = (height: number) => {
    if (pdf.y + height <= bottom()) return false;
    pdf.addPage();
    return true;
  };
  const write = (raw: string, font: string, size: number, colour = TEXT, gap = 0.3) => {
    const text = printable(raw);
    pdf.font(font).fontSize(size);
    room(pdf.heightOfString(text, { width }));
    pdf.fillColor(colour).text(text, MARGIN, pdf.y, { width }).fillColor(TEXT);
    pdf.moveDown(gap);
  };

  const marker = (status: string, x: number, y: number) => {
    const colour = STATUS_COLOURS[status] ?? STATUS_COLOURS.not_applicable;
    pdf.save().lineWidth(1).circle(x, y, 4).fillAndStroke(colour.fill, colour.stroke).restore();
  };

  const cellText = (cell: PdfCell) => printable(typeof cell === 'string' ? cell : cell.label);
  const table = ({ columns, rows }: PdfTable) => {
    const scale = width / columns.reduce((sum, c) => sum + c.width, 0);
    const widths = columns.map((c) => c.width * scale);
    const heightOf = (cells: PdfCell[], font: string) => {
      pdf.font(font).fontSize(8.5);
      return (
        Math.max(
          ...cells.map((cell, i) =>
            pdf.heightOfString(cellText(cell), { width: widths[i] - 2 * PAD - (typeof cell === 'string' ? 0 : 12) }),
          ),
        ) +
        2 * PAD
      );
    };
    const drawRow = (cells: PdfCell[], font: string, fill: string | null) => {
      const height = heightOf(cells, font);
      const top = pdf.y;
      if (fill) pdf.save().rect(MARGIN, top, width, height).fill(fill).restore();
      let x = MARGIN;
      cells.forEach((cell, i) => {
        const align = columns[i].align ?? 'left';
        pdf.font(font).fontSize(8.5).fillColor(TEXT);
        if (typeof cell === 'string') {
          pdf.text(printable(cell), x + PAD, top + PAD, { width: widths[i] - 2 * PAD, align });
        } else {
          marker(cell.status, x + PAD + 4, top + PAD + 5);
          pdf.fillColor(TEXT).text(printable(cell.label), x + PAD + 12, top + PAD, { width: widths[i] - 2 * PAD - 12 });
        }
        x += widths[i];
      });
      pdf
        .save()
        .strokeColor(RULE)
        .lineWidth(0.5)
        .moveTo(MARGIN, top + height)
        .lineTo(MARGIN + width, top + height)
        .stroke()
        .restore();
      pdf.x = MARGIN;
      pdf.y = top + height;
    };
    const header = columns.map((c) => c.header);
    room(heightOf(header, 'Helvetica-Bold') + (rows[0] ? heightOf(rows[0], 'Helvetica') : 0));
    drawRow(header, 'Helvetica-Bold', HEADER_FILL);
    for (const row of rows) {
      if (room(heightOf(row, 'Helvetica'))) drawRow(header, 'Helvetica-Bold', HEADER_FILL);
      drawRow(row, 'Helvetica', null);
    }
    pdf.moveDown(0.8);
  };

  const chart = ({ heading, text, svg }: PdfChart) => {
    const size = svgSize(svg);
    const scale = size.width > 0 ? Math.min(1, width / size.width) : 1;
    const height = size.height * scale;
    pdf.font('Helvetica-Bold').fontSize(10);
    room(pdf.heightOfString(heading, { width }) + height + 8);
    write(heading, 'Helvetica-Bold', 10, TEXT, 0.2);
    SVGtoPDF(pdf as never, printableSvg(sized(svg, size.width * scale, height)), MARGIN, pdf.y, {
      width: size.width * scale,
      height,
      assumePt: true,
      fontCallback: (_family, bold) => (bold ? `${PRINT_FONT}-Bold` : PRINT_FONT),
      warningCallback: () => undefined,
    });
    pdf.x = MARGIN;
    pdf.y += height + 4;
    write(text, 'Helvetica', 8, MUTED, 1);
  };

  for (const line of document.titleLines ?? [document.title]) write(line, 'Helvetica-Bold', 18, TEXT, 0);
  pdf.moveDown(0.4);
  for (const line of document.subtitle) write(line, 'Helvetica', 11, MUTED, 0.1);
  pdf.moveDown(1);
  for (const block of document.blocks) {
    switch (block.kind) {
      case 'heading':
        pdf.font('Helvetica-Bold').fontSize(14);
        room(120);
        pdf.moveDown(0.4);
        write(block.text, 'Helvetica-Bold', 14, TEXT, 0.4);
        break;
      case 'subheading':
        // Kept with what it heads: a table's first rows or most of a chart.
        room(block.keepWith ?? 60);
        write(block.text, 'Helvetica-Bold', 11, TEXT, 0.3);
        break;
      case 'paragraph':
        write(block.text, 'Helvetica', 10, TEXT, 0.6);
        break;
      case 'note':
        write(block.text, 'Helvetica', 8.5, MUTED, 0.6);
        break;
      case 'table':
        table(block.table);
        break;
      case 'chart':
        chart(block.chart);
        break;
      case 'page-break':
        pdf.addPage();
        break;
      default: {
        const _exhaustive: never = block;
        throw new Error(`Unknown block ${JSON.stringify(_exhaustive)}`);
      }
    }
  }

  const pages = pdf.bufferedPageRange();
  for (let i = 0; i < pages.count; i++) {
    pdf.switchToPage(pages.start + i);
    // Within the bottom margin: without this, writing there would start a new page.
    pdf.page.margins.bottom = 0;
    pdf
      .font('Helvetica')
      .fontSize(8)
      .fillColor(MUTED)
      .text(`Pagina ${i + 1} van ${pages.count}`, MARGIN, pdf.page.height - 40, {
        width,
        align: 'right',
        lineBreak: false,
      });
  }
  pdf.end();
  return done;
}
