import { parse, View } from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { VegaLiteSpec } from '@baken/charts';

/**
 * Draws a Vega-Lite chart as SVG. Loaded on demand (a separate chunk), so Vega is not part of the first page load.
 * Expressions are interpreted rather than compiled with `new Function`, so the page's Content Security Policy needs no
 * `unsafe-eval`.
 */
export async function renderChart(container: HTMLElement, spec: VegaLiteSpec): Promise<() => void> {
  const { spec: vegaSpec } = compile(spec as unknown as TopLevelSpec);
  const view = new View(parse(vegaSpec, undefined, { ast: true }), {
    expr: expressionInterpreter,
    renderer: 'svg',
    container,
    hover: false,
  });
  await view.runAsync();
  return () => view.finalize();
}
