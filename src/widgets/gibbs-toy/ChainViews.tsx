import type { GibbsLda } from '../../nlp';
import { topicColor, topicLabelStyle } from './schema';

/**
 * The documents, each token coloured by its current topic; the token just resampled is boxed
 * (`data-current`), the next one underlined.
 */
export function DocsView({ chain, vocab }: { chain: GibbsLda; vocab: readonly string[] }) {
  const current = chain.lastStep?.token ?? -1;
  const docs = Array.from({ length: chain.nDocs }, (_, d) => d);
  return (
    <ol className="gt-docs" aria-label="Documents, each word coloured by its topic">
      {docs.map((d) => {
        const tokens: number[] = [];
        for (let i = chain.docOffsets[d]; i < chain.docOffsets[d + 1]; i++) tokens.push(i);
        return (
          <li key={d} className="gt-doc">
            {tokens.map((i) => {
              const cls = ['gt-token'];
              if (i === current) cls.push('gt-current');
              if (i === chain.position) cls.push('gt-next');
              return (
                <span
                  key={i}
                  className={cls.join(' ')}
                  style={{ borderColor: topicColor(chain.z[i]) }}
                  data-current={i === current ? '' : undefined}
                  data-topic={chain.z[i] + 1}
                  title={`topic ${chain.z[i] + 1}`}
                >
                  {vocab[chain.words[i]]}
                  <sub>{chain.z[i] + 1}</sub>
                </span>
              );
            })}
          </li>
        );
      })}
    </ol>
  );
}

/** A header cell for topic k, underlined in its colour. */
const TopicTh = ({ k }: { k: number }) => (
  <th scope="col" style={topicLabelStyle(k)}>
    topic {k + 1}
  </th>
);

/**
 * The count tables n_dk, n_kw (one row per word, to fit a phone) and n_k. The cells the last
 * step changed are marked (`gt-changed`: the token's document and word rows, its old and new
 * topic columns).
 */
export function CountTables({ chain, vocab }: { chain: GibbsLda; vocab: readonly string[] }) {
  const K = chain.nComponents;
  const V = chain.nFeatures;
  const s = chain.lastStep;
  const moved = s !== null && s.oldTopic !== s.newTopic;
  const hit = (row: boolean, k: number) =>
    moved && row && (k === s.oldTopic || k === s.newTopic) ? 'gt-changed' : undefined;
  const topics = Array.from({ length: K }, (_, k) => k);
  return (
    <div className="gt-tables">
      <table className="gt-table" data-table="ndk">
        <caption>
          n<sub>dk</sub>: words of document d in topic k
        </caption>
        <thead>
          <tr>
            <th scope="col">doc</th>
            {topics.map((k) => (
              <TopicTh key={k} k={k} />
            ))}
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: chain.nDocs }, (_, d) => (
            <tr key={d} className={s?.doc === d ? 'gt-row-current' : undefined}>
              <th scope="row">{d + 1}</th>
              {topics.map((k) => (
                <td key={k} className={hit(s?.doc === d, k)}>
                  {chain.nDk[d * K + k]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <table className="gt-table" data-table="nkw">
        <caption>
          n<sub>kw</sub>: times word w is in topic k
        </caption>
        <thead>
          <tr>
            <th scope="col">word</th>
            {topics.map((k) => (
              <TopicTh key={k} k={k} />
            ))}
          </tr>
        </thead>
        <tbody>
          {vocab.map((w, j) => (
            <tr key={w} className={s?.word === j ? 'gt-row-current' : undefined}>
              <th scope="row">{w}</th>
              {topics.map((k) => (
                <td key={k} className={hit(s?.word === j, k)}>
                  {chain.nKw[k * V + j]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-table="nk">
            <th scope="row">
              n<sub>k</sub>
            </th>
            {topics.map((k) => (
              <td key={k} className={hit(true, k)}>
                {chain.nK[k]}
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
