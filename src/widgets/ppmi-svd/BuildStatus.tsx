import { WidgetMessage } from '../../ui';
import type { PpmiResult, PpmiStage } from './protocol';
import type { BuildPhase } from './usePpmiBuild';

const STAGES: readonly { stage: PpmiStage; label: string }[] = [
  { stage: 'download', label: 'download' },
  { stage: 'tokenize', label: 'tokenize' },
  { stage: 'vocabulary', label: 'vocabulary' },
  { stage: 'cooccurrence', label: 'co-occurrence counts' },
  { stage: 'ppmi', label: 'PPMI' },
  { stage: 'svd', label: 'truncated SVD' },
  { stage: 'evaluate', label: 'evaluation' },
];

const sec = (ms: number | undefined) => (ms === undefined ? '' : `${(ms / 1000).toFixed(1)} s`);

/** Seconds of compute a result stands for: co-occurrence + PPMI + SVD, from scratch. */
export function computeSeconds(r: PpmiResult): number {
  const f = r.fullMs;
  return ((f.cooccurrence ?? 0) + (f.ppmi ?? 0) + (f.svd ?? 0)) / 1000;
}

/** Progress of a build (stage list with a meter) or the summary of the finished one. */
export function BuildStatus({ phase, onRetry }: { phase: BuildPhase; onRetry: () => void }) {
  if (phase.phase === 'failed') {
    return (
      <WidgetMessage tone="error">
        <span data-build-error="">The vectors could not be built: {phase.message}</span>{' '}
        <button type="button" className="ui-button ui-button-small" onClick={onRetry}>
          Try again
        </button>
      </WidgetMessage>
    );
  }
  if (phase.phase === 'idle') {
    return (
      <p className="w-hint">
        The vectors are built in a background thread when this widget comes into view (or press
        Build).
      </p>
    );
  }
  if (phase.phase === 'ready') {
    const r = phase.result;
    const f = r.fullMs;
    const reused = STAGES.filter((s) => s.stage !== 'evaluate' && r.ms[s.stage] === undefined);
    return (
      <p className="w-hint" data-build-summary="" data-seconds={computeSeconds(r).toFixed(2)}>
        {r.words.length.toLocaleString('en-US')} words (at least {r.settings.minCount} occurrences)
        in {r.keptTokens.toLocaleString('en-US')} tokens; co-occurrence matrix{' '}
        {r.nnzCooccurrence.toLocaleString('en-US')} non-zero cells, PPMI{' '}
        {r.nnzPpmi.toLocaleString('en-US')}. Time: counts {sec(f.cooccurrence)}, PPMI {sec(f.ppmi)},
        SVD {sec(f.svd)} (tokenizing {sec(f.tokenize)}).
        {reused.length > 0 && reused.length < STAGES.length - 1
          ? ` Reused from the previous build: ${reused.map((s) => s.label).join(', ')}.`
          : ''}
      </p>
    );
  }
  const at = STAGES.findIndex((s) => s.stage === phase.stage);
  const frac = phase.fraction;
  const detail =
    phase.stage === 'download' && phase.loaded !== undefined
      ? ` ${(phase.loaded / 1e6).toFixed(1)} MB`
      : frac !== null
        ? ` ${Math.round(frac * 100)} %`
        : '';
  return (
    <div role="status" data-build-stage={phase.stage}>
      <ol className="ppmi-stages">
        {STAGES.map((s, i) => (
          <li
            key={s.stage}
            className={i < at ? 'ppmi-stage-done' : i === at ? 'ppmi-stage-now' : undefined}
          >
            {s.label}
            {i === at ? `…${detail}` : ''}
          </li>
        ))}
      </ol>
      <div className="w-meter" aria-hidden="true">
        <div
          className="w-meter-fill"
          style={{ width: `${((at + (frac ?? 0.5)) / STAGES.length) * 100}%` }}
        />
      </div>
    </div>
  );
}
