/**
 * Checking a config value against the inclusive bounds its model declares (the `*_LIMITS` tables
 * the widgets' schemas also import). No tfjs, no React, no DOM.
 */

/**
 * @param prefix - who is checking, for the message (e.g. "char LM:").
 * @param name - the config field.
 * @param range - inclusive `[min, max]`.
 * @param integer - whether the value must be a whole number.
 * @returns `value`, when it is a finite number in range (and whole when `integer`).
 * @throws RangeError "<prefix> <name> must be an integer in [min, max], got <value>".
 */
export function checkInRange(
  prefix: string,
  name: string,
  value: unknown,
  [min, max]: readonly [number, number],
  integer: boolean,
): number {
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value < min ||
    value > max ||
    (integer && !Number.isInteger(value))
  ) {
    throw new RangeError(
      `${prefix} ${name} must be ${integer ? 'an integer' : 'a number'} in [${min}, ${max}], got ${String(value)}`,
    );
  }
  return value;
}
