import { useId } from 'react';
import { NumberControl } from './NumberControl';
import type {
  BooleanSpec,
  ChoiceSpec,
  ParamSpec,
  ParamValues,
  Preset,
  Schema,
  TextSpec,
} from './schema';

/** Choices with at most this many options are segmented buttons; more become a select. */
const MAX_SEGMENTS = 4;

/** Props of {@link Controls}. */
export interface ControlsProps<S extends Schema> {
  /** The widget's schema; one control per entry, in declaration order. */
  schema: S;
  /** Current values (e.g. `useHyperparams(schema).values`). */
  values: ParamValues<S>;
  /** Called with a parameter name and its new, validated value. */
  onChange: <K extends keyof S & string>(name: K, value: ParamValues<S>[K]) => void;
  /** Disables every control (e.g. while the model initialises). */
  disabled?: boolean;
  /** Named presets shown as buttons; needs `onPreset`. */
  presets?: readonly Preset<S>[];
  /** Called with a preset's `name` when its button is pressed. */
  onPreset?: (name: string) => void;
  /** Called by the "Defaults" button; the button is hidden when absent. */
  onReset?: () => void;
  /**
   * Names of restart params changed since the run started (`useHyperparams().restartNeeded`);
   * they are highlighted with "changed: applies on reset".
   */
  restartPending?: readonly string[];
  /** Accessible name of the group. Default "Hyperparameters". */
  label?: string;
}

function RestartMarker({ pending }: { pending: boolean }) {
  return (
    <span
      className={pending ? 'ui-restart ui-restart-pending' : 'ui-restart'}
      title="This setting takes effect when the run is reset"
    >
      {pending ? '↻ changed: applies on reset' : '↻ applies on reset'}
    </span>
  );
}

function ChoiceControl({
  name,
  spec,
  value,
  onChange,
  disabled,
  marker,
}: {
  name: string;
  spec: ChoiceSpec;
  value: string;
  onChange: (v: string) => void;
  disabled?: boolean;
  marker: React.ReactNode;
}) {
  const id = useId();
  const help = spec.help ? (
    <p id={`${id}-help`} className="ui-help">
      {spec.help}
    </p>
  ) : null;
  if (spec.options.length > MAX_SEGMENTS) {
    return (
      <div className="ui-control">
        <div className="ui-control-head">
          <label htmlFor={`${id}-select`} className="ui-control-label">
            {spec.label}
          </label>
          {marker}
        </div>
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

function BooleanControl({
  name,
  spec,
  value,
  onChange,
  disabled,
  marker,
}: {
  name: string;
  spec: BooleanSpec;
  value: boolean;
  onChange: (v: boolean) => void;
  disabled?: boolean;
  marker: React.ReactNode;
}) {
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
      {spec.help ? (
        <p id={`${id}-help`} className="ui-help">
          {spec.help}
        </p>
      ) : null}
    </div>
  );
}

function TextControl({
  name,
  spec,
  value,
  onChange,
  disabled,
  marker,
}: {
  name: string;
  spec: TextSpec;
  value: string;
  onChange: (v: string) => void;
  disabled?: boolean;
  marker: React.ReactNode;
}) {
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
      <div className="ui-control-head">
        <label htmlFor={`${id}-text`} className="ui-control-label">
          {spec.label}
        </label>
        {marker}
        <span className="ui-counter" aria-hidden="true">
          {value.length}/{spec.maxLength}
        </span>
      </div>
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
      {spec.help ? (
        <p id={`${id}-help`} className="ui-help">
          {spec.help}
        </p>
      ) : null}
    </div>
  );
}

/**
 * The controls of a whole schema: number (slider + typed input, log slider for
 * `scale: 'log'`, unit shown), choice (segmented radio buttons, or a select above 4 options),
 * boolean (a switch), text (input, or textarea above 80 characters). Each form control's
 * `name` attribute equals the parameter name. Restart params carry "↻ applies on reset".
 * Optional preset buttons and a "Defaults" button.
 */
export function Controls<S extends Schema>({
  schema,
  values,
  onChange,
  disabled,
  presets,
  onPreset,
  onReset,
  restartPending = [],
  label = 'Hyperparameters',
}: ControlsProps<S>) {
  const set = onChange as (name: string, value: unknown) => void;
  const vals = values as Record<string, unknown>;
  const render = (name: string, spec: ParamSpec) => {
    const marker = spec.restart ? <RestartMarker pending={restartPending.includes(name)} /> : null;
    const common = { name, disabled, marker };
    switch (spec.kind) {
      case 'number':
        return (
          <NumberControl
            {...common}
            spec={spec}
            value={vals[name] as number}
            onChange={(v) => set(name, v)}
          />
        );
      case 'choice':
        return (
          <ChoiceControl
            {...common}
            spec={spec}
            value={vals[name] as string}
            onChange={(v) => set(name, v)}
          />
        );
      case 'boolean':
        return (
          <BooleanControl
            {...common}
            spec={spec}
            value={vals[name] as boolean}
            onChange={(v) => set(name, v)}
          />
        );
      case 'text':
        return (
          <TextControl
            {...common}
            spec={spec}
            value={vals[name] as string}
            onChange={(v) => set(name, v)}
          />
        );
    }
  };
  const showPresets = presets && presets.length > 0 && onPreset;
  return (
    <div className="ui-controls" role="group" aria-label={label}>
      <div className="ui-controls-grid">
        {Object.keys(schema).map((name) => (
          <div key={name} className="ui-controls-cell" data-param={name}>
            {render(name, schema[name])}
          </div>
        ))}
      </div>
      {showPresets || onReset ? (
        <div className="ui-controls-actions">
          {showPresets ? (
            <div className="ui-presets" role="group" aria-label="Presets">
              <span className="ui-presets-label" aria-hidden="true">
                Presets:
              </span>
              {presets.map((p) => (
                <button
                  key={p.name}
                  type="button"
                  className="ui-button ui-button-small"
                  title={p.description}
                  disabled={disabled}
                  onClick={() => onPreset(p.name)}
                >
                  {p.label}
                </button>
              ))}
            </div>
          ) : null}
          {onReset ? (
            <button
              type="button"
              className="ui-button ui-button-small ui-button-quiet"
              title="Set every setting back to its default"
              disabled={disabled}
              onClick={onReset}
            >
              Defaults
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
