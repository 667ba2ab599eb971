import { memo, useId, useMemo } from 'react';
import {
  Controls,
  LineChart,
  MetricReadout,
  WidgetFrame,
  WidgetMessage,
  useHyperparams,
} from '../../ui';
import '../kit/widgets.css';
import './gibbs.css';
import { CountTables, DocsView } from './ChainViews';
import {
  GIBBS_PREFIX,
  gibbsModelSchema,
  gibbsSchema,
  topicLabelStyle,
  type GibbsSettings,
} from './schema';
import { StepPanel } from './StepPanel';
import { parseToyCorpus, topWords } from './toyCorpus';
import { useGibbsChain } from './useGibbsChain';

const controlsSchema = { ...gibbsModelSchema, speed: gibbsSchema.speed };

/**
 * Chapter 5's collapsed Gibbs sampler for LDA (Griffiths and Steyvers 2004) on a toy corpus the
 * reader can edit: one word is resampled per step, its full conditional shown as bars and as the
 * product of its two factors, with the count tables n_dk, n_kw and n_k beside it. Runs on the
 * main thread (each step is a few microseconds of plain TypeScript). URL keys: `gibbs.`.
 */
export function GibbsToy() {
  const hp = useHyperparams(gibbsSchema, { prefix: GIBBS_PREFIX });
  const v = hp.values;
  const corpus = useMemo(() => parseToyCorpus(v.docs), [v.docs]);
  const vocab = corpus.ok ? corpus.vocab : [];
  const c = useGibbsChain(
    {
      docs: corpus.ok ? corpus.docs : null,
      nFeatures: vocab.length,
      k: v.k,
      alpha: v.alpha,
      beta: v.beta,
      seed: v.seed,
    },
    v.speed,
  );
  const toy = c.chain;
  const chain = toy?.lda ?? null;
  const steps = chain ? chain.sweeps * chain.nTokens + chain.position : 0;
  const tops = chain ? topWords(chain, vocab, 4) : [];
  // A new array only when a sweep ends, so the chart redraws only then.
  const trace = toy?.trace;
  const series = useMemo(
    () =>
      trace
        ? [{ name: 'log p(w | z)', x: trace.map((t) => t.sweep), y: trace.map((t) => t.ll) }]
        : [],
    [trace],
  );
  // Rendered again only when a sweep ends, not on every step.
  const chart = useMemo(
    () =>
      series.length > 0 && series[0].x.length >= 2 ? (
        <LineChart
          title="log p(w | z) after each sweep"
          series={series}
          xLabel="sweep"
          yLabel="log p(w | z)"
          height={140}
          logToggle={false}
          legend={false}
        />
      ) : null,
    [series],
  );

  return (
    <div className="w-root">
      <WidgetFrame
        id="gibbs-toy"
        title="Collapsed Gibbs sampling, one word at a time"
        subtitle="Each step takes one word out of the counts and draws its topic from p(z = k | all the other words)."
        onTogglePlay={() => c.setPlaying((p) => !p)}
        onStep={c.step}
        onReset={c.reset}
        data={{
          steps,
          sweeps: chain?.sweeps,
          status: c.playing ? 'playing' : 'paused',
          'max-frame-ms': toy?.maxFrameMs.toFixed(2),
        }}
      >
        {hp.messages.length > 0 && (
          <WidgetMessage tone="warning" onDismiss={hp.dismissMessages}>
            {hp.messages.join(' ')}
          </WidgetMessage>
        )}
        <div className="gt-buttons" role="group" aria-label="Sampler">
          <button
            type="button"
            className="ui-button"
            disabled={!chain}
            onClick={() => c.setPlaying((p) => !p)}
          >
            {c.playing ? 'Pause' : 'Play'}
          </button>
          <button type="button" className="ui-button" disabled={!chain} onClick={c.step}>
            Step
          </button>
          <button type="button" className="ui-button" disabled={!chain} onClick={c.sweep}>
            {chain && chain.position > 0 ? 'Finish the sweep' : 'Full sweep'}
          </button>
          <button type="button" className="ui-button ui-button-quiet" onClick={c.reset}>
            Reset
          </button>
        </div>
        {!corpus.ok && (
          <WidgetMessage tone="info">
            <span data-corpus-error="">{corpus.message}</span>
          </WidgetMessage>
        )}
        {corpus.ok && corpus.notes.length > 0 && (
          <p className="w-hint" data-corpus-note="">
            {corpus.notes.join(' ')}
          </p>
        )}
        {chain && (
          <>
            <MetricReadout
              metrics={[
                { key: 'steps', label: 'steps', value: steps, format: String },
                { key: 'sweeps', label: 'full sweeps', value: chain.sweeps, format: String },
                {
                  key: 'loglik',
                  label: 'log p(w | z)',
                  value: chain.logLikelihood(),
                  format: (x) => x.toFixed(1),
                  hint: 'Griffiths and Steyvers eq. 2, in nats: rises as the topics sort out.',
                },
              ]}
            />
            <div className="gt-layout">
              <div className="gt-left">
                <DocsView chain={chain} vocab={vocab} />
                <StepPanel chain={chain} vocab={vocab} />
                <ul className="gt-tops" aria-label="Most probable words of each topic" data-tops="">
                  {tops.map((ws, k) => (
                    <li key={k}>
                      <strong style={topicLabelStyle(k)}>topic {k + 1}:</strong> {ws.join(', ')}
                    </li>
                  ))}
                </ul>
              </div>
              <CountTables chain={chain} vocab={vocab} />
            </div>
            {chart}
          </>
        )}
        <SettingsPanel values={v} setValue={hp.setValue} reset={hp.reset} />
      </WidgetFrame>
    </div>
  );
}

/**
 * The sampler's settings and the corpus box: memoised, so that the many redraws while playing
 * (which change neither) skip them.
 */
const SettingsPanel = memo(function SettingsPanel({
  values,
  setValue,
  reset,
}: {
  values: GibbsSettings;
  setValue: <K extends keyof GibbsSettings>(name: K, value: GibbsSettings[K]) => void;
  reset: () => void;
}) {
  const id = useId();
  return (
    <div className="w-columns gt-settings">
      <Controls
        schema={controlsSchema}
        values={values}
        onChange={(name, value) => setValue(name, value as GibbsSettings[typeof name])}
        onReset={reset}
        label="Sampler settings"
      />
      <div>
        <label htmlFor={`${id}-docs`} className="w-label">
          {gibbsSchema.docs.label}
        </label>
        <textarea
          id={`${id}-docs`}
          name="documents"
          className="ui-text-input gt-corpus"
          rows={7}
          value={values.docs}
          maxLength={gibbsSchema.docs.maxLength}
          spellCheck={false}
          onChange={(e) => setValue('docs', e.target.value)}
        />
        <p className="w-hint">
          Editing the corpus, K, α, β or the seed starts a new chain. Stop words are left out.
        </p>
      </div>
    </div>
  );
});
