/**
 * Keyboard shortcuts of a widget frame, as a pure function of the key event (testable
 * without a DOM). No React.
 */

/** What a shortcut does. */
export type ShortcutAction = 'toggle' | 'step' | 'reset' | 'present';

/** The parts of a keyboard event that decide the shortcut. */
export interface ShortcutEvent {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  /** Tag name of the event target, e.g. `'INPUT'`, `'BUTTON'`, `'SECTION'`. */
  targetTag: string;
  /** `type` of the target when it is an input (`'text'`, `'range'`, `'checkbox'`...). */
  targetType?: string;
  /** True for contenteditable targets. */
  targetEditable?: boolean;
  /** ARIA role of the target, if any (`'switch'`, `'slider'`...). */
  targetRole?: string | null;
}

const NON_TEXT_INPUTS = new Set([
  'button',
  'checkbox',
  'radio',
  'range',
  'submit',
  'reset',
  'color',
  'file',
  'image',
]);

/** True when keys typed at the target are text (so letters must not trigger shortcuts). */
export function isTextEntry(e: ShortcutEvent): boolean {
  if (e.targetEditable) return true;
  const tag = e.targetTag.toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') return !NON_TEXT_INPUTS.has((e.targetType ?? 'text').toLowerCase());
  return false;
}

/** True when Space already means something at the target (press a button, tick a box...). */
function spaceIsTaken(e: ShortcutEvent): boolean {
  const tag = e.targetTag.toUpperCase();
  if (isTextEntry(e) || tag === 'BUTTON' || tag === 'INPUT' || tag === 'A' || tag === 'SUMMARY') {
    return true;
  }
  const role = e.targetRole ?? '';
  return ['button', 'switch', 'checkbox', 'radio', 'slider', 'link', 'menuitem', 'tab'].includes(
    role,
  );
}

/**
 * The shortcut a key press stands for, or null: Space = play/pause, S = one step, R = reset,
 * P = enter or leave Present mode.
 * Ignored with Ctrl/Meta/Alt (Ctrl+R must still reload), in text entry, and Space is left to
 * buttons, checkboxes and other controls that use it themselves.
 */
export function shortcutFor(e: ShortcutEvent): ShortcutAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  if (isTextEntry(e)) return null;
  if (e.key === ' ' || e.key === 'Spacebar') return spaceIsTaken(e) ? null : 'toggle';
  if (e.key === 's' || e.key === 'S') return 'step';
  if (e.key === 'r' || e.key === 'R') return 'reset';
  if (e.key === 'p' || e.key === 'P') return 'present';
  return null;
}
