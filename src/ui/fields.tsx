/**
 * The non-numeric parameter fields used by {@link Controls}: choice, boolean and text, plus
 * the restart marker. (Numbers: ./NumberControl.tsx.)
 */
import { useId } from 'react';
import type { BooleanSpec, ChoiceSpec, TextSpec } from './schema';

/** Choices with at most this many options are segmented buttons; more become a select. */
export const MAX_SEGMENTS = 4;

/** Props shared by the parameter fields. */
export interface FieldProps<Spec, V> {
  /** Parameter name: the form control's `name` attribute. */
  name: string;
  /** The parameter's spec (label, help, options, limits). */
  spec: Spec;
  /** Current value. */
  value: V;
  /** Called with the new value. */
  onChange: (value: V) => void;
  /** Disables the field. */
  disabled?: boolean;
  /** Node after the label, e.g. the {@link RestartMarker}. */
  marker: React.ReactNode;
}

/** The "↻ applies on reset" tag of a restart parameter; highlighted when `pending`. */
export function RestartMarker({
  pending,
  action = 'Reset',
}: {
  /** True when the value changed since the run started. */
  pending: boolean;
  /** The button that applies it, e.g. "Reset" (default) or "Build". */
  action?: string;
}) {
  const verb = action.toLowerCase();
  return (
    <span
      className={pending ? 'ui-restart ui-restart-pending' : 'ui-restart'}
      title={`This setting takes effect when you press ${action}`}
    >
      {pending ? `↻ changed: applies on ${verb}` : `↻ applies on ${verb}`}
    </span>
  );
}

/**
 * The head of a control: its label (for the element with id `htmlFor`), the restart marker,
 * and optional extras after them (e.g. a character counter).
 */
export function ControlHead({
  htmlFor,
  label,
  marker,
  children,
}: {
  /** Id of the input, select or textarea the label names. */
  htmlFor: string;
  label: string;
  marker: React.ReactNode;
  children?: React.ReactNode;
}) {
  return (
    <div className="ui-control-head">
      <label htmlFor={htmlFor} className="ui-control-label">
        {label}
      </label>
      {marker}
      {children}
    </div>
  );
}

/** A control's help text, the target of its `aria-describedby`; nothing when there is none. */
export function ControlHelp({ id, help }: { id: string; help?: string }) {
  return help ? (
    <p id={id} className="ui-help">
      {help}
    </p>
  ) : null;
}

/** A choice: segmented radio buttons, or a select above {@link MAX_SEGMENTS} options. */
export function ChoiceControl({
  name,
  spec,
  value,
  onChange,
  disabled,
  marker,
}: FieldProps<ChoiceSpec, string>) {
  const id = useId();
  const help = <ControlHelp id={`${id}-help`} help={spec.help} />;
  if (spec.options.length > MAX_SEGMENTS) {
    return (
      <div className="ui-control">
        <ControlHead htmlFor={`${id}-select`} label={spec.label} marker={marker} />
        <select
          id={`${id}-select`}
          name={name}
          className="ui-select"
          value={value}
          disabled={disabled}
          aria-describedby={spec.help ? `${id}-help` : undefined}
          onChange={(e) => onChange(e.currentTarget.value)}
        >
          {spec.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        {help}
      </div>
    );
  }
  return (
    <fieldset
      className="ui-control ui-fieldset"
      disabled={disabled}
      aria-describedby={spec.help ? `${id}-help` : undefined}
    >
      <legend className="ui-control-head">
        <span className="ui-control-label">{spec.label}</span>
        {marker}
      </legend>
      <div className="ui-segmented">
        {spec.options.map((o) => (
          <label key={o.value} className="ui-segment">
            <input
              type="radio"
              name={name}
              value={o.value}
              checked={value === o.value}
              onChange={() => onChange(o.value)}
            />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
      {help}
    </fieldset>
  );
}

/** A boolean as a switch (`<input type="checkbox" role="switch">`). */
export function BooleanControl({
  name,
  spec,
  value,
  onChange,
  disabled,
  marker,
}: FieldProps<BooleanSpec, boolean>) {
  const id = useId();
  return (
    <div className="ui-control">
      <div className="ui-control-head">
        <label className="ui-switch">
          <input
            type="checkbox"
            role="switch"
            name={name}
            checked={value}
            disabled={disabled}
            aria-describedby={spec.help ? `${id}-help` : undefined}
            onChange={(e) => onChange(e.currentTarget.checked)}
          />
          <span className="ui-switch-track" aria-hidden="true" />
          <span className="ui-control-label">{spec.label}</span>
        </label>
        {marker}
      </div>
      <ControlHelp id={`${id}-help`} help={spec.help} />
    </div>
  );
}

/** Text: an input, or a textarea when `maxLength` is above 80; shows a length counter. */
export function TextControl({
  name,
  spec,
  value,
  onChange,
  disabled,
  marker,
}: FieldProps<TextSpec, string>) {
  const id = useId();
  const common = {
    id: `${id}-text`,
    name,
    value,
    disabled,
    maxLength: spec.maxLength,
    spellCheck: false,
    'aria-describedby': spec.help ? `${id}-help` : undefined,
  };
  return (
    <div className="ui-control ui-control-text">
      <ControlHead htmlFor={`${id}-text`} label={spec.label} marker={marker}>
        <span className="ui-counter" aria-hidden="true">
          {value.length}/{spec.maxLength}
        </span>
      </ControlHead>
      {spec.maxLength > 80 ? (
        <textarea
          {...common}
          className="ui-textarea"
          rows={3}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      ) : (
        <input
          {...common}
          type="text"
          className="ui-text-input"
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      )}
      <ControlHelp id={`${id}-help`} help={spec.help} />
    </div>
  );
}
