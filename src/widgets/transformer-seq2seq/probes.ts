/**
 * The encoder-decoder widget's probe: the reader's sequence through the model (greedy output and
 * the cross-attention of every decoder layer and head). It runs in the model's worker between
 * training steps through `controller.probe` (one at a time; a second request while one waits is
 * dropped; the result of a task replaced by Reset is dropped) and lands in the controller's store
 * with `controller.update`. No React, no tfjs.
 */
import type { TransformerSeq2SeqTranslation } from '../../models/transformer/encoderDecoderTypes';
import type { TransformerSeq2SeqController } from './spec';

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/**
 * Translates the sequence `text()` returns when the probe runs (a request made while another
 * waits is dropped, so the waiting one must read the latest text); skipped when it returns null
 * (the reader's input has a problem).
 */
export function translateProbe(
  c: TransformerSeq2SeqController,
  text: () => string | null,
): Promise<void> {
  return c.probe(
    'translate',
    async (task, isCurrent) => {
      const source = text();
      if (source === null) return;
      const step = task.progress().step;
      const t0 = now();
      const t = await task.call<TransformerSeq2SeqTranslation>('translate', source);
      if (!isCurrent()) return;
      c.update({ translation: { ...t, step, ms: now() - t0 }, probeError: null });
    },
    (message) => c.update({ probeError: `Could not read the model: ${message}` }),
  );
}
