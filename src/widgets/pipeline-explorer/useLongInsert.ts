import { useEffect, useRef, type RefObject } from 'react';

/**
 * Inserted texts at least this long are put in the box by value instead of by the browser's
 * editing commands.
 */
export const LONG_INSERT_CHARS = 10_000;

/**
 * Makes pasting, dropping or programmatically inserting a long text into a `<textarea>` take
 * time linear in the text. Chromium's editing path for an insertion (what `insertText`, IME
 * commits and Playwright's `fill` use) grew quadratically with a long text: on a bare textarea,
 * 175,000 characters took 1.3 s and 700,000 took 33 s, with the page frozen. For an insertion of
 * {@link LONG_INSERT_CHARS} or more, this cancels the browser's insertion and replaces the
 * selection with `setRangeText`, then fires `input` (so React's `onChange` sees the new value).
 * The caret ends after the inserted text. Such an insertion is not on the browser's undo stack.
 *
 * @param onLongInsert - when given, a long insertion does not touch the box at all: the box's
 *   value with the insertion applied is handed to it instead (the explorer then keeps most of a
 *   long text outside the box, see ./boxText.ts). Read at the time of the insertion.
 */
export function useLongInsert(
  ref: RefObject<HTMLTextAreaElement | null>,
  onLongInsert?: (value: string) => void,
): void {
  const handler = useRef(onLongInsert);
  useEffect(() => {
    handler.current = onLongInsert;
  });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const insert = (e: Event, data: string | null | undefined): void => {
      if (!data || data.length < LONG_INSERT_CHARS || !e.cancelable) return;
      e.preventDefault();
      const take = handler.current;
      if (take) {
        const { value, selectionStart: from, selectionEnd: to } = el;
        take(value.slice(0, from) + data + value.slice(to));
        return;
      }
      el.setRangeText(data, el.selectionStart, el.selectionEnd, 'end');
      el.dispatchEvent(new Event('input', { bubbles: true }));
    };
    const onPaste = (e: ClipboardEvent) => insert(e, e.clipboardData?.getData('text/plain'));
    const onDrop = (e: DragEvent) => {
      // A drop inserts at the drop point; the caret is not there yet, so leave it to the browser
      // unless the box is empty (the usual case for a dropped file's text).
      if (el.value.length === 0) insert(e, e.dataTransfer?.getData('text/plain'));
    };
    const onBeforeInput = (e: InputEvent) => {
      if (e.inputType === 'insertText' || e.inputType === 'insertReplacementText')
        insert(e, e.data);
    };
    el.addEventListener('paste', onPaste);
    el.addEventListener('drop', onDrop);
    el.addEventListener('beforeinput', onBeforeInput);
    return () => {
      el.removeEventListener('paste', onPaste);
      el.removeEventListener('drop', onDrop);
      el.removeEventListener('beforeinput', onBeforeInput);
    };
  }, [ref]);
}
