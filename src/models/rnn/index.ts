/**
 * Recurrent networks for chapter 9: RNN (tanh), LSTM and GRU in PyTorch's weight layout,
 * {@link runRnn} / {@link runStackedRnn} with a fast hand-written backward pass, instruments for
 * gate activations and per-step hidden-state gradient norms, gradient clipping and the TBPTT state
 * hand-over. No React, no DOM.
 */
export { GATE_COUNT, GATE_NAMES, RNN_CELL_TYPES } from './types';
export type {
  RnnBackward,
  RnnCellType,
  RnnGates,
  RnnOutput,
  RnnState,
  RnnWeights,
  RunRnnOptions,
  StackedRnnOutput,
} from './types';
export { runRnn, runStackedRnn } from './runRnn';
export {
  disposeRnnWeights,
  initRnnWeights,
  namedRnnWeights,
  RNN_WEIGHT_KEYS,
  rnnWeightList,
} from './weights';
export type { InitRnnOptions, RnnVariables } from './weights';
export { hiddenStateGradNorms, hiddenStateGradNormsAsync } from './instrument';
export type { HiddenGradOptions } from './instrument';
export { CLIP_EPSILON, clipByGlobalNorm, detachState, disposeState } from './clip';
export type { ClippedGrads } from './clip';
export {
  buildCharVocab,
  CHAR_VOCAB_DEFAULTS,
  charVocabFromList,
  decodeChars,
  encodeChars,
  mobyDickText,
  tbpttBatcher,
  UNK_CHAR,
} from './charData';
export type { CharCorpusName, CharVocab, TbpttBatcher, TbpttChunk } from './charData';
export {
  createSineForecastTask,
  resolveSineConfig,
  SINE_DEFAULTS,
  SINE_LIMITS,
  SINE_WEIGHT_NAMES,
  sineSeries,
} from './sineTask';
export type {
  ResolvedSineForecastConfig,
  SineCurve,
  SineForecastConfig,
  SineForecastTask,
} from './sineTask';
export { charLmParameterCount, charLmWeightNames, createCharLmTask } from './charLm';
export type {
  CharLmGateActivations,
  CharLmGradNormOptions,
  CharLmSampleOptions,
  CharLmTask,
} from './charLm';
export {
  CHAR_LM_DEFAULTS,
  CHAR_LM_EXPLODING_CLIPPED,
  CHAR_LM_EXPLODING_PRESET,
  CHAR_LM_LIMITS,
  resolveCharLmConfig,
} from './charLmConfig';
export type { CharLmConfig, CharLmOptimizer, ResolvedCharLmConfig } from './charLmConfig';
