/**
 * The measured part of tests/bench/topics.mjs, shared by its Node run (loaded through Vite's SSR
 * loader) and its headless-Chromium run (tests/bench/topicsBrowser.mjs, imported in the page
 * from the Vite dev server): vectorize the passages, time `TruncatedSVD` (wasm SIMD kernels
 * where available, or `svdKernels`) `svdRuns` times, then `LatentDirichletAllocation` (online) per tfjs backend and E-step. No DOM,
 * no Node APIs.
 */
import { LatentDirichletAllocation } from '../../src/models/lda';
import {
  CountVectorizer,
  TfidfVectorizer,
  TruncatedSVD,
  type CountVectorizerOptions,
} from '../../src/nlp';
import { selectBackend } from '../../src/train/backend';
import type { BackendName } from '../../src/train/types';

/** What to fit (topics.mjs's command-line options). */
export interface TopicFitOptions {
  /** TruncatedSVD's nComponents and nIter, and how many fits to time (randomState 0, 1, ...). */
  k: number;
  nIter: number;
  svdRuns: number;
  /** TruncatedSVD's `kernels` (default 'auto': WebAssembly SIMD where available). */
  svdKernels?: 'auto' | 'wasm' | 'typescript';
  /** LDA's nComponents, maxIter (passes) and batchSize. */
  topics: number;
  passes: number;
  batchSize: number;
  backends: BackendName[];
  eSteps: Array<'tensor' | 'typescript' | 'auto'>;
  /** Options of both vectorizers (CountVectorizer for LDA, TfidfVectorizer for the SVD). */
  vectorizer: CountVectorizerOptions;
}

/** One timed LDA fit. */
export interface LdaRow {
  backend: string;
  eStep: string;
  ms: number;
  /** The model's final `bound` (training perplexity). */
  perplexity: number;
}

/** What the fits give: the vocabulary, the matrices' size, the SVD times and spectrum, the LDA rows. */
export interface TopicFitResult {
  features: string[];
  shape: [number, number];
  nnz: number;
  svdMs: number[];
  singularValues: number[];
  explainedVarianceRatio: number[];
  ldaRows: LdaRow[];
  /** Lines for the console: the matrices' size, and each backend that was unavailable. */
  log: string[];
}

/**
 * Runs the fits on `texts` with the current code.
 * @throws whatever the vectorizers or the models throw on bad options.
 */
export async function runTopicFits(texts: string[], o: TopicFitOptions): Promise<TopicFitResult> {
  const cv = new CountVectorizer(o.vectorizer);
  const X = cv.fitTransform(texts);
  const T = new TfidfVectorizer(o.vectorizer).fitTransform(texts);
  const log = [`${texts.length} passages; counts ${X.shape.join(' x ')}, nnz ${X.nnz}`];

  const svdMs: number[] = [];
  let svd: TruncatedSVD | null = null;
  for (let r = 0; r < o.svdRuns; r++) {
    const t0 = performance.now();
    svd = new TruncatedSVD({
      ...{ nComponents: o.k, nIter: o.nIter, randomState: r },
      kernels: o.svdKernels ?? 'auto',
    });
    svd.fit(T);
    svdMs.push(performance.now() - t0);
  }

  const ldaRows: LdaRow[] = [];
  for (const name of o.backends) {
    const info = await selectBackend(name);
    if (info.name !== name) {
      log.push(`backend ${name} unavailable (got ${info.name}); skipped`);
      continue;
    }
    for (const eStep of o.eSteps) {
      const model = new LatentDirichletAllocation({
        nComponents: o.topics,
        learningMethod: 'online',
        batchSize: o.batchSize,
        maxIter: o.passes,
        randomState: 0,
        eStep,
      });
      const t0 = performance.now();
      model.fit(X);
      ldaRows.push({
        backend: name,
        eStep,
        ms: performance.now() - t0,
        perplexity: model.bound ?? NaN,
      });
      model.dispose();
    }
  }
  return {
    features: Array.from(cv.getFeatureNamesOut()),
    shape: [X.shape[0], X.shape[1]],
    nnz: X.nnz,
    svdMs,
    singularValues: Array.from(svd?.singularValues ?? []),
    explainedVarianceRatio: Array.from(svd?.explainedVarianceRatio ?? []),
    ldaRows,
    log,
  };
}
