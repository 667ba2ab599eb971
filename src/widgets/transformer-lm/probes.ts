/**
 * The character Transformer's probes: generated text and the attention maps of every layer and
 * head over the reader's passage. Each runs in the model's worker between training steps through
 * `controller.probe` (one at a time; a second request of the same kind while one waits is
 * dropped; the result of a task replaced by Reset is dropped) and lands in the controller's store
 * with `controller.update`. No React, no tfjs.
 */
import type { TransformerAttentionMaps } from '../../models/transformer/lmTypes';
import type { TransformerLmController } from './spec';

/** Characters per generated sample. */
export const SAMPLE_CHARS = 200;

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** Generates samples and reads attention maps for one controller. */
export class TransformerLmProbes {
  constructor(private readonly controller: TransformerLmController) {}

  private sampleFailed = (message: string) =>
    this.controller.update({ sampleError: `No sample: ${message}` });

  private probeFailed = (message: string) =>
    this.controller.update({ probeError: `Could not read the attention: ${message}` });

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

  /**
   * The attention maps of every layer and head of the current model over the passage
   * `passage()` returns when the probe runs (a request made while another waits is dropped, so
   * the waiting one must read the latest text, not the text of its own request). Skipped when
   * the passage is empty.
   */
  refreshAttention(passage: () => string): Promise<void> {
    const c = this.controller;
    return c.probe(
      'attention',
      async (task, isCurrent) => {
        const text = passage();
        if (text.length === 0) return;
        const step = task.progress().step;
        const t0 = now();
        const maps = await task.call<TransformerAttentionMaps>('attentionMaps', text);
        if (!isCurrent()) return;
        c.update({ attention: { maps, step, ms: now() - t0 }, probeError: null });
      },
      this.probeFailed,
    );
  }
}
