/**
 * The trie's edges, (parent node, word id) -> child node, for {@link NgramCounter}: open
 * addressing with linear probing on one interleaved Int32Array. (A JS Map keyed by
 * `parent * 2^21 + word` allocates a heap number for every key above 2^31 and was the bottleneck
 * of fitting.) Load factor at most 1/2; the table grows 4 times at a time.
 */
export class ChildTable {
  /** [parent, word, child, unused] per slot; parent -1 = empty. */
  private table = new Int32Array(4 << 12).fill(-1);
  private size = 0;

  /** The child of `node` for word id `w`, or -1. */
  get(node: number, w: number): number {
    const table = this.table;
    const mask = (table.length >> 2) - 1;
    let h = hash(node, w) & mask;
    for (;;) {
      const at = h << 2;
      const p = table[at];
      if (p === -1) return -1;
      if (p === node && table[at + 1] === w) return table[at + 2];
      h = (h + 1) & mask;
    }
  }

  /** Adds the edge (node, w) -> child; the edge must not exist yet. */
  add(node: number, w: number, child: number): void {
    if (4 * (this.size + 1) > this.table.length >> 1) this.rehash();
    insert(this.table, node, w, child);
    this.size++;
  }

  private rehash(): void {
    const old = this.table;
    const table = new Int32Array(4 * old.length).fill(-1);
    for (let at = 0; at < old.length; at += 4) {
      if (old[at] !== -1) insert(table, old[at], old[at + 1], old[at + 2]);
    }
    this.table = table;
  }
}

function insert(table: Int32Array, node: number, w: number, child: number): void {
  const mask = (table.length >> 2) - 1;
  let h = hash(node, w) & mask;
  while (table[h << 2] !== -1) h = (h + 1) & mask;
  const at = h << 2;
  table[at] = node;
  table[at + 1] = w;
  table[at + 2] = child;
}

/** Mixes (node, word) into 32 bits (multiplicative hashing, then an xorshift-multiply finaliser). */
function hash(node: number, w: number): number {
  let h = Math.imul(node, 0x9e3779b1) ^ Math.imul(w, 0x85ebca77);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return (h ^ (h >>> 13)) >>> 0;
}
