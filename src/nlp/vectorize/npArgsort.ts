/**
 * NumPy's default `argsort` (kind='quicksort': introsort), reproduced so that `maxFeatures`
 * breaks ties between equally frequent terms exactly as scikit-learn 1.2 does
 * (`(-tfs[mask]).argsort()[:limit]` in `CountVectorizer._limit_features`).
 *
 * NumPy's quicksort is not stable: for more than 16 elements, which of several tied terms
 * survive the cut depends on the partitioning. This is `aquicksort_` and `aheapsort_` of
 * numpy/core/src/npysort/quicksort.cpp and heapsort.cpp (NumPy 1.24; median-of-3 pivot,
 * insertion sort for 16 elements or fewer, heapsort past depth 2 log2 n). NumPy 1.25+ may use
 * AVX-512 sorts on capable CPUs, which order ties differently again.
 */

const SMALL_QUICKSORT = 15;

/** Indices that sort `v` ascending, in the order NumPy 1.24's `np.argsort(v)` returns. */
export function numpyArgsort(v: ArrayLike<number>): Int32Array {
  const num = v.length;
  const a = new Int32Array(num);
  for (let i = 0; i < num; i++) a[i] = i;
  if (num < 2) return a;
  const less = (x: number, y: number): boolean => x < y || (y !== y && x === x);
  const stack: number[] = [];
  const depthStack: number[] = [];
  let pl = 0;
  let pr = num - 1;
  let cdepth = 31 - Math.clz32(num);
  cdepth *= 2;
  for (;;) {
    if (cdepth < 0) {
      heapsort(v, a, pl, pr - pl + 1, less);
    } else {
      while (pr - pl > SMALL_QUICKSORT) {
        const pm = pl + ((pr - pl) >> 1);
        if (less(v[a[pm]], v[a[pl]])) swap(a, pm, pl);
        if (less(v[a[pr]], v[a[pm]])) swap(a, pr, pm);
        if (less(v[a[pm]], v[a[pl]])) swap(a, pm, pl);
        const vp = v[a[pm]];
        let pi = pl;
        let pj = pr - 1;
        swap(a, pm, pj);
        for (;;) {
          do ++pi;
          while (less(v[a[pi]], vp));
          do --pj;
          while (less(vp, v[a[pj]]));
          if (pi >= pj) break;
          swap(a, pi, pj);
        }
        const pk = pr - 1;
        swap(a, pi, pk);
        if (pi - pl < pr - pi) {
          stack.push(pi + 1, pr);
          pr = pi - 1;
        } else {
          stack.push(pl, pi - 1);
          pl = pi + 1;
        }
        depthStack.push(--cdepth);
      }
      for (let pi = pl + 1; pi <= pr; ++pi) {
        const vi = a[pi];
        const vp = v[vi];
        let pj = pi;
        let pk = pi - 1;
        while (pj > pl && less(vp, v[a[pk]])) a[pj--] = a[pk--];
        a[pj] = vi;
      }
    }
    if (stack.length === 0) break;
    pr = stack.pop() as number;
    pl = stack.pop() as number;
    cdepth = depthStack.pop() as number;
  }
  return a;
}

function swap(a: Int32Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/** NumPy's `aheapsort_` on `a[start .. start + n)` (1-based heap indexing as in the C code). */
function heapsort(
  v: ArrayLike<number>,
  arr: Int32Array,
  start: number,
  n: number,
  less: (x: number, y: number) => boolean,
): void {
  const off = start - 1; // a[k] in C is arr[off + k]
  let i: number;
  let j: number;
  let tmp: number;
  for (let l = n >> 1; l > 0; --l) {
    tmp = arr[off + l];
    for (i = l, j = l << 1; j <= n;) {
      if (j < n && less(v[arr[off + j]], v[arr[off + j + 1]])) j += 1;
      if (less(v[tmp], v[arr[off + j]])) {
        arr[off + i] = arr[off + j];
        i = j;
        j += j;
      } else break;
    }
    arr[off + i] = tmp;
  }
  for (; n > 1;) {
    tmp = arr[off + n];
    arr[off + n] = arr[off + 1];
    n -= 1;
    for (i = 1, j = 2; j <= n;) {
      if (j < n && less(v[arr[off + j]], v[arr[off + j + 1]])) j++;
      if (less(v[tmp], v[arr[off + j]])) {
        arr[off + i] = arr[off + j];
        i = j;
        j += j;
      } else break;
    }
    arr[off + i] = tmp;
  }
}
