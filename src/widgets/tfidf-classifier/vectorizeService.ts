/**
 * The vectorizer as the classifier's worker keeps it: the corpora it loaded and the last fitted
 * TfidfVectorizer with its matrices, so that the model's task (./workerKind.ts) trains on them
 * where they are, and the reader's text is transformed by the same vectorizer. The page only
 * gets facts ({@link VectorizerFacts}) and the reader's text's terms. No React, no DOM.
 */
import type { TfidfVectorizer } from '../../nlp';
import { transfer } from '../../train/worker/rpc';
import { loadTaskCorpus, type TaskCorpus } from './corpus';
import type {
  FitRequest,
  TaskName,
  TransformedText,
  Vectorized,
  VectorizerApi,
  VectorizerFacts,
} from './protocol';
import { fitCorpus, transformText } from './vectorizeCore';

/** A fitted vectorization: the vectorizer, its matrices and the class names. */
export interface Fitted {
  vectorizer: TfidfVectorizer;
  result: Vectorized;
  classNames: string[];
}

/** Loads a corpus (the default fetches it; tests pass their own). */
export type CorpusLoader = (
  task: TaskName,
  baseUrl: string,
  onProgress?: (fraction: number | null) => void,
) => Promise<TaskCorpus>;

/** The cache key of a request: the corpus and every vectorizer setting. */
export function fitKey(r: FitRequest): string {
  const s = r.settings;
  return [r.corpus, r.baseUrl, s.ngram, s.min_df, s.max_features, s.sublinear_tf, s.binary, s.norm]
    .map(String)
    .join('|');
}

/** Facts of a fitted vectorization, for the page. */
export function factsOf(f: Fitted): VectorizerFacts {
  const { result } = f;
  const valCounts = new Array<number>(f.classNames.length).fill(0);
  for (const y of result.valY) valCounts[y]++;
  return {
    classNames: [...f.classNames],
    nTrain: result.trainY.length,
    nVal: result.valY.length,
    features: result.featureNames.length,
    valCounts,
    nbAccuracy: result.nbAccuracy,
    meanTermsPerDoc: result.meanTermsPerDoc,
    ms: result.ms,
  };
}

/** See the module comment. One per worker. */
export class VectorizeService {
  private readonly corpora = new Map<string, Promise<TaskCorpus>>();
  private key: string | null = null;
  private current: Promise<Fitted> | null = null;

  /** @param load - the corpus loader (default: fetch from the site's data/). */
  constructor(private readonly load: CorpusLoader = loadTaskCorpus) {}

  private corpus(r: FitRequest, onProgress?: (f: number | null) => void): Promise<TaskCorpus> {
    const key = `${r.corpus}|${r.baseUrl}`;
    let c = this.corpora.get(key);
    if (!c) {
      c = this.load(r.corpus, r.baseUrl, onProgress);
      this.corpora.set(key, c);
      c.catch(() => this.corpora.delete(key));
    }
    return c;
  }

  /**
   * The vectorization of `request`: the cached one when the request is the last one's, else
   * loaded and fitted now (it replaces the cached one).
   * @throws the loader's and {@link fitCorpus}'s errors (reader-facing messages).
   */
  fitted(request: FitRequest, onProgress?: (fraction: number | null) => void): Promise<Fitted> {
    const key = fitKey(request);
    if (key === this.key && this.current) return this.current;
    const made = this.corpus(request, onProgress).then((corpus) => {
      const { vectorizer, result } = fitCorpus(corpus, request.settings);
      return { vectorizer, result, classNames: corpus.classNames };
    });
    this.key = key;
    this.current = made;
    made.catch(() => {
      if (this.current === made) {
        this.key = null;
        this.current = null;
      }
    });
    return made;
  }

  /** The methods the page calls (see {@link VectorizerApi}); typed arrays are transferred. */
  api(): VectorizerApi {
    return {
      fit: async (request, onProgress) => factsOf(await this.fitted(request, onProgress)),
      transform: async (request, text) => {
        const t: TransformedText = transformText((await this.fitted(request)).vectorizer, text);
        return transfer(t, [t.indices.buffer, t.values.buffer]);
      },
    };
  }
}
