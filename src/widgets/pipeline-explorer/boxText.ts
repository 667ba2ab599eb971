/**
 * How much of a long text the explorer's textarea holds. Chromium lays out a textarea's whole
 * value on the main thread whenever it changes: about 2 µs a character, so 700,000 characters
 * froze the page for 1.5 s at every paste or keystroke. The explorer processes only the first
 * 20,000 characters anyway (`MAX_EXPLORER_CHARS`), so a longer text is split: the box holds its
 * head, editable as usual, and the rest is kept beside it (nothing is lost), with a notice that
 * offers to put it back in the box or to discard it.
 */

/** Texts longer than this are split; the box holds at most this many characters. */
export const BOX_CHARS = 20_000;

/**
 * An edit that makes the box longer than this (a paste) moves the cut again: the new head stays
 * in the box and the rest joins the kept text. Between {@link BOX_CHARS} and this, typing goes on
 * in the box as usual (the layout of 30,000 characters is still short).
 */
export const RESPLIT_CHARS = 30_000;

/** A text split into what the textarea shows (`head`) and what is kept beside it (`tail`). */
export interface BoxSplit {
  head: string;
  tail: string;
}

/**
 * Splits `text` for the textarea: the whole text when it has at most `limit` UTF-16 code units;
 * otherwise a head of at most `limit` that ends at a line break when one lies in the last half
 * (documents are lines, so the box then holds whole documents), and never inside a surrogate
 * pair. `head + tail === text` always.
 *
 * @param limit - the most code units the head may have, an integer ≥ 2. Default {@link BOX_CHARS}.
 * @throws RangeError if `limit` is not an integer ≥ 2.
 */
export function splitForBox(text: string, limit: number = BOX_CHARS): BoxSplit {
  if (!Number.isInteger(limit) || limit < 2) {
    throw new RangeError(`splitForBox: limit must be an integer of at least 2 (got ${limit}).`);
  }
  if (text.length <= limit) return { head: text, tail: '' };
  let cut = limit;
  const newline = text.lastIndexOf('\n', limit - 1);
  if (newline >= limit / 2) cut = newline + 1;
  else {
    const code = text.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut -= 1; // a high surrogate: keep the pair together
  }
  return { head: text.slice(0, cut), tail: text.slice(cut) };
}
