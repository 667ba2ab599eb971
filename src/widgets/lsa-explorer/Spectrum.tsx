import { LineChart, MetricReadout } from '../../ui';
import type { LsaInfo } from './protocol';

/** `n` in Unicode subscript digits, e.g. 20 -> "₂₀". */
export const subscript = (n: number) =>
  String(n).replace(/\d/g, (d) => String.fromCharCode(0x2080 + Number(d)));

/** Cumulative sums of `v`. */
export function cumulative(v: readonly number[]): number[] {
  let s = 0;
  return v.map((x) => (s += x));
}

/**
 * The singular values σ_1 ≥ σ_2 ≥ ... of the fitted SVD (the first k in the accent colour) and
 * the cumulative explained-variance ratio, with the share the first k dimensions keep.
 */
export function Spectrum({ info, k }: { info: LsaInfo; k: number }) {
  const cum = cumulative(info.explainedVarianceRatio);
  const atK = cum[k - 1];
  const xs = cum.map((_, i) => i + 1);
  return (
    <div className="lsa-spectrum">
      <MetricReadout
        metrics={[
          {
            key: 'sigma1',
            label: 'σ₁',
            value: info.singularValues[0],
            format: (v) => v.toFixed(2),
          },
          {
            key: 'sigmak',
            label: `σ${subscript(k)}`,
            value: info.singularValues[k - 1],
            format: (v) => v.toFixed(2),
          },
          {
            key: 'explained',
            label: `variance kept by k = ${k}`,
            value: atK * 100,
            format: (v) => v.toFixed(1),
            unit: '%',
          },
        ]}
      />
      <LineChart
        title={`Singular values σ₁ … σ${subscript(info.kMax)} (the first k = ${k} in colour)`}
        series={[
          { name: `σ₁ … σ${subscript(k)}`, x: xs.slice(0, k), y: info.singularValues.slice(0, k) },
          {
            name: 'left out',
            x: xs.slice(k - 1),
            y: info.singularValues.slice(k - 1),
            color: 'var(--color-muted)',
            dashed: true,
          },
        ]}
        xLabel="dimension"
        yLabel="σ"
        height={150}
        logToggle={false}
        legendValues={false}
      />
      <LineChart
        title="Cumulative explained-variance ratio"
        series={[{ name: 'cumulative ratio', x: xs, y: cum }]}
        xLabel="dimensions"
        yLabel="share of the variance"
        references={[{ y: atK, label: `k = ${k}: ${(atK * 100).toFixed(1)} %` }]}
        height={150}
        logToggle={false}
        legend={false}
      />
    </div>
  );
}
