import { BooleanControl, ChoiceControl, RestartMarker, TextControl } from './fields';
import { NumberControl } from './NumberControl';
import type { ParamSpec, ParamValues, Preset, Schema } from './schema';

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
  /**
   * Only these parameters, in this order (e.g. a "main" and an "advanced" group of one schema);
   * default: every parameter of the schema, in declaration order.
   */
  keys?: readonly (keyof S & string)[];
  /** Accessible name of the group. Default "Hyperparameters". */
  label?: string;
  /**
   * The button that applies restart settings, named in the note and the markers. Default
   * "Reset" (training widgets); e.g. "Build" for a widget that computes on demand.
   */
  applyAction?: string;
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
  keys,
  label = 'Hyperparameters',
  applyAction = 'Reset',
}: ControlsProps<S>) {
  const set = onChange as (name: string, value: unknown) => void;
  const vals = values as Record<string, unknown>;
  const names: readonly string[] = keys ?? Object.keys(schema);
  // One note says which settings wait for a reset; only changed ones carry a marker.
  const restartNames = names.filter((n) => schema[n].restart);
  const liveLabels = names.filter((n) => !schema[n].restart).map((n) => schema[n].label);
  const render = (name: string, spec: ParamSpec) => {
    const pending = restartPending.includes(name);
    const marker = spec.restart && pending ? <RestartMarker pending action={applyAction} /> : null;
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
    // A <form> per widget keeps radio groups apart: two widgets on a page may both have a
    // `padding` choice, and same-named radios outside forms form one group page-wide. The form
    // has no name (a named form is a landmark, one per widget); the group inside carries it.
    <form onSubmit={(e) => e.preventDefault()} className="ui-controls-form">
      <div className="ui-controls" role="group" aria-label={label}>
        {restartNames.length > 0 ? (
          <p className="ui-help ui-controls-note">
            {`↻ Changes apply when you press ${applyAction}`}
            {applyAction === 'Reset' ? ' (at once before the first step)' : ''}
            {liveLabels.length > 0 ? `, except ${liveLabels.join(', ')}, which apply at once` : ''}.
          </p>
        ) : null}
        <div className="ui-controls-grid">
          {names.map((name) => (
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
    </form>
  );
}
