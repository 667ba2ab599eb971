/**
 * Views shared by chapter 8's two embedding widgets (word2vec trained live, and PPMI + SVD):
 * a 2-D PCA projection of a chosen word set that moves smoothly between refreshes, a
 * nearest-neighbour box, an analogy box, the evaluation scores, and a small store through
 * which each route publishes its time and scores for the comparison table.
 *
 * These are plain components and hooks, used INSIDE the lazily loaded widgets (they are not
 * lazy themselves). Styles: ./views.css, imported here.
 *
 * @example In a widget
 * ```tsx
 * const [words, setWords] = useState(() => SOTU_WORD_GROUPS.flatMap((g) => g.words));
 * // every ~0.5 s while training: the rows of the in-vocabulary words
 * const { known } = splitKnown(words, (w) => vocabIndex.has(w));
 * setInput({ words: known, vectors: await task.getVectors(known.map((w) => vocabIndex.get(w)!)), dim });
 * <ProjectionPlot words={words} onWordsChange={setWords} hasWord={(w) => vocabIndex.has(w)}
 *   vocabSize={V} minCount={5} input={input} groups={SOTU_WORD_GROUPS} />
 * <NeighboursBox source={queries} version={evalTick} minCount={5} />   // queries: stable (useMemo)
 * <AnalogyBox source={queries} version={evalTick} minCount={5} />
 * <EvaluationScores result={evaluation} setName={SOTU_EVALUATION_SET.name} history={history} />
 * publishRouteResult({ route: 'word2vec', corpus: 'sotu', settings: 'skip-gram, d = 100', seconds,
 *   analogyAccuracy, coverage, spearman });
 * <RouteComparisonTable corpus="sotu" />
 * ```
 */
import './views.css';

export { pca2d, alignProjection, matchWords, type Pca2d } from './pca';
export { placeLabels, type LabelPlace, type LabelPoint } from './labels';
export { useProjection, type ProjectionFrame, type ProjectionInput } from './useProjection';
export { ProjectionPlot, type ProjectionPlotProps } from './ProjectionPlot';
export {
  MAX_PROJECTION_WORDS,
  MOBY_WORD_GROUPS,
  SOTU_WORD_GROUPS,
  addWords,
  defaultWordGroups,
  groupIndex,
  parseWordInput,
  splitKnown,
  type WordGroup,
} from './wordSets';
export { queryErrorMessage, type EmbeddingQueries } from './queries';
export { NeighboursBox, ScoreList, type NeighboursBoxProps } from './NeighboursBox';
export { AnalogyBox, type AnalogyBoxProps, type AnalogyTriple } from './AnalogyBox';
export {
  EvaluationScores,
  type EvaluationHistory,
  type EvaluationScoresProps,
} from './EvaluationScores';
export {
  clearRouteResult,
  getRouteResults,
  publishRouteResult,
  subscribeRouteResults,
  useRouteResults,
  type EmbeddingRoute,
  type RouteResult,
} from './routeResults';
export { RouteComparisonTable, type RouteComparisonTableProps } from './RouteComparisonTable';
