/**
 * The widgets mounted on the page and their settings, by widget id: how a `<TryIt>` link in the
 * prose finds the URL keys of the widget it names. A `WidgetFrame` given `settings` registers
 * itself while mounted. Module state, no React.
 */
import type { Schema } from './schema';

/** What a widget registers: its schema and URL key prefix. */
export interface RegisteredSettings {
  schema: Schema;
  prefix: string;
}

const registry = new Map<string, RegisteredSettings>();

/**
 * Registers widget `id`'s settings; returns the function that removes them again (only if they
 * are still the ones registered, so a remount's registration survives the old unmount).
 */
export function registerWidgetSettings(id: string, settings: RegisteredSettings): () => void {
  registry.set(id, settings);
  return () => {
    if (registry.get(id) === settings) registry.delete(id);
  };
}

/** The settings of the mounted widget `id`, or undefined when none is mounted or it has none. */
export function widgetSettings(id: string): RegisteredSettings | undefined {
  return registry.get(id);
}
