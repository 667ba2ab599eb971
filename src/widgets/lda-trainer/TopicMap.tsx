import { extent, scaleLinear } from 'd3';
import { useMemo, useState } from 'react';
import { topRelevantTerms } from '../../nlp/topics/ldavis';
import { ChartSave, useElementWidth } from '../../ui';
import type { LdaView } from './ldaTask';
import { topicColor } from './colors';

/** Terms listed for the selected topic. */
const TERMS = 12;
/** Sievert and Shirley's users found λ ≈ 0.6 most helpful. */
const DEFAULT_LAMBDA = 0.6;

/**
 * The intertopic distance map (LDAvis, Sievert and Shirley 2014): each topic a circle at its
 * classical-MDS coordinates of the Jensen-Shannon divergences between topics, its area ∝ its
 * share of the tokens; and the selected topic's terms ranked by relevance
 * λ log φ_kw + (1 − λ) log(φ_kw / p_w), λ set by a slider.
 */
export function TopicMap({
  view,
  vocabulary,
  pw,
  selected,
  onSelect,
}: {
  view: LdaView | null;
  vocabulary: readonly string[] | null;
  pw: Float32Array | null;
  selected: number;
  onSelect: (k: number) => void;
}) {
  const [lambda, setLambda] = useState(DEFAULT_LAMBDA);
  const [ref, { width }] = useElementWidth<HTMLDivElement>();
  const size = Math.max(220, Math.min(360, (width || 560) / 2 - 8));
  const circles = useMemo(() => {
    if (!view) return null;
    const xs = Array.from({ length: view.K }, (_, k) => view.coords[2 * k]);
    const ys = Array.from({ length: view.K }, (_, k) => view.coords[2 * k + 1]);
    const pad = 36;
    const [x0, x1] = extent(xs) as [number, number];
    const [y0, y1] = extent(ys) as [number, number];
    const span = Math.max(x1 - x0, y1 - y0, 1e-9);
    const cx = (x0 + x1) / 2;
    const cy = (y0 + y1) / 2;
    const s = scaleLinear()
      .domain([-span / 2, span / 2])
      .range([pad, size - pad]);
    const rMax = size / 9;
    return xs.map((x, k) => ({
      k,
      x: s(x - cx),
      y: size - s(ys[k] - cy),
      r: Math.max(3, rMax * Math.sqrt(view.shares[k] / Math.max(...view.shares))),
    }));
  }, [view, size]);
  const k = view ? Math.min(selected, view.K - 1) : 0;
  const terms = useMemo(() => {
    if (!view || !pw || !vocabulary || pw.length !== view.V) return null;
    const phiK = view.phi.subarray(k * view.V, (k + 1) * view.V);
    return topRelevantTerms(phiK, pw, lambda, TERMS).map((w) => ({
      word: vocabulary[w],
      phi: phiK[w],
      lift: phiK[w] / pw[w],
    }));
  }, [view, pw, vocabulary, k, lambda]);
  return (
    <div className="lda-map" ref={ref}>
      <figure data-map={view?.step ?? ''}>
        <figcaption className="lda-caption">
          <span>Intertopic distance map (MDS of Jensen-Shannon divergences)</span>
          <ChartSave title="Intertopic distance map" />
        </figcaption>
        {circles && view ? (
          <svg
            width={size}
            height={size}
            role="img"
            aria-label="Topics as circles; close topics use similar words"
          >
            <line x1={0} x2={size} y1={size / 2} y2={size / 2} className="lda-axisline" />
            <line y1={0} y2={size} x1={size / 2} x2={size / 2} className="lda-axisline" />
            {circles.map((c) => (
              <g
                key={c.k}
                onClick={() => onSelect(c.k)}
                className="lda-circle"
                data-map-topic={c.k}
              >
                <circle
                  cx={c.x}
                  cy={c.y}
                  r={c.r}
                  fill={topicColor(c.k, view.K)}
                  fillOpacity={c.k === k ? 0.9 : 0.4}
                  stroke={c.k === k ? 'var(--color-fg, #000)' : 'none'}
                />
                <text x={c.x} y={c.y + 4} textAnchor="middle">
                  {c.k + 1}
                </text>
                <title>
                  Topic {c.k + 1}: {(view.shares[c.k] * 100).toFixed(1)}% of the tokens
                </title>
              </g>
            ))}
          </svg>
        ) : (
          <p className="w-hint">The map appears after the first iteration.</p>
        )}
      </figure>
      <div className="lda-relevance" data-relevance={terms ? k : ''}>
        <label>
          <span>
            Relevance λ = <output>{lambda.toFixed(2)}</output>
          </span>
          <input
            type="range"
            min={0}
            max={1}
            step={0.05}
            value={lambda}
            aria-label="Relevance weight lambda"
            onChange={(e) => setLambda(Number(e.target.value))}
          />
        </label>
        <h4>Topic {k + 1}: terms by relevance</h4>
        {terms ? (
          <table>
            <thead>
              <tr>
                <th>term</th>
                <th title="p(w | topic)">φ</th>
                <th title="φ / p(w)">lift</th>
              </tr>
            </thead>
            <tbody>
              {terms.map((t) => (
                <tr key={t.word} data-term={t.word}>
                  <td>{t.word}</td>
                  <td>{t.phi.toFixed(4)}</td>
                  <td>{t.lift.toFixed(1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="w-hint">Select a topic after the first iteration.</p>
        )}
      </div>
    </div>
  );
}
