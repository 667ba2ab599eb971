import type { ReactNode } from 'react';
import { formatNumber } from './validate';

/** One live number. */
export interface Metric {
  /** Stable key, written to `<output data-metric={key}>` (end-to-end tests read it). */
  key: string;
  /** Visible label, e.g. "Validation accuracy". */
  label: string;
  /** The value; null or a non-finite number shows "—". Strings are shown as they are. */
  value: number | string | null | undefined;
  /** Custom formatting of numbers (default: 4 significant digits, scientific when tiny). */
  format?: (v: number) => string;
  /** Unit after the value, e.g. "%" or "ms". */
  unit?: string;
  /** Tooltip explaining the metric. */
  hint?: string;
  /** Visual emphasis: e.g. `danger` for a NaN loss. */
  tone?: 'ok' | 'warning' | 'danger';
}

/** Props of {@link MetricReadout}. */
export interface MetricReadoutProps {
  metrics: readonly Metric[];
  /** Accessible name of the group. Default "Metrics". */
  label?: string;
  /** Extra content after the metrics (e.g. a note). */
  children?: ReactNode;
}

/** Text of one metric value: formatted number, string, or "—" when missing. */
export function metricText(m: Metric): string {
  const v = m.value;
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') return v;
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : String(v);
  const s = m.format ? m.format(v) : formatNumber(v);
  return m.unit ? `${s}${m.unit === '%' ? '' : ' '}${m.unit}` : s;
}

/**
 * Label/value pairs for the live numbers of a widget (loss, accuracy, perplexity...). Each
 * value is an `<output data-metric={key}>`, so tests read `[data-metric="loss"]`.
 */
export function MetricReadout({ metrics, label = 'Metrics', children }: MetricReadoutProps) {
  return (
    <div className="ui-metrics" role="group" aria-label={label}>
      <dl className="ui-metrics-list">
        {metrics.map((m) => (
          <div
            key={m.key}
            className={m.tone ? `ui-metric ui-metric-${m.tone}` : 'ui-metric'}
            title={m.hint}
          >
            <dt className="ui-metric-label">{m.label}</dt>
            <dd className="ui-metric-value">
              <output data-metric={m.key}>{metricText(m)}</output>
            </dd>
          </div>
        ))}
      </dl>
      {children}
    </div>
  );
}
