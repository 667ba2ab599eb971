/**
 * The reader's question for the addition model: parsed and checked on the page before it goes to
 * the worker, with a message that says what to fix. No React, no tfjs.
 */

/** A question the model can be asked. */
export interface AdditionQuestion {
  ok: true;
  /** The question as the model reads it (spaces removed), e.g. "123+45". */
  text: string;
  /** The true sum, e.g. "168". */
  answer: string;
}

/** A question the model cannot be asked, and why. */
export interface RejectedQuestion {
  ok: false;
  message: string;
}

/**
 * Parses "123+45" (spaces allowed, removed) for a model trained on numbers of 1 to `maxDigits`
 * digits: only digits and exactly one `+`, a number on each side, each at most `maxDigits` digits
 * and without leading zeros (the training questions have none).
 * @param maxDigits - the run's "max digits", an integer in [1, 15].
 * @throws RangeError for a `maxDigits` outside [1, 15].
 */
export function parseQuestion(
  input: string,
  maxDigits: number,
): AdditionQuestion | RejectedQuestion {
  if (!Number.isInteger(maxDigits) || maxDigits < 1 || maxDigits > 15) {
    throw new RangeError(
      `parseQuestion: maxDigits must be an integer in [1, 15], got ${maxDigits}`,
    );
  }
  const text = input.replace(/\s+/g, '');
  const no = (message: string): RejectedQuestion => ({ ok: false, message });
  if (text === '') return no('Type a sum such as 57+68.');
  const bad = Array.from(new Set(text.replace(/[0-9+]/g, '')));
  if (bad.length > 0) {
    return no(`Only digits and one + can be asked: remove ${bad.map((c) => `“${c}”`).join(' ')}.`);
  }
  const parts = text.split('+');
  if (parts.length !== 2) {
    return no(
      parts.length === 1
        ? 'Add a + between two numbers, as in 57+68.'
        : 'Use exactly one +: the model adds two numbers.',
    );
  }
  if (parts.some((p) => p === '')) return no('Write a number on each side of the +.');
  const long = parts.find((p) => p.length > maxDigits);
  if (long !== undefined) {
    return no(
      `${long} has ${long.length} digits; this model was trained on numbers of 1 to ${maxDigits} digit${maxDigits === 1 ? '' : 's'}. Raise “Max digits” and train again to ask longer sums.`,
    );
  }
  const padded = parts.find((p) => p.length > 1 && p.startsWith('0'));
  if (padded !== undefined) {
    return no(
      `Write ${padded} without its leading zero${/^00/.test(padded) ? 's' : ''} (${String(Number(padded))}): the training questions have none.`,
    );
  }
  return { ok: true, text, answer: String(Number(parts[0]) + Number(parts[1])) };
}

/** The question as the encoder reads it: reversed when the run reverses its input. */
export function encoderView(text: string, reversed: boolean): string {
  return reversed ? Array.from(text).reverse().join('') : text;
}
