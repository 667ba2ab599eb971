import { useMemo } from 'react';
import { BarChart, type Bar } from '../../ui';
import { ADDITION_EVAL_EVERY } from './schema';
import type { AdditionExtra } from './spec';

/** Props of {@link LengthBars}. */
export interface LengthBarsProps {
  evaluation: AdditionExtra['evaluation'];
}

const pct = (v: number) => `${Math.round(v * 100)}%`;
const DOMAIN = [0, 1] as const;

/**
 * Held-out exact match by the length of the answer (bars), from the latest evaluation, and a
 * few of the sums the model got wrong.
 */
export function LengthBars({ evaluation }: LengthBarsProps) {
  const bars = useMemo<Bar[]>(
    () =>
      (evaluation?.byAnswerLength ?? []).map((b) => ({
        label: `${b.length} digit${b.length === 1 ? '' : 's'} (${b.count})`,
        value: b.exactMatch,
      })),
    [evaluation],
  );
  return (
    <section className="w-try s2a-lengths" aria-label="Exact match by answer length">
      {evaluation ? (
        <>
          <BarChart
            bars={bars}
            label="Held-out exact match by answer length (number of sums in brackets)"
            domain={DOMAIN}
            format={pct}
            valueLabel="exact match"
          />
          <p className="w-hint" data-eval-step={evaluation.step}>
            {evaluation.count.toLocaleString('en')} held-out sums, after step{' '}
            {evaluation.step.toLocaleString('en')}: {pct(evaluation.exactMatch)} right.
            {evaluation.mistakes.length > 0 && (
              <>
                {' '}
                Some wrong answers:{' '}
                {evaluation.mistakes.slice(0, 4).map((m, i) => (
                  <span key={i} className="s2a-mono s2a-mistake">
                    {m.source} → {m.output || '∅'} (not {m.target})
                  </span>
                ))}
              </>
            )}
          </p>
        </>
      ) : (
        <>
          <span className="w-label">Held-out exact match by answer length</span>
          <p className="w-hint">
            The bars appear after the first evaluation (every {ADDITION_EVAL_EVERY} steps).
          </p>
        </>
      )}
    </section>
  );
}
