import type { GenerateResult } from '../common/ngram-service';

/** Props of {@link GeneratedText}. */
export interface GeneratedTextProps {
  result: GenerateResult | null;
  error: string | null;
  pending: boolean;
  seed: number;
  /** Asks for another sample (the next seed). */
  onNext: () => void;
}

/**
 * Generated text, one sentence per line: each '</s>' the model drew ends a sentence (shown as
 * "⟨/s⟩"); the last line ends with "…" when the sample stopped mid-sentence.
 */
export function GeneratedText({ result, error, pending, seed, onNext }: GeneratedTextProps) {
  return (
    <section className="ng-gen" aria-label="Generated text" aria-busy={pending}>
      <div className="ng-gen-head">
        <h4 className="ng-h">Generated text (seed {seed})</h4>
        <button type="button" className="ui-button ui-button-small" onClick={onNext}>
          Another sample
        </button>
      </div>
      {error ? (
        <p className="ng-error" role="alert">
          {error}
        </p>
      ) : null}
      {result ? (
        <div className="ng-gen-text" data-testid="generated">
          {result.words.length === 0 ? (
            <p className="w-hint">
              Nothing: this model gives no word a probability above 0 after this context (MLE on an
              unseen context).
            </p>
          ) : (
            result.sentences.map((s, i) => (
              <p key={i} className="ng-sentence">
                {i === 0 && !result.context.newSentence && result.context.tokens.length > 0 ? (
                  <span className="ng-seed">{result.context.tokens.slice(-6).join(' ')} </span>
                ) : null}
                {s.words.join(' ')}
                {s.closed ? <span className="ng-eos"> ⟨/s⟩</span> : ' …'}
              </p>
            ))
          )}
        </div>
      ) : null}
    </section>
  );
}
