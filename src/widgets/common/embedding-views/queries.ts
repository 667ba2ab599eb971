/**
 * The queries the neighbour and analogy boxes ask of a set of word vectors. A
 * {@link KeyedVectors} satisfies the interface as it is (synchronously); a widget whose vectors
 * live elsewhere (on the GPU while word2vec trains, in a worker) passes async functions.
 */
import { OutOfVocabularyError, type WordScore } from '../../../nlp/embeddings';

/** Nearest-neighbour and analogy queries on word vectors (KeyedVectors' signatures). */
export interface EmbeddingQueries {
  /** The `topn` words nearest to `word` by cosine, best first, excluding it (gensim `most_similar`). */
  mostSimilar(word: string, topn: number): WordScore[] | Promise<WordScore[]>;
  /** 3CosAdd: the `topn` best answers to a : b :: c : ?, excluding a, b and c. */
  analogy(a: string, b: string, c: string, topn: number): WordScore[] | Promise<WordScore[]>;
}

/**
 * A reader-facing message for a failed query: out-of-vocabulary words are named with the
 * vocabulary rule (`minCount`), other errors keep their message.
 */
export function queryErrorMessage(e: unknown, minCount?: number): string {
  if (
    e instanceof OutOfVocabularyError ||
    (e instanceof Error && e.name === 'OutOfVocabularyError')
  ) {
    const words = (e as OutOfVocabularyError).words ?? [];
    const list = words.length ? words.map((w) => `“${w}”`).join(', ') : 'A word';
    const verb = words.length > 1 ? 'are' : 'is';
    return (
      `${list} ${verb} not in the vocabulary: it keeps only the words that occur at least ` +
      `${minCount ?? 5} times in the corpus (minCount), so rarer words have no vector.`
    );
  }
  return e instanceof Error ? e.message : String(e);
}
