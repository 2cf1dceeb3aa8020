import PDFDocument from 'pdfkit';

export const PDF_CONTENT_TYPE = 'application/pdf';

/** One part of a PDF document: a heading with lines of text under it. */
export interface PdfSection {
  heading: string;
  lines: string[];
}

export interface PdfDocument {
  title: string;
  /** Under the title: what the document covers (period, district), and when it was made. */
  subtitle: string;
  sections: PdfSection[];
  /** Said instead of sections when there are none. */
  empty: string;
}

/**
 * A plain A4 document (PDF/A-like: standard fonts, no scripts) with a title, a subtitle and sections, each a heading
 * over lines of text; sections do not break across pages when they fit on one. Numbered pages.
 */
export function toPdf(document: PdfDocument): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margin: 56,
    bufferPages: true,
    info: { Title: document.title, Creator: 'Baken' },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  const width = pdf.page.width - 112;
  pdf.font('Helvetica-Bold').fontSize(18).text(document.title, { width });
  pdf
    .moveDown(0.3)
    .font('Helvetica')
    .fontSize(10)
    .fillColor('#444444')
    .text(document.subtitle, { width })
    .fillColor('black');
  pdf.moveDown(1);
  if (document.sections.length === 0) pdf.font('Helvetica').fontSize(11).text(document.empty, { width });
  for (const section of document.sections) {
    const height = 18 + section.lines.reduce((sum, line) => sum + pdf.heightOfString(line, { width }) + 2, 0);
    if (pdf.y + height > pdf.page.height - 72 && height < pdf.page.height - 144) pdf.addPage();
    pdf.font('Helvetica-Bold').fontSize(12).text(section.heading, { width });
    pdf.moveDown(0.2).font('Helvetica').fontSize(10);
    for (const line of section.lines) pdf.text(line, { width, paragraphGap: 2 });
    pdf.moveDown(0.8);
  }
  const pages = pdf.bufferedPageRange();
  for (let i = 0; i < pages.count; i++) {
    pdf.switchToPage(pages.start + i);
    // Within the bottom margin: without this, writing there would start a new page.
    pdf.page.margins.bottom = 0;
    pdf
      .font('Helvetica')
      .fontSize(8)
      .fillColor('#444444')
      .text(`Pagina ${i + 1} van ${pages.count}`, 56, pdf.page.height - 40, {
        width,
        align: 'right',
        lineBreak: false,
      });
  }
  pdf.end();
  return done;
}
