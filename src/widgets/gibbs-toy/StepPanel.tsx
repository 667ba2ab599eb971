import type { GibbsLda } from '../../nlp';
import { BarChart } from '../../ui';
import { topicColor, topicLabelStyle } from './schema';
import { explainStep } from './toyCorpus';

const f3 = (v: number) => v.toFixed(3);

/**
 * The last step: which word of which document was resampled, its full conditional
 * p(z_i = k | z_−i, w) as bars, and the two factors of each topic's probability
 * (Griffiths and Steyvers 2004, eq. 5) with the counts that give them.
 */
export function StepPanel({ chain, vocab }: { chain: GibbsLda; vocab: readonly string[] }) {
  const s = chain.lastStep;
  if (!s) {
    return (
      <p className="w-hint" data-step-text="">
        Every word starts in a random topic (the colours). Press Step: the sampler takes the first
        word out of the counts, computes the probability of each topic for it from the counts of the
        other words, and draws its new topic.
      </p>
    );
  }
  const rows = explainStep(chain, s);
  const V = chain.nFeatures;
  const word = vocab[s.word];
  return (
    <div className="gt-step">
      <p className="w-hint" data-step-text="">
        Word {s.token + 1}, “{word}” in document {s.doc + 1}: topic {s.oldTopic + 1} →{' '}
        <strong style={topicLabelStyle(s.newTopic)}>topic {s.newTopic + 1}</strong>
        {s.oldTopic === s.newTopic ? ' (unchanged)' : ''}.
      </p>
      <BarChart
        label={`p(z = k | the other words) for “${word}”`}
        bars={Array.from(s.conditional, (p, k) => ({
          label: `topic ${k + 1}`,
          value: p,
          color: topicColor(k),
        }))}
        domain={[0, 1]}
        format={f3}
      />
      <table className="gt-table gt-factors" data-table="factors">
        <caption>
          p ∝ (n<sub>kw</sub> + β) / (n<sub>k</sub> + Vβ) × (n<sub>dk</sub> + α), counts without
          this word; V = {V}, β = {chain.beta}, α = {chain.alpha}
        </caption>
        <thead>
          <tr>
            <th scope="col">k</th>
            <th scope="col">
              n<sub>kw</sub>
            </th>
            <th scope="col">
              n<sub>k</sub>
            </th>
            <th scope="col">word factor</th>
            <th scope="col">
              n<sub>dk</sub>
            </th>
            <th scope="col">doc factor</th>
            <th scope="col">p</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, k) => (
            <tr key={k}>
              <th scope="row" style={topicLabelStyle(k)}>
                {k + 1}
              </th>
              <td>{r.nKw}</td>
              <td>{r.nK}</td>
              <td>{f3(r.wordFactor)}</td>
              <td>{r.nDk}</td>
              <td>{r.docFactor.toFixed(2)}</td>
              <td>{f3(r.p)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
