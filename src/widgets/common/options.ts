/** Choice options shared by several widgets' schemas. */

/** Keras' `padding` / `truncating` sides for `pad_sequences`. */
export const SIDE_OPTIONS = [
  { value: 'pre', label: 'pre' },
  { value: 'post', label: 'post' },
] as const;
