/**
 * In-page checks for tests/e2e/rnn-webgl.test.mjs (served by a Vite dev server, imported by the
 * page): the `fused` recurrent layers with the webgl programs of src/models/rnn/webgl against
 * `backward: 'autograd'` (plain tfjs ops differentiated by the tape) on the same backend.
 */
import * as tf from '@tensorflow/tfjs';
import type { MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl';
import {
  createCharLmTask,
  hiddenStateGradNorms,
  initRnnWeights,
  rnnWeightList,
  runStackedRnn,
  type RnnBackward,
  type RnnCellType,
  type RnnState,
  type RnnVariables,
} from '../../../src/models/rnn';
import { TAG } from '../../../src/models/rnn/webgl/programs';
import { selectBackend } from '../../../src/train';

export { tf };

/** Starts `backend` (the test asks for webgl); returns the active backend's name. */
export async function useBackend(backend: string): Promise<string> {
  const info = await selectBackend(backend as Parameters<typeof selectBackend>[0]);
  return info.name;
}

/**
 * Counts the programs of src/models/rnn/webgl run on the webgl backend (their sources start with
 * {@link TAG}), so a test can tell our programs ran rather than a fallback.
 */
export function countOurPrograms<R>(fn: () => R): { result: R; ours: number; all: number } {
  const be = tf.backend() as unknown as MathBackendWebGL;
  const original = be.runWebGLProgram;
  let ours = 0;
  let all = 0;
  be.runWebGLProgram = function (this: MathBackendWebGL, program, ...rest) {
    all++;
    if (program.userCode.startsWith(TAG)) ours++;
    return original.call(this, program, ...rest);
  };
  try {
    return { result: fn(), ours, all };
  } finally {
    be.runWebGLProgram = original;
  }
}

/** Largest |a - b| / max(1, |b|) over two tensors' values (relative where values are large). */
function relErr(a: tf.Tensor, b: tf.Tensor): number {
  if (a.shape.join() !== b.shape.join()) return Infinity;
  const x = a.dataSync();
  const y = b.dataSync();
  let worst = 0;
  for (let i = 0; i < x.length; i++) {
    const e = Math.abs(x[i] - y[i]) / Math.max(1, Math.abs(y[i]));
    worst = Number.isNaN(e) ? Infinity : Math.max(worst, e);
  }
  return worst;
}

/** Sizes and options of one comparison. */
export interface CompareConfig {
  cell: RnnCellType;
  batch: number;
  time: number;
  input: number;
  hidden: number;
  layers: number;
  recordGates?: boolean;
  seed?: number;
}

/**
 * Runs a stacked layer with random x, weights and initial states, and a loss that weighs every
 * output and final state with random coefficients (recorded gates are values for display: the fused
 * op does not differentiate through them); returns, per quantity
 * (`outputs`, `h0`, `c0`, ... `gate.i.0`, `grad.x`, `grad.wIh.0`, `grad.h0.0` ...), the largest
 * relative error of `fused` against `autograd`, and how many of our programs ran.
 */
export function compareFusedAutograd(c: CompareConfig): {
  errors: Record<string, number>;
  ours: number;
  leaked: number;
} {
  const before = tf.memory().numTensors;
  const seed = c.seed ?? 7;
  const lstm = c.cell === 'lstm';
  const layers: RnnVariables[] = [];
  for (let l = 0; l < c.layers; l++) {
    layers.push(
      initRnnWeights(c.cell, l === 0 ? c.input : c.hidden, c.hidden, { seed: seed + 10 * l }),
    );
  }
  const errors: Record<string, number> = {};
  let ours = 0;
  tf.tidy(() => {
    const rand = (shape: number[], s: number) =>
      tf.randomUniform(shape, -1, 1, 'float32', seed * 1000 + s);
    const x = rand([c.batch, c.time, c.input], 1) as tf.Tensor3D;
    const initial: Array<{ h: tf.Tensor2D; c?: tf.Tensor2D }> = layers.map((_, l) => ({
      h: rand([c.batch, c.hidden], 10 + l) as tf.Tensor2D,
      c: lstm ? (rand([c.batch, c.hidden], 20 + l) as tf.Tensor2D) : undefined,
    }));
    const coef = (s: number, shape: number[]) => rand(shape, 100 + s);
    const weights = layers.flatMap((w) => rnnWeightList(w));
    const stateTensors = initial.flatMap((s) => (s.c ? [s.h, s.c] : [s.h]));
    const run = (backward: RnnBackward) => {
      const f = (...args: tf.Tensor[]) => {
        const [xIn, ...rest] = args;
        const ws = rest.slice(0, weights.length);
        const ss = rest.slice(weights.length);
        const layerWeights = layers.map((_, l) => ({
          wIh: ws[4 * l] as tf.Tensor2D,
          wHh: ws[4 * l + 1] as tf.Tensor2D,
          bIh: ws[4 * l + 2] as tf.Tensor1D,
          bHh: ws[4 * l + 3] as tf.Tensor1D,
        }));
        let k = 0;
        const states: RnnState[] = layers.map(() => {
          const h = ss[k++] as tf.Tensor2D;
          return lstm ? { h, c: ss[k++] as tf.Tensor2D } : { h };
        });
        const out = runStackedRnn(c.cell, xIn as tf.Tensor3D, layerWeights, states, {
          backward,
          recordGates: c.recordGates,
        });
        const terms: tf.Scalar[] = [tf.sum(tf.mul(out.outputs, coef(0, out.outputs.shape)))];
        out.states.forEach((s, l) => {
          terms.push(tf.sum(tf.mul(s.h, coef(1 + l, s.h.shape))));
          if (s.c) terms.push(tf.sum(tf.mul(s.c, coef(20 + l, s.c.shape))));
        });
        return { loss: tf.addN(terms) as tf.Scalar, out };
      };
      const inputs = [x, ...weights, ...stateTensors];
      // tf.grads frees everything but the gradients: the values come from a second forward pass.
      const grads = tf.grads((...args: tf.Tensor[]) => f(...args).loss)(inputs);
      return { grads, ...f(...inputs) };
    };
    const counted = countOurPrograms(() => run('fused'));
    ours = counted.ours;
    const fused = counted.result;
    const auto = run('autograd');
    errors.loss = relErr(fused.loss, auto.loss);
    errors.outputs = relErr(fused.out.outputs, auto.out.outputs);
    fused.out.states.forEach((s, l) => {
      errors[`h.${l}`] = relErr(s.h, auto.out.states[l].h);
      if (s.c) errors[`c.${l}`] = relErr(s.c, auto.out.states[l].c!);
    });
    fused.out.gates?.forEach((g, l) => {
      for (const [name, v] of Object.entries(g)) {
        errors[`gate.${name}.${l}`] = relErr(v!, auto.out.gates![l][name as 'i']!);
      }
    });
    const names = ['x'];
    layers.forEach((_, l) => names.push(...['wIh', 'wHh', 'bIh', 'bHh'].map((n) => `${n}.${l}`)));
    layers.forEach((_, l) => names.push(...(lstm ? [`h0.${l}`, `c0.${l}`] : [`h0.${l}`])));
    fused.grads.forEach((g, i) => {
      errors[`grad.${names[i]}`] = relErr(g, auto.grads[i]);
    });
  });
  layers.forEach((w) => tf.dispose(rnnWeightList(w)));
  return { errors, ours, leaked: tf.memory().numTensors - before };
}

/**
 * ||dLoss/dh_t|| per step (the probe of hiddenStateGradNorms) with `fused` and with `autograd`,
 * for a loss on the last output; returns the largest relative difference and the norms.
 */
export function compareProbe(cell: RnnCellType, batch: number, time: number, hidden: number) {
  const w = initRnnWeights(cell, 5, hidden, { seed: 3 });
  try {
    const x = tf.randomUniform([batch, time, 5], -1, 1, 'float32', 11) as tf.Tensor3D;
    const target = tf.randomUniform([batch, hidden], -1, 1, 'float32', 12);
    const loss = (o: { h: tf.Tensor }) => tf.sum(tf.mul(o.h, target)) as tf.Scalar;
    const a = hiddenStateGradNorms(cell, x, w, loss, { backward: 'fused' });
    const b = hiddenStateGradNorms(cell, x, w, loss, { backward: 'autograd' });
    tf.dispose([x, target]);
    let worst = 0;
    a.forEach((v, i) => {
      worst = Math.max(worst, Math.abs(v - b[i]) / Math.max(1, Math.abs(b[i])));
    });
    return { worst, fused: Array.from(a), autograd: Array.from(b) };
  } finally {
    tf.dispose(rnnWeightList(w));
  }
}

/**
 * numTensors after each of `steps` training steps of the char LM task on the active backend, with
 * our programs' share of the dispatches of the last step.
 */
export async function charLmTensorCounts(steps: number, cell: RnnCellType = 'lstm') {
  const text = 'the quick brown fox jumps over the lazy dog. '.repeat(40);
  const task = createCharLmTask({
    trainText: text,
    heldoutText: text.slice(0, 400),
    cell,
    hiddenSize: 16,
    seqLen: 8,
    batchSize: 4,
    seed: 1,
  });
  task.init();
  const counts: number[] = [];
  const losses: number[] = [];
  let ours = 0;
  try {
    for (let i = 0; i < steps; i++) {
      const counted = countOurPrograms(() => task.step());
      ours = counted.ours;
      const o = counted.result;
      losses.push((await o.loss.data())[0]);
      o.loss.dispose();
      for (const m of Object.values(o.metrics ?? {})) m.dispose();
      counts.push(tf.memory().numTensors);
    }
  } finally {
    task.dispose();
  }
  return { counts, losses, ours };
}
