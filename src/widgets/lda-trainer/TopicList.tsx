import type { LdaView } from './ldaTask';
import { topicColor } from './colors';

/**
 * Each topic's top words (by probability in the topic), re-read after every iteration; a click
 * selects the topic for the distance map's relevance list.
 */
export function TopicList({
  view,
  vocabulary,
  selected,
  onSelect,
}: {
  view: LdaView | null;
  vocabulary: readonly string[] | null;
  selected: number;
  onSelect: (k: number) => void;
}) {
  if (!view || !vocabulary) {
    return (
      <div className="lda-topics" data-topics="">
        <h4>Top words per topic</h4>
        <p className="w-hint">Train (or Step) to see the topics.</p>
      </div>
    );
  }
  const n = view.top.length / view.K;
  const order = Array.from({ length: view.K }, (_, k) => k);
  const peaks = peakDecades(view);
  return (
    <div className="lda-topics" data-topics={view.step}>
      <h4>
        Top words per topic <span className="w-hint">(iteration {view.step})</span>
      </h4>
      <ol>
        {order.map((k) => (
          <li key={k} data-topic={k} aria-current={k === selected ? 'true' : undefined}>
            <button type="button" onClick={() => onSelect(k)} title="Select this topic">
              <span className="lda-swatch" style={{ background: topicColor(k, view.K) }} />
              <b>{k + 1}</b> <span className="lda-share">{(view.shares[k] * 100).toFixed(1)}%</span>
            </button>{' '}
            {Array.from(view.top.subarray(k * n, k * n + n), (w) => vocabulary[w]).join(' ')}{' '}
            <span className="lda-peak" data-peak={peaks[k]}>
              (peak {peaks[k]}s)
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}

/** The decade in which each topic's mean share is largest. */
export function peakDecades(view: Pick<LdaView, 'K' | 'decades' | 'prevalence'>): number[] {
  const { K, decades, prevalence } = view;
  return Array.from({ length: K }, (_, k) => {
    let best = 0;
    for (let i = 1; i < decades.length; i++) {
      if (prevalence[i * K + k] > prevalence[best * K + k]) best = i;
    }
    return decades[best];
  });
}
