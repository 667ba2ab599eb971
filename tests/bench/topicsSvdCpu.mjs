#!/usr/bin/env node
/**
 * TruncatedSVD(100, nIter 5) against scikit-learn 1.2 in CPU time (not a pass/fail test): the
 * same TF-IDF matrix as tests/bench/topics.mjs (all SOTU passages, English stop words, minDf 5,
 * maxDf 0.5, 10,000 features), our fits in Node timed with `process.cpuUsage()`, scikit-learn's
 * with `time.process_time()` (one BLAS thread), rounds alternating between the two. On a shared
 * machine the wall times swing 2-3x with the other jobs, CPU time much less, so this ratio is
 * the one to compare across changes; topics.mjs's wall-clock ratio (in the browser too) is the
 * one the target is set on.
 *
 * Each round times our fit with the WebAssembly SIMD kernels (`kernels: 'wasm'`) and with the
 * scalar TypeScript ones (`kernels: 'typescript'`, the code before them), each in a fresh Node
 * process (so one variant's heap does not slow the other's fits), the order alternating from
 * round to round, and checks that both give the same singular values.
 *
 * Usage: node tests/bench/topicsSvdCpu.mjs [--fits 3] [--rounds 2] (env PYTHON: /usr/bin/python3)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsLoader } from './lib/loadTs.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const FITS = arg('fits', 3);
const ROUNDS = arg('rounds', 2);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const PY = `
import json, sys, time
import numpy as np, scipy.sparse as sp
from sklearn.decomposition import TruncatedSVD
d, fits = sys.argv[1], int(sys.argv[2])
shape = json.load(open(d + '/shape.json'))
M = sp.csr_matrix((np.fromfile(d + '/data.bin', np.float64), np.fromfile(d + '/indices.bin', np.int32),
                   np.fromfile(d + '/indptr.bin', np.int32)), shape=shape)
cpu, wall = [], []
for r in range(fits):
    c, w = time.process_time(), time.perf_counter()
    TruncatedSVD(100, n_iter=5, random_state=r).fit(M)
    cpu.append((time.process_time() - c) * 1000); wall.append((time.perf_counter() - w) * 1000)
print(json.dumps({"cpu": cpu, "wall": wall}))
`;

const fmt = (xs) => xs.map((x) => x.toFixed(0)).join(', ');
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const { load, close } = await tsLoader();
const nlp = await load('/src/nlp/index.ts');
const child = process.argv.indexOf('--child');
if (child > 0) {
  // One variant's fits on the matrix the parent wrote: node topicsSvdCpu.mjs --child DIR KERNELS
  const [dir, kernels] = process.argv.slice(child + 1);
  const read = (name, Type) => {
    const b = readFileSync(join(dir, name));
    return new Type(b.buffer, b.byteOffset, b.byteLength / Type.BYTES_PER_ELEMENT);
  };
  const T = {
    shape: JSON.parse(readFileSync(join(dir, 'shape.json'), 'utf8')),
    indptr: read('indptr.bin', Int32Array),
    indices: read('indices.bin', Int32Array),
    data: read('data.bin', Float64Array),
  };
  const out = { cpu: [], wall: [], s: [] };
  for (let r = 0; r < FITS; r++) {
    const c = cpuMs();
    const w = performance.now();
    const svd = new nlp.TruncatedSVD({ nComponents: 100, nIter: 5, randomState: r, kernels });
    svd.fit(T);
    out.cpu.push(cpuMs() - c);
    out.wall.push(performance.now() - w);
    out.s.push(Array.from(svd.singularValues));
  }
  console.log(JSON.stringify(out));
  await close();
  process.exit(0);
}

const data = await load('/src/data/index.ts');
const corpus = data.parseSotu(
  JSON.parse(readFileSync(join(ROOT, 'public', 'data', 'sotu.json'), 'utf8')),
);
const T = new nlp.TfidfVectorizer({
  stopWords: 'english',
  minDf: 5,
  maxDf: 0.5,
  maxFeatures: 10000,
}).fitTransform(corpus.passages.map((p) => p.text));
console.log(`TF-IDF ${T.shape.join(' x ')}, ${T.nnz} non-zeros`);
const dir = mkdtempSync(join(tmpdir(), 'svd-cpu-'));
const bytes = (a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
writeFileSync(join(dir, 'shape.json'), JSON.stringify(T.shape));
writeFileSync(join(dir, 'indptr.bin'), bytes(T.indptr));
writeFileSync(join(dir, 'indices.bin'), bytes(T.indices));
writeFileSync(join(dir, 'data.bin'), bytes(Float64Array.from(T.data)));

const run = (cmd, args, env = process.env) => {
  const p = spawnSync(cmd, args, { encoding: 'utf8', env, maxBuffer: 1 << 26 });
  if (p.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${p.stderr}`);
  return JSON.parse(p.stdout.trim().split('\n').pop());
};
try {
  for (let round = 1; round <= ROUNDS; round++) {
    const sk = run(process.env.PYTHON ?? '/usr/bin/python3', ['-c', PY, dir, String(FITS)], {
      ...process.env,
      OPENBLAS_NUM_THREADS: '1',
      OMP_NUM_THREADS: '1',
    });
    const ours = {};
    const order = round % 2 ? ['wasm', 'typescript'] : ['typescript', 'wasm'];
    for (const kernels of order) {
      const me = fileURLToPath(import.meta.url);
      ours[kernels] = run(process.execPath, [me, '--fits', String(FITS), '--child', dir, kernels]);
    }
    const same = ours.wasm.s.every((s, r) => s.every((v, i) => v === ours.typescript.s[r][i]));
    if (!same) throw new Error('wasm and typescript kernels gave different singular values');
    console.log(
      `round ${round} (${order.join(' then ')}), load ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')}`,
    );
    console.log(`  scikit-learn    CPU ms ${fmt(sk.cpu)} (wall ${fmt(sk.wall)})`);
    for (const kernels of ['wasm', 'typescript']) {
      const o = ours[kernels];
      console.log(
        `  ours ${kernels.padEnd(10)} CPU ms ${fmt(o.cpu)} (wall ${fmt(o.wall)}), median CPU ratio ${(median(o.cpu) / median(sk.cpu)).toFixed(2)}, wall ratio ${(median(o.wall) / median(sk.wall)).toFixed(2)}`,
      );
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
  await close();
}
