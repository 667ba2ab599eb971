#!/usr/bin/env node
/**
 * The numbers chapter 15 quotes from the character Transformer widget (src/widgets/transformer-lm),
 * regenerated in Node: the widget's task (`createTransformerLmTask`), its default settings turned
 * into a config by the widget's own `toConfig` (2 layers, 4 heads, d_model 128, d_ff 512, context
 * 64, batch 32, peak rate 0.002, warm-up 100, cosine decay, seed 42, 8,192 held-out characters),
 * and its corpus split (Moby Dick, chapters 10, 20, ... held out; public/data/moby-dick.json, built
 * by `npm run prepare-data`). Steps are counted, not seconds, so a run is reproducible: the same
 * seed and backend give the same losses; wasm and cpu differ only in rounding (check with
 * `--exp backends`).
 *
 * Experiments (`--exp`):
 * - `default`: held-out bits per character of the defaults at `--evals` steps, then the attention
 *   statistics of every layer and head on the chapter's passage: mean weight on the previous
 *   character (offset -1), on the position itself, on the most recent space before the query, and
 *   the mean entropy of a row in bits (queries from position 8 on).
 * - `heads`: the same with `--heads` heads (default 1): the held-out loss at the same steps.
 * - `warmup`: `--warmup-steps` steps at each rate of `--rates` with each warm-up of `--warmups`
 *   (default 0 and the widget's 100): the largest rise of the training loss over its running minimum
 *   (a spike), the last training loss, and the held-out loss at the end.
 * - `backends`: the first `--steps` steps on wasm and on cpu, the held-out loss of each.
 *
 * Usage: node scripts/experiments/ch15-numbers.mjs --exp default [--backend wasm] [--evals 250,500,1000]
 *        node scripts/experiments/ch15-numbers.mjs --exp heads --heads 1 [--evals 500,1000]
 *        node scripts/experiments/ch15-numbers.mjs --exp warmup [--rates 0.005,0.01,0.02] [--warmup-steps 300]
 *        node scripts/experiments/ch15-numbers.mjs --exp backends [--steps 100]
 * Time: about 0.3 s per step on the wasm backend of an idle laptop core, several times that on a
 * loaded machine (1,000 steps: 5 to 20 minutes); cpu is several times slower than wasm.
 * Prints one JSON line per measurement.
 *
 * Results (wasm, Node, 7 December 2026; quoted in chapters/15-transformer.mdx):
 * - default: held-out 3.507 bpc at step 100, 3.234 at 200, 3.024 at 300. Attention at step 300:
 *   layer 1's heads 0.42, 0.23, 0.18, 0.26 mean weight on the previous character (entropy 2.6 to
 *   3.5 bits; even spread 0.04 and 5.0 bits), at most 0.10 on the last space; layer 2's heads 0.03
 *   to 0.06 on the previous character, entropy 3.9 to 4.2 bits.
 * - heads 1: 3.503 bpc at step 100, 3.199 at 200 (default 3.507, 3.234).
 * - warmup (120 steps): rate 0.01, warm-up 0: training loss 4.18 bits at step 50, 4.17 at 100,
 *   held-out 3.985; rate 0.01, warm-up 100: 3.64, 3.63, held-out 3.468; rate 0.005, warm-up 0:
 *   4.15, 3.91, held-out 3.729. No run diverged; the largest rise over the running minimum was
 *   0.28 bits (step 29). Rates below 0.005 were not tried.
 * - backends: wasm 4.929 bpc at step 20, the same as the default run's (reproducible); the cpu
 *   run did not finish 20 steps in 6 minutes on the loaded machine, so cpu vs wasm is unchecked.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tsLoader } from '../../tests/bench/lib/loadTs.mjs';
import { ROOT } from '../../tests/bench/lib/site.mjs';

const o = {
  exp: 'default',
  backend: 'wasm',
  evals: '250,500,1000',
  heads: 1,
  rates: '0.005,0.01,0.02',
  warmupSteps: 300,
  warmups: '0,100',
  steps: 100,
  passage: 'Call me Ishmael. Some years ago, never mind how long precisely',
};
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const [key, inline] = argv[i].split('=');
  const name = key.replace(/^--/, '').replace(/-(\w)/g, (_, c) => c.toUpperCase());
  if (!(name in o)) throw new Error(`Unknown option ${argv[i]}`);
  const value = inline ?? argv[++i];
  o[name] = typeof o[name] === 'number' ? Number(value) : value;
}
const print = (x) => console.log(JSON.stringify(x));
const r4 = (x) => Math.round(x * 1e4) / 1e4;

const { load, close } = await tsLoader();
const train = await load('/src/train/index.ts');
const lm = await load('/src/models/transformer/lm.ts');
const schema = await load('/src/widgets/transformer-lm/schema.ts');
const ui = await load('/src/ui/index.ts');
const cd = await load('/src/models/rnn/charData.ts');

// The widget's corpus (loadCharCorpus in src/widgets/common/charCorpus.ts), read from disk.
const raw = JSON.parse(readFileSync(join(ROOT, 'public/data/moby-dick.json'), 'utf8'));
const trainText = cd.mobyDickText(raw, 'train');
const heldoutText = cd.mobyDickText(raw, 'heldout');
const vocab = cd.buildCharVocab(trainText);
const corpus = {
  name: 'moby-dick',
  title: 'Moby Dick',
  vocab,
  trainIds: cd.encodeChars(vocab, trainText),
  heldoutIds: cd.encodeChars(vocab, heldoutText),
};

async function useBackend(name) {
  const info = await train.selectBackend(name);
  if (info.name !== name) throw new Error(`${name} backend unavailable: ${info.reason}`);
}

/** The widget's task for its default settings with `overrides` (schema names: heads, lr, warmup). */
function makeTask(overrides = {}) {
  const settings = { ...ui.defaults(schema.tlmSchema), ...overrides };
  const task = lm.createTransformerLmTask(schema.toConfig(settings, corpus));
  task.init();
  return task;
}

/** One training step; returns the training loss (nats). */
async function step(task) {
  const out = task.step();
  const loss = (await out.loss.data())[0];
  out.loss.dispose();
  for (const m of Object.values(out.metrics)) m.dispose();
  return loss;
}

/** Trains to each step count in `evals`, printing the held-out bpc there. */
async function trainAndEvaluate(task, evals, label, afterEach = async () => {}) {
  const t0 = performance.now();
  let done = 0;
  const results = {};
  for (const target of evals) {
    while (done < target) {
      await step(task);
      done++;
    }
    const e = await task.evaluate();
    results[target] = r4(e.val_bpc);
    print({
      label,
      step: done,
      val_bpc: r4(e.val_bpc),
      seconds: Math.round((performance.now() - t0) / 1000),
    });
    await afterEach();
  }
  return results;
}

/** Attention statistics per layer and head on the passage (queries from position 8 on). */
async function attentionStats(task, passage) {
  const maps = await task.attentionMaps(passage);
  const T = maps.chars.length;
  const lastSpace = maps.chars.map((_, t) => {
    for (let j = t - 1; j >= 0; j--) if (maps.chars[j] === ' ') return j;
    return -1;
  });
  for (let l = 0; l < maps.numLayers; l++) {
    for (let h = 0; h < maps.numHeads; h++) {
      const w = maps.layers[l][h];
      let prev = 0,
        self = 0,
        space = 0,
        nSpace = 0,
        entropy = 0,
        n = 0;
      for (let t = 8; t < T; t++) {
        const row = w.subarray(t * T, t * T + T);
        prev += row[t - 1];
        self += row[t];
        if (lastSpace[t] >= 0 && lastSpace[t] !== t - 1) {
          space += row[lastSpace[t]];
          nSpace++;
        }
        for (let j = 0; j <= t; j++) if (row[j] > 0) entropy -= row[j] * Math.log2(row[j]);
        n++;
      }
      print({
        layer: l + 1,
        head: h + 1,
        prev: r4(prev / n),
        self: r4(self / n),
        lastSpace: r4(space / nSpace),
        entropyBits: r4(entropy / n),
        uniformEntropyBits: r4(
          Array.from({ length: T - 8 }, (_, i) => Math.log2(i + 9)).reduce((a, b) => a + b) /
            (T - 8),
        ),
      });
    }
  }
}

await useBackend(o.backend);
const evals = o.evals.split(',').map(Number);
if (o.exp === 'default' || o.exp === 'heads') {
  const overrides = o.exp === 'heads' ? { heads: o.heads } : {};
  const task = makeTask(overrides);
  print({
    exp: o.exp,
    backend: o.backend,
    ...overrides,
    parameters: task.parameterCount,
    totalSteps: task.progress().totalSteps,
  });
  await trainAndEvaluate(task, evals, o.exp, () => attentionStats(task, o.passage));
  task.dispose();
} else if (o.exp === 'warmup') {
  for (const lr of o.rates.split(',').map(Number)) {
    for (const warmup of o.warmups.split(',').map(Number)) {
      const task = makeTask({ lr, warmup });
      const losses = [];
      let min = Infinity,
        spike = 0,
        spikeAt = -1,
        diverged = false;
      for (let s = 0; s < o.warmupSteps; s++) {
        const loss = await step(task);
        losses.push(loss);
        if (!Number.isFinite(loss)) {
          diverged = true;
          break;
        }
        if (loss - min > spike) {
          spike = loss - min;
          spikeAt = s;
        }
        min = Math.min(min, loss);
      }
      const e = diverged ? { val_bpc: NaN } : await task.evaluate();
      const bits = (x) => r4(x / Math.LN2);
      print({
        lr,
        warmup,
        steps: losses.length,
        firstLossBits: bits(losses[0]),
        maxSpikeBits: bits(spike),
        spikeAt,
        at50: bits(losses[49]),
        at100: bits(losses[99]),
        at150: bits(losses[149]),
        lastLossBits: bits(losses.at(-1)),
        val_bpc: r4(e.val_bpc),
        diverged,
      });
      task.dispose();
    }
  }
} else if (o.exp === 'backends') {
  for (const b of ['wasm', 'cpu']) {
    await useBackend(b);
    const task = makeTask();
    await trainAndEvaluate(task, [o.steps], b);
    task.dispose();
  }
} else throw new Error(`Unknown --exp ${o.exp}`);
await close();
process.exit(0);
