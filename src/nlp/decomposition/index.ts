/** Matrix decompositions of document-term matrices (scikit-learn 1.2 semantics). */
export { TruncatedSVD, type Float64Matrix, type TruncatedSVDOptions } from './truncatedSvd';
export {
  luPermuteL,
  randomizedSvdCsr,
  standardNormal,
  type PowerIterationNormalizer,
  type RandomizedSvdCsrOptions,
  type RandomizedSvdResult,
} from './randomizedSvd';
