/** word2vec (skip-gram / CBOW with negative sampling) trained with tfjs: see task.ts. */
export {
  AliasSampler,
  keepProbabilities,
  prepareCorpus,
  subsampleCorpus,
  unigramSampler,
} from './corpus';
export type { SubsampledCorpus, Word2VecCorpus } from './corpus';
export { BatchStream, segmentPlan, segmentPlanBuffers, SkipGramRowSorter } from './batches';
export type {
  BatchStreamOptions,
  SegmentPlan,
  SegmentPlanBuffers,
  Word2VecArchitecture,
  Word2VecBatch,
} from './batches';
export {
  MAX_WORD2VEC_PARAMS,
  resolveWord2VecConfig,
  WORD2VEC_DEFAULTS,
  WORD2VEC_LIMITS,
} from './config';
export type { ResolvedWord2VecConfig, Word2VecConfig } from './config';
export {
  applySparseUpdate,
  defaultSparseUpdate,
  gatherPlan,
  gatherRows,
  negativeSamplingParts,
  negativeSamplingStep,
  sumGroups,
} from './ops';
export type { GatherPlan, NegativeSamplingInputs, SparseUpdate } from './ops';
export { ALPHA_FLOOR, createWord2VecTask, learningRateAt, WORD2VEC_WEIGHT_NAMES } from './task';
export type { Word2VecTask } from './task';
