/**
 * The widget's two corpora, loaded in its worker: SpamAssassin (0 ham, 1 spam) or the UCI review
 * sentences labelled by their source site (0 imdb, 1 yelp, 2 amazon), with their stratified
 * 80/10/10 splits. No React, no DOM.
 */
import { loadSpam, loadUciSentences } from '../../data';
import type { CorpusForFit, TaskName } from './protocol';

/** A corpus ready for the vectorizer, with the names of its classes. */
export interface TaskCorpus extends CorpusForFit {
  classNames: string[];
}

/**
 * Loads the corpus of `task` from `${baseUrl}data/`.
 * @param onProgress - download progress, a fraction in [0, 1] or null when the size is unknown.
 * @throws Error with a reader-facing message when the data cannot be loaded.
 */
export async function loadTaskCorpus(
  task: TaskName,
  baseUrl: string,
  onProgress?: (fraction: number | null) => void,
): Promise<TaskCorpus> {
  const progress = onProgress
    ? (p: { loaded: number; total: number | null }) =>
        onProgress(p.total ? p.loaded / p.total : null)
    : undefined;
  if (task === 'spam') {
    const c = await loadSpam({ baseUrl, onProgress: progress });
    return { texts: c.texts, labels: c.labels, splits: c.splits, classNames: [...c.labelNames] };
  }
  const c = await loadUciSentences({ baseUrl, onProgress: progress });
  return { texts: c.texts, labels: c.sourceIds, splits: c.splits, classNames: [...c.sources] };
}
