import type { VegaLiteSpec } from '@baken/charts';
import type { Loader, View } from 'vega';
import type { TopLevelSpec } from 'vega-lite';

/** One of PDF's standard fonts: the PDF names it and embeds no font file. */
export const PRINT_FONT = 'Helvetica';

/**
 * A chart of the reports screen made for paper: a fixed width instead of the container's, and Helvetica, the font the
 * PDF writes the chart's text in.
 */
export function forPrint(spec: VegaLiteSpec, width: number): VegaLiteSpec {
  const config = (spec.config ?? {}) as Record<string, Record<string, unknown> | undefined>;
  return {
    ...spec,
    width,
    autosize: { type: 'fit-x', contains: 'padding' },
    // A page has the width a phone lacks: names of districts and intervention types are printed in full.
    config: {
      ...config,
      font: PRINT_FONT,
      axis: { ...config.axis, labelLimit: 320 },
      legend: { ...config.legend, labelLimit: 400 },
    },
  };
}

const refuse = () => Promise.reject(new Error('The report charts carry their data inline; they load nothing.'));

/** A loader that loads nothing: no URL or file a specification might name is ever read. */
const NO_LOADING = { load: refuse, sanitize: refuse, http: refuse, file: refuse } as unknown as Loader;

let modules: ReturnType<typeof loadVega> | undefined;

/** Vega-Lite after Vega, one at a time: the two share modules, and an ES module is linked once. */
async function loadVega() {
  const vega = await import('vega');
  const vegaLite = await import('vega-lite');
  return { vega, vegaLite };
}

/**
 * The chart as SVG, drawn by Vega from the Vega-Lite specification the reports screen uses, on paper `width` wide.
 * Vega and Vega-Lite are ES modules only; they are loaded when the first chart is drawn.
 */
export async function chartSvg(spec: VegaLiteSpec, width: number): Promise<string> {
  const { vega, vegaLite } = await (modules ??= loadVega());
  const { spec: compiled } = vegaLite.compile(forPrint(spec, width) as unknown as TopLevelSpec, {
    // Advice about a specification (an encoding Vega-Lite finds odd) is the screen's as well; the report stays quiet.
    logger: vega.logger(vega.Error),
  });
  const view: View = new vega.View(vega.parse(compiled), { renderer: 'none', loader: NO_LOADING });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
