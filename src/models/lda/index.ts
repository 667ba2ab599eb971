/** Latent Dirichlet allocation by variational Bayes in tfjs (scikit-learn 1.2 semantics). */
export { LatentDirichletAllocation } from './lda';
export {
  LDA_DEFAULTS,
  LDA_LIMITS,
  resolveLdaOptions,
  type LdaOptions,
  type ResolvedLdaOptions,
} from './ldaConfig';
export { digamma, dirichletExpectation, lgamma, Rng } from './special';
