#!/usr/bin/env node
/**
 * Benchmark of chapter 15's character Transformer (not a pass/fail test): characters per second
 * of training steps of the default model (2 layers, 4 heads, d_model 128, d_ff 512, context 64,
 * batch 32, AdamW, clipping at 1, vocabulary 80, random text), on the wasm backend in Node (the
 * project's TypeScript loaded through Vite's SSR loader):
 * - `ours`: src/models/transformer's createTransformerLmTask (one fused QKV product, all heads in
 *   one batched product, the causal mask cached, products whose gradients avoid transposed matMuls);
 * - `plain`: tests/bench/transformerPlain.ts (separate Q, K, V products, a loop over heads, stock
 *   tfjs autograd);
 * - PyTorch 1.13 on this CPU with one thread (tests/bench/transformer_torch.py), run first.
 * Every step's loss is read (`await data()`). Rates are medians of per-step wall times after
 * warm-up (the process's CPU time per step is reported too: on a shared machine it is the
 * steadier comparison), over at least `--seconds` s and `--steps` steps per variant. Writes
 * tests/bench/results/transformer.json. Short by default (about a minute in all on a quiet machine).
 *
 * Usage: node tests/bench/transformer.mjs [--seconds 10] [--steps 5] [--warmup 2] [--torch-steps 10]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsLoader } from './lib/loadTs.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const SIZES = { vocab: 80, layers: 2, heads: 4, dModel: 128, dFf: 512, context: 64, batch: 32 };
const o = { seconds: 10, steps: 5, warmup: 2, torchSteps: 10 };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const [key, inline] = argv[i].split('=');
  const name = {
    '--seconds': 'seconds',
    '--steps': 'steps',
    '--warmup': 'warmup',
    '--torch-steps': 'torchSteps',
  }[key];
  if (!name) throw new Error(`Unknown option ${argv[i]}`);
  o[name] = Number(inline ?? argv[++i]);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const loadBefore = loadavg()[0];

const torchRun = spawnSync(
  '/usr/bin/python3',
  [
    join(HERE, 'transformer_torch.py'),
    '--steps',
    String(o.torchSteps),
    '--vocab',
    String(SIZES.vocab),
  ],
  { encoding: 'utf8', env: { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1' } },
);
const torch =
  torchRun.status === 0 ? JSON.parse(torchRun.stdout) : { error: torchRun.stderr.slice(-500) };

const { load, close } = await tsLoader();
const train = await load('/src/train/index.ts');
const models = await load('/src/models/index.ts');
const plainLib = await load('/tests/bench/transformerPlain.ts');
const info = await train.selectBackend('wasm');
if (info.name !== 'wasm') throw new Error(`wasm backend unavailable: ${info.reason}`);

/** Times `step()` (returns a Scalar loss, read and disposed here). */
async function time(step) {
  const times = [];
  const cpuTimes = [];
  const started = performance.now();
  for (let i = 0; ; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const loss = step();
    await loss.data();
    loss.dispose();
    const c = process.cpuUsage(c0);
    if (i >= o.warmup) {
      times.push(performance.now() - t0);
      cpuTimes.push((c.user + c.system) / 1000);
    }
    if (times.length >= o.steps && performance.now() - started > o.seconds * 1000) break;
  }
  const ms = median(times);
  return {
    msPerStep: ms,
    cpuMsPerStep: median(cpuTimes),
    charsPerSecond: (SIZES.batch * SIZES.context * 1000) / ms,
    steps: times.length,
  };
}

const chars = Array.from({ length: SIZES.vocab - 1 }, (_, i) => String.fromCodePoint(0x21 + i));
let s = 7;
const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648), s % chars.length);
const text = Array.from({ length: 200_000 }, () => chars[rand()]).join('');
const task = models.createTransformerLmTask({
  trainText: text.slice(0, 180_000),
  heldoutText: text.slice(180_000),
  vocab: ['\uFFFD', ...chars],
});
task.init();
const ours = await time(() => {
  const out = task.step();
  Object.values(out.metrics ?? {}).forEach((m) => m.dispose());
  return out.loss;
});
ours.params = task.parameterCount;
task.dispose();
const plainModel = plainLib.createPlainTransformer(SIZES);
const plain = await time(() => plainModel.step());
plainModel.dispose();
await close();

const result = {
  date: new Date().toISOString(),
  cpu: cpus()[0]?.model,
  cores: cpus().length,
  loadavg: { before: loadBefore, after: loadavg()[0] },
  sizes: SIZES,
  backend: 'wasm (Node)',
  ours,
  plain,
  torch,
  oursOverPlain: ours.charsPerSecond / plain.charsPerSecond,
  oursOverTorch: torch.charsPerSecond ? ours.charsPerSecond / torch.charsPerSecond : null,
  // The same ratio from process CPU time per step, which the shared machine's load disturbs less.
  oursOverTorchCpu: torch.cpuMsPerStep ? torch.cpuMsPerStep / ours.cpuMsPerStep : null,
};
console.table({
  'ours (wasm)': {
    'ms/step': ours.msPerStep.toFixed(1),
    'CPU ms/step': ours.cpuMsPerStep.toFixed(1),
    'chars/s': ours.charsPerSecond.toFixed(0),
  },
  'plain tfjs (wasm)': {
    'ms/step': plain.msPerStep.toFixed(1),
    'CPU ms/step': plain.cpuMsPerStep.toFixed(1),
    'chars/s': plain.charsPerSecond.toFixed(0),
  },
  'PyTorch 1.13, 1 thread': {
    'ms/step': torch.msPerStep?.toFixed(1) ?? torch.error,
    'CPU ms/step': torch.cpuMsPerStep?.toFixed(1) ?? '-',
    'chars/s': torch.charsPerSecond?.toFixed(0) ?? '-',
  },
});
console.log(
  `ours / plain ${result.oursOverPlain.toFixed(2)}x; ours / PyTorch ${result.oursOverTorch?.toFixed(2)}x (by CPU time ${result.oursOverTorchCpu?.toFixed(2)}x); load ${loadBefore.toFixed(1)} -> ${result.loadavg.after.toFixed(1)}`,
);
mkdirSync(join(HERE, 'results'), { recursive: true });
writeFileSync(join(HERE, 'results', 'transformer.json'), JSON.stringify(result, null, 2) + '\n');
