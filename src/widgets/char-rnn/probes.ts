/**
 * The character model's probes: generated text, gate activations over a passage, and per-step
 * gradient norms against fresh baselines. Each runs in the model's worker between training steps
 * through `controller.probe` (one at a time; a second request of the same kind while one waits is
 * dropped; the result of a task replaced by Reset is dropped) and lands in the controller's store
 * with `controller.update`. No React, no tfjs.
 */
import type { RnnCellType } from '../../models/rnn/types';
import type { CharLmGateActivations } from '../../models/rnn/charLm';
import { probeLength } from './corpus';
import type { CharRnnController, GradSeries } from './spec';

/** Characters per generated sample. */
export const SAMPLE_CHARS = 240;

/** Cells of the untrained baselines of the gradient chart (plus the run's own, when a GRU). */
const FRESH_CELLS: readonly RnnCellType[] = ['rnn', 'lstm'];

const CELL_NAMES: Record<RnnCellType, string> = { rnn: 'RNN', lstm: 'LSTM', gru: 'GRU' };

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** See the module comment. One per controller (it caches the fresh models' gradient norms). */
export class CharRnnProbes {
  /** Fresh-model gradient norms, keyed by everything they depend on. */
  private readonly freshCache = new Map<string, Float32Array>();

  constructor(private readonly controller: CharRnnController) {}

  private sampleFailed = (message: string) =>
    this.controller.update({ sampleError: `No sample: ${message}` });

  private probeFailed = (message: string) =>
    this.controller.update({ probeError: `Could not read the model: ${message}` });

  /** Generates {@link SAMPLE_CHARS} characters after `prime` at `temperature` (seeded). */
  generate(temperature: number, prime: string, seed: number): Promise<void> {
    const c = this.controller;
    return c.probe(
      'sample',
      async (task, isCurrent) => {
        const step = task.progress().step;
        const t0 = now();
        // Yield by elapsed time: each yield lets the runner take a whole training step.
        const text = await task.call<string>('sample', SAMPLE_CHARS, {
          temperature,
          prime,
          seed,
          yieldAfterMs: 30,
        });
        if (!isCurrent()) return;
        c.update({ sample: { prime, text, temperature, step, ms: now() - t0 }, sampleError: null });
      },
      this.sampleFailed,
    );
  }

  /** Gate activations (every layer) of the current model over `passage`. */
  refreshGates(passage: string): Promise<void> {
    const c = this.controller;
    return c.probe(
      'gates',
      async (task, isCurrent) => {
        const step = task.progress().step;
        const t0 = now();
        const acts = await task.call<CharLmGateActivations>('gateActivations', passage);
        if (!isCurrent()) return;
        const cell = task.info.cell as RnnCellType;
        c.update({ gates: { acts, cell, step, ms: now() - t0 }, probeError: null });
      },
      this.probeFailed,
    );
  }

  /**
   * ||dL/dh_t|| over `passage` (loss at its last character) for the current model and for
   * freshly initialised RNN and LSTM models of the same size (and a GRU when the run is one);
   * the fresh ones are computed once per corpus, size, seed and passage. One model per call.
   */
  refreshGradNorms(passage: string): Promise<void> {
    const c = this.controller;
    return c.probe(
      'grad',
      async (task, isCurrent) => {
        const { applied, data } = c.getState();
        if (!applied || !data) return;
        const step = task.progress().step;
        const cell = task.info.cell as RnnCellType;
        let longest = 0;
        const timed = async (f: () => Promise<Float32Array>) => {
          const t0 = now();
          const r = await f();
          longest = Math.max(longest, now() - t0);
          return r;
        };
        const length = probeLength(passage);
        const own = await timed(() =>
          task.call<Float32Array>('gradNormsPerStep', { text: passage, length }),
        );
        const series: GradSeries[] = [
          {
            name: `this ${CELL_NAMES[cell]} (step ${step.toLocaleString('en')})`,
            cell,
            fresh: false,
            norms: own,
          },
        ];
        const cells = cell === 'gru' ? [...FRESH_CELLS, 'gru' as const] : FRESH_CELLS;
        for (const fresh of cells) {
          if (!isCurrent()) return;
          const key = JSON.stringify([
            data.corpus.name,
            fresh,
            applied.hidden,
            applied.layers,
            applied.init,
            applied.seed,
            passage,
          ]);
          let norms = this.freshCache.get(key);
          if (!norms) {
            norms = await timed(() =>
              task.call<Float32Array>('freshGradNorms', fresh, passage, length),
            );
            this.freshCache.set(key, norms);
          }
          series.push({ name: `fresh ${CELL_NAMES[fresh]}`, cell: fresh, fresh: true, norms });
        }
        if (!isCurrent()) return;
        c.update({ gradNorms: { passage, series, step, ms: longest }, probeError: null });
      },
      this.probeFailed,
    );
  }
}
