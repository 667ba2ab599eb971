import { LineChart, MetricReadout, type Metric } from '../../ui';
import type { RunnerState } from '../../train';

const fixed = (d: number) => (v: number) => v.toFixed(d);

/**
 * The numbers after each iteration: perplexity on the sample of passages (lower is better) and
 * the topics' mean UMass and NPMI coherence (higher is better), as readouts and curves.
 */
export function Curves({
  state,
  evalPassages,
}: {
  state: RunnerState | null;
  evalPassages: number | null;
}) {
  const h = state?.history;
  const x = h?.step ?? [];
  const metrics: Metric[] = [
    {
      key: 'perplexity',
      label: 'perplexity',
      value: state?.latest.loss ?? null,
      format: fixed(1),
      hint: `exp(−bound / words) on ${evalPassages ? evalPassages.toLocaleString('en') : 'a sample of'} passages`,
    },
    {
      key: 'umass',
      label: 'UMass coherence',
      value: state?.latest.umass ?? null,
      format: fixed(3),
    },
    { key: 'npmi', label: 'NPMI coherence', value: state?.latest.npmi ?? null, format: fixed(3) },
    {
      key: 'seconds_per_iteration',
      label: 's / iteration',
      value: state?.msPerStep ? state.msPerStep / 1000 : null,
      format: fixed(1),
    },
  ];
  return (
    <div className="w-charts">
      <MetricReadout metrics={metrics} label="Live metrics" />
      <div className="w-chart-grid">
        <LineChart
          title="Perplexity"
          xLabel="iteration"
          yLabel="perplexity"
          series={[{ name: 'sample of passages', x, y: h?.loss ?? [] }]}
        />
        <LineChart
          title="UMass coherence (mean over topics)"
          xLabel="iteration"
          yLabel="UMass"
          logToggle={false}
          series={[{ name: 'UMass', x, y: h?.umass ?? [] }]}
        />
        <LineChart
          title="NPMI coherence (mean over topics)"
          xLabel="iteration"
          yLabel="NPMI"
          logToggle={false}
          series={[{ name: 'NPMI (documents)', x, y: h?.npmi ?? [] }]}
        />
      </div>
    </div>
  );
}
