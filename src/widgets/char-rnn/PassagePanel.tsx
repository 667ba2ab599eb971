/** Longest passage of the heatmap and gradient probe, in characters. */
export const MAX_PASSAGE = 200;

/** Props of {@link PassagePanel}. */
export interface PassagePanelProps {
  /** The passage shown (the reader's or the default one). */
  passage: string;
  /** True while the reader's own passage is shown (the "Default passage" button then works). */
  edited: boolean;
  onEdit: (text: string) => void;
  onDefault: () => void;
  /** Refresh the heatmap and the gradient probe while training. */
  autoProbe: boolean;
  onAutoProbe: (on: boolean) => void;
}

/**
 * The passage the gate heatmap and the gradient probe read: held-out text by default, or the
 * reader's own (2 to {@link MAX_PASSAGE} characters; outside that the default is used and an
 * alert says so), and whether both refresh while the model trains.
 */
export function PassagePanel({
  passage,
  edited,
  onEdit,
  onDefault,
  autoProbe,
  onAutoProbe,
}: PassagePanelProps) {
  const chars = Array.from(passage).length;
  const ok = chars >= 2 && chars <= MAX_PASSAGE;
  return (
    <section className="w-try cr-passage" aria-label="Passage">
      <label className="w-label" htmlFor="char-rnn-passage">
        Passage for the heatmap and the gradient probe
      </label>
      <textarea
        id="char-rnn-passage"
        rows={2}
        value={passage}
        maxLength={MAX_PASSAGE * 2}
        onChange={(e) => onEdit(e.target.value)}
        data-passage
      />
      <div className="cr-head">
        <span className={ok ? 'w-hint' : 'w-hint cr-bad'} role={ok ? undefined : 'alert'}>
          {ok
            ? `${chars} characters (held-out text unless you type your own).`
            : `The passage needs 2 to ${MAX_PASSAGE} characters (it has ${chars}); the default passage is used meanwhile.`}
        </span>
        <span className="cr-actions">
          <label className="ui-check">
            <input
              type="checkbox"
              checked={autoProbe}
              onChange={(e) => onAutoProbe(e.target.checked)}
            />{' '}
            refresh while training
          </label>
          <button
            type="button"
            className="ui-button ui-button-small"
            onClick={onDefault}
            disabled={!edited}
          >
            Default passage
          </button>
        </span>
      </div>
    </section>
  );
}
