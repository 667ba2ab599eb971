import { useId, useState, type KeyboardEvent } from 'react';
import { fromSliderPosition, sliderRange, toSliderPosition } from './controlMath';
import { ControlHead, ControlHelp } from './fields';
import type { NumberSpec } from './schema';
import { formatNumber, validateValue } from './validate';

/** Props of {@link NumberControl}. */
export interface NumberControlProps {
  /** Parameter name; the numeric input's `name` attribute (tests select `input[name="lr"]`). */
  name: string;
  /** The parameter's spec (bounds, scale, unit, help). */
  spec: NumberSpec;
  /** Current (valid) value. */
  value: number;
  /** Called with a validated value (clamped / rounded / default for junk). */
  onChange: (value: number) => void;
  /** Disables both the slider and the input. */
  disabled?: boolean;
  /** Extra node rendered after the label (e.g. the restart marker). */
  marker?: React.ReactNode;
}

/**
 * A number parameter: a range slider (log10-spaced for `scale: 'log'`) plus a text input
 * that accepts typed values such as `3e-4`. Typed text is validated on Enter or blur; junk
 * or out-of-range input is replaced by a valid value and explained in an inline alert.
 * Escape restores the current value.
 */
export function NumberControl({
  name,
  spec,
  value,
  onChange,
  disabled,
  marker,
}: NumberControlProps) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // A value set from outside (preset, defaults, URL) replaces any half-typed text.
  const [shownValue, setShownValue] = useState(value);
  if (!Object.is(shownValue, value)) {
    setShownValue(value);
    setDraft(null);
  }
  const range = sliderRange(spec);
  const shown = `${formatNumber(value)}${spec.unit ? ` ${spec.unit}` : ''}`;

  const commit = () => {
    if (draft === null) return;
    const v = validateValue(spec, draft);
    setDraft(null);
    setError(v.message ?? null);
    if (!Object.is(v.value, value)) onChange(v.value);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') commit();
    if (e.key === 'Escape') {
      setDraft(null);
      setError(null);
    }
  };

  const describedBy = [spec.help ? `${id}-help` : '', error ? `${id}-err` : '']
    .filter(Boolean)
    .join(' ');

  return (
    <div className="ui-control ui-control-number">
      <ControlHead htmlFor={`${id}-input`} label={spec.label} marker={marker} />
      <div className="ui-number-row">
        <input
          type="range"
          className="ui-slider"
          name={`${name}-slider`}
          aria-label={`${spec.label} slider${spec.scale === 'log' ? ' (log scale)' : ''}`}
          aria-valuetext={shown}
          min={range.min}
          max={range.max}
          step={range.step}
          value={toSliderPosition(spec, value)}
          disabled={disabled}
          onChange={(e) => {
            setError(null);
            setDraft(null);
            const v = fromSliderPosition(spec, Number(e.currentTarget.value));
            if (!Object.is(v, value)) onChange(v);
          }}
        />
        <input
          id={`${id}-input`}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          spellCheck={false}
          className="ui-number-input"
          name={name}
          value={draft ?? formatNumber(value)}
          disabled={disabled}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy || undefined}
          onChange={(e) => setDraft(e.currentTarget.value)}
          onBlur={commit}
          onKeyDown={onKeyDown}
        />
        {spec.unit ? <span className="ui-unit">{spec.unit}</span> : null}
      </div>
      <ControlHelp id={`${id}-help`} help={spec.help} />
      {error ? (
        <p id={`${id}-err`} className="ui-field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
