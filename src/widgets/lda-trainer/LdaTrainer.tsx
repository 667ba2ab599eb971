import { useEffect, useState } from 'react';
import { useHyperparams } from '../../ui';
import { TrainingController, TrainingShell, useTrainingWidget } from '../kit';
import { Curves } from './Curves';
import { PrevalenceChart } from './PrevalenceChart';
import { LDA_KNOBS, LDA_PREFIX, ldaPresets, ldaSchema, VECTORIZER } from './schema';
import { ldaInfo, ldaSpec, refreshView, type LdaController } from './spec';
import { TopicList } from './TopicList';
import { TopicMap } from './TopicMap';
import './lda.css';

/**
 * Chapter 5's LDA fitted live (scikit-learn's LatentDirichletAllocation by variational Bayes,
 * batch or online) on the State of the Union passages' counts, in a Web Worker: each topic's top
 * words after every iteration, perplexity and coherence curves, topic prevalence by decade, and
 * the LDAvis intertopic distance map with its relevance slider. Settings live in the URL under
 * `lda.`.
 */
export function LdaTrainer() {
  const hp = useHyperparams(ldaSchema, { prefix: LDA_PREFIX, presets: ldaPresets });
  const [controller] = useState<LdaController>(
    () => new TrainingController(ldaSpec, import.meta.env.BASE_URL),
  );
  const tw = useTrainingWidget(controller, hp);
  const { cs, rs, applied } = tw;
  const [selected, setSelected] = useState(0);
  const status = rs?.status;
  const step = rs?.step ?? 0;
  // The views after every iteration (and after Step, pause and the end).
  useEffect(() => {
    if (step > 0 && (status === 'running' || status === 'paused' || status === 'done')) {
      void refreshView(controller);
    }
  }, [status, step, controller]);
  const info = cs.taskInfo ? ldaInfo(controller) : null;
  const view = cs.view;
  return (
    <TrainingShell
      schema={ldaSchema}
      hp={hp}
      tw={tw}
      title="LDA, fitted live"
      subtitle="Variational Bayes (batch or online) on the word counts of 230 years of addresses"
      presets={ldaPresets}
      loading="TensorFlow.js"
      totalEpochs={applied.iterations}
      knobs={LDA_KNOBS}
      data={{ 'view-step': view?.step, perplexity: rs?.latest.loss }}
      messages={cs.probeError && <p className="w-hint">{cs.probeError}</p>}
      footer={
        <div className="lda-views">
          <TopicList
            view={view}
            vocabulary={info?.vocabulary ?? null}
            selected={selected}
            onSelect={setSelected}
          />
          <PrevalenceChart view={view} selected={selected} onSelect={setSelected} />
          <TopicMap
            view={view}
            vocabulary={info?.vocabulary ?? null}
            pw={info?.pw ?? null}
            selected={selected}
            onSelect={setSelected}
          />
        </div>
      }
      credit={
        <>
          Data: State of the Union addresses 1790–2021 (public domain), cut into passages of at
          least 100 words. Counts: English stop words removed, min_df {VECTORIZER.minDf}, max_df{' '}
          {VECTORIZER.maxDf}, the {VECTORIZER.maxFeatures.toLocaleString('en')} most frequent terms.
          Model: Blei, Ng and Jordan (2003); Hoffman, Blei and Bach (2010). Map and relevance:
          Sievert and Shirley (2014).
        </>
      }
    >
      <Curves state={rs} evalPassages={info?.evalPassages ?? null} />
      {info ? (
        <p className="w-hint" data-corpus="">
          {info.passages.toLocaleString('en')} passages ({info.firstYear}–{info.lastYear}) ×{' '}
          {info.features.toLocaleString('en')} terms, {info.nnz.toLocaleString('en')} nonzero
          counts. Perplexity on every 10th of them ({info.evalPassages.toLocaleString('en')});
          decades and topic sizes from every 4th ({info.viewPassages.toLocaleString('en')}).
        </p>
      ) : (
        <p className="w-hint">
          The first step downloads the addresses (11 MB) and counts their words in the worker.
        </p>
      )}
    </TrainingShell>
  );
}
