/**
 * Chapter 11: convolutional networks for text. Convolution arithmetic (PyTorch's `nn.Conv1d`
 * output length and receptive fields) and Kim's (2014) multi-width TextCNN. No React, no DOM.
 */
export { conv1dOutputLength, conv1dPadding, receptiveField } from './arithmetic';
export type { Conv1dArithmeticOptions, Conv1dPadding, ReceptiveField } from './arithmetic';
export { checkTextCnnWeights, textCnnForward } from './forward';
export type { TextCnnConv, TextCnnForwardOptions, TextCnnOutput, TextCnnWeights } from './forward';
export {
  checkTextCnnIds,
  MAX_TEXTCNN_PARAMS,
  parseFilterWidths,
  resolveTextCnnConfig,
  TEXTCNN_DEFAULTS,
  TEXTCNN_LIMITS,
  textCnnParameterCount,
} from './config';
export type { ResolvedTextCnnConfig, TextCnnConfig } from './config';
export { createTextCnnTask, textCnnWeightNames } from './task';
export type { TextCnnTask } from './task';
export { explainSentence, topNgramsOf } from './inspect';
export type { FilterNgrams, FilterWin, NgramActivation, TextCnnExplanation } from './inspect';
