/**
 * Placeholder shown while a chapter's code downloads: a polite status message plus grey
 * lines shaped like prose (animated only when the reader allows motion).
 */
export function LoadingState({ label = 'Loading the chapter…' }: { label?: string }) {
  return (
    <div className="loading" role="status" aria-live="polite">
      <p className="loading__label">{label}</p>
      <div className="loading__lines" aria-hidden="true">
        {[92, 100, 84, 97, 60, 0, 95, 88, 100, 72].map((width, i) => (
          <span key={i} className="loading__line" style={{ width: `${width}%` }} />
        ))}
      </div>
    </div>
  );
}
