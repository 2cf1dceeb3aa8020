import { useEffect, useRef, useState } from 'react';
import type { VegaLiteSpec } from '@baken/charts';

/**
 * A chart with its text alternative in the caption, visible to everyone. The drawing itself is hidden from assistive
 * technology, which reads the caption (and the table next to each chart) instead.
 */
export function Chart({ spec, text, caption }: { spec: VegaLiteSpec; text: string; caption: string }) {
  const container = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  const specJson = JSON.stringify(spec);
  useEffect(() => {
    let dispose: (() => void) | null = null;
    let current = true;
    import('./vega-render')
      .then(({ renderChart }) =>
        container.current && current ? renderChart(container.current, JSON.parse(specJson) as VegaLiteSpec) : null,
      )
      .then((d) => {
        if (current) dispose = d;
        else d?.();
      })
      .catch(() => {
        if (current) setFailed(true);
      });
    return () => {
      current = false;
      dispose?.();
      if (container.current) container.current.textContent = '';
    };
  }, [specJson]);
  return (
    <figure className="baken-chart">
      <figcaption className="baken-chart__caption">
        <strong>{caption}</strong> <span className="baken-chart__text">{text}</span>
      </figcaption>
      {failed ? (
        <p className="utrecht-paragraph">De grafiek kon niet worden getekend; de gegevens staan in de tabel.</p>
      ) : null}
      <div ref={container} aria-hidden="true" className="baken-chart__canvas" />
    </figure>
  );
}
