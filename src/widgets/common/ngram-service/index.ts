/**
 * The n-gram service: Moby Dick's n-gram models (orders 1-5; MLE, Laplace, Lidstone,
 * interpolated Kneser-Ney, from src/nlp's NLTK-named toolkit) in a module Web Worker, so that
 * fitting order-5 counts over ~190 K tokens and scoring 20 models never freezes the page.
 * One service per page, shared by chapter 3's n-gram explorer and neural LM widgets, and
 * reference-counted: a widget acquires it on mount and releases it on unmount; when the last
 * holder releases, the worker is terminated (its memory freed) and a later acquire starts anew.
 *
 * @example
 * ```ts
 * import { acquireNgramService, isSuperseded } from '../common/ngram-service';
 * const lease = acquireNgramService(import.meta.env.BASE_URL); // on mount
 * const ngrams = lease.service;
 * const info = await ngrams.ready({ onProgress: (p) => console.log(p.phase, p.done, p.total) });
 * // info: { vocabSize, trainTokens, heldoutTokens, types, heldoutTargets, ... }
 * const kn3 = await ngrams.perplexity({ order: 3, method: 'kneser-ney', param: 0.75 });
 * // kn3.perplexity: number (Infinity for MLE when a target has probability 0; never NaN)
 * const sub = await ngrams.perplexity({ order: 3, method: 'laplace',
 *   targets: { kind: 'subset', size: 2000, seed: 1 } }); // the same targets as evaluationSubset
 * const d = await ngrams.distribution({ order: 3, method: 'kneser-ney', context: 'the white', k: 12 },
 *   { supersede: true }); // while typing: older calls reject with isSuperseded(err) === true
 * lease.release(); // on unmount: the last release terminates the worker
 * ```
 *
 * Every call returns a promise. Errors (bad arguments, a failed download, a crashed worker)
 * reject with an Error whose message is written for the reader. The worker speaks the book's
 * worker RPC (src/train/worker/rpc.ts): its API is `NgramWorkerApi` (protocol.ts, handler.ts). Calls made before `ready()` wait
 * for it. The evaluation targets are `evaluationNgrams(heldoutSentences, order)` from src/nlp
 * (order-1 '<s>' on the left, one '</s>' on the right), the same targets at every order; the
 * vocabulary is `Vocabulary({ unkCutoff: MOBY_DICK_UNK_CUTOFF })` fitted on the padded training
 * tokens. See toolkit.ts for how the shared counts are made.
 */
export {
  createNgramClient,
  isSuperseded,
  SupersededError,
  type CallOptions,
  type NgramClient,
  type NgramEndpoint,
  type NgramService,
} from './client';
export {
  acquireNgramService,
  createNgramPool,
  getNgramService,
  ngramServiceStats,
  type NgramLease,
  type NgramPool,
  type NgramPoolStats,
} from './pool';
export { evaluationSubset } from './subset';
export * from './protocol';
