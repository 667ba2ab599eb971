/** Topic models in plain TypeScript: collapsed Gibbs LDA, topic coherence, ψ and ln Γ. */
export { GibbsLda, type GibbsLdaOptions, type GibbsStep } from './gibbsLda';
export {
  npmiCoherence,
  topicCoherence,
  topWordIds,
  umassCoherence,
  type CoherenceCorpus,
  type CoherenceOptions,
} from './coherence';
export { digammaScalar, lgammaScalar } from './special';
export { classicalMds, jensenShannon, relevance, topicDistances, topRelevantTerms } from './ldavis';
