/**
 * An open-addressing hash table from terms to dense ids that looks terms up by a slice of a
 * larger string (text, start, end) without creating the substring: counting 1.8M tokens then
 * allocates a string only for each new term, not for every token (a `Map<string, number>`
 * needs `text.slice(start, end)` per token and is about twice as slow here).
 */
export class TermTable {
  /** The terms, by id. */
  readonly terms: string[] = [];
  private slots: Int32Array;
  private mask: number;
  private hashes = new Int32Array(1024);
  private pool = new Uint16Array(1 << 16);
  private poolStart = new Int32Array(1024);
  private poolUsed = 0;

  constructor(terms: Iterable<string> = []) {
    this.slots = new Int32Array(1024);
    this.mask = 1023;
    for (const t of terms) this.lookup(t, 0, t.length, true);
  }

  /** Number of terms. */
  get size(): number {
    return this.terms.length;
  }

  /**
   * The id of `text.slice(start, end)`, adding it with the next id when `insert` is true;
   * -1 when absent and not inserted.
   */
  lookup(text: string, start: number, end: number, insert: boolean): number {
    const len = end - start;
    let h = 0x811c9dc5 | 0;
    for (let k = start; k < end; k++) h = Math.imul(h ^ text.charCodeAt(k), 0x01000193);
    const { slots, mask, pool, poolStart, hashes, terms } = this;
    let i = h & mask;
    for (;;) {
      const s = slots[i];
      if (s === 0) break;
      const id = s - 1;
      if (hashes[id] === h && terms[id].length === len) {
        const p = poolStart[id];
        let k = 0;
        while (k < len && pool[p + k] === text.charCodeAt(start + k)) k++;
        if (k === len) return id;
      }
      i = (i + 1) & mask;
    }
    if (!insert) return -1;
    return this.add(text, start, end, h, i);
  }

  private add(text: string, start: number, end: number, h: number, slot: number): number {
    const id = this.terms.length;
    const len = end - start;
    if (id === this.hashes.length) {
      const hs = new Int32Array(id * 2);
      hs.set(this.hashes);
      this.hashes = hs;
      const ps = new Int32Array(id * 2);
      ps.set(this.poolStart);
      this.poolStart = ps;
    }
    if (this.poolUsed + len > this.pool.length) {
      const pool = new Uint16Array(Math.max(this.pool.length * 2, this.poolUsed + len));
      pool.set(this.pool);
      this.pool = pool;
    }
    for (let k = 0; k < len; k++) this.pool[this.poolUsed + k] = text.charCodeAt(start + k);
    this.poolStart[id] = this.poolUsed;
    this.poolUsed += len;
    this.hashes[id] = h;
    this.terms.push(text.slice(start, end));
    this.slots[slot] = id + 1;
    if ((id + 1) * 2 > this.slots.length) this.rehash();
    return id;
  }

  private rehash(): void {
    const cap = this.slots.length * 2;
    const slots = new Int32Array(cap);
    const mask = cap - 1;
    for (let id = 0; id < this.terms.length; id++) {
      let i = this.hashes[id] & mask;
      while (slots[i] !== 0) i = (i + 1) & mask;
      slots[i] = id + 1;
    }
    this.slots = slots;
    this.mask = mask;
  }
}
