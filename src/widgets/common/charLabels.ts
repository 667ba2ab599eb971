/**
 * Labels of the character models' views (chapters 9 and 15): visible characters and bits per
 * character. No tfjs, no React.
 */

/**
 * A visible stand-in for a character in a one-character label: space `␣`, newline `↵`, tab `⇥`,
 * other control characters `·`; anything else unchanged.
 */
export function displayChar(ch: string): string {
  if (ch === ' ') return '␣';
  if (ch === '\n') return '↵';
  if (ch === '\t') return '⇥';
  const cp = ch.codePointAt(0) ?? 0;
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return '·';
  return ch;
}

/** Bits per character from a loss in nats per character (loss / ln 2). */
export function bitsPerChar(lossNats: number): number {
  return lossNats / Math.LN2;
}
