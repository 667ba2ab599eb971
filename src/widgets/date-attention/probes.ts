/**
 * The date converter's probes: the reader's date through the model (greedy output and attention
 * matrix) and exact match by input length at the latest evaluation. Each runs in the model's
 * worker between training steps through `controller.probe` (one at a time; a request of a kind
 * already waiting is dropped; the result of a task replaced by Reset is dropped) and lands in
 * the controller's store with `controller.update`. No React, no tfjs.
 */
import type { DateController } from './spec';
import type { AttendResult, ByLengthResult } from './views';

/** See the module comment. One per controller. */
export class DateProbes {
  constructor(private readonly controller: DateController) {}

  private failed = (message: string) =>
    this.controller.update({ probeError: `Could not read the model: ${message}` });

  /** Converts `text` (already checked with `checkDateInput`) and reads its attention. */
  attend(text: string): Promise<void> {
    const c = this.controller;
    return c.probe(
      'attend',
      async (task, isCurrent) => {
        const r = await task.call<AttendResult>('attend', text);
        if (isCurrent()) c.update({ attend: r, probeError: null });
      },
      this.failed,
    );
  }

  /** Reads exact match by input length of the latest evaluation (nothing before one). */
  byLength(): Promise<void> {
    const c = this.controller;
    return c.probe(
      'byLength',
      async (task, isCurrent) => {
        const r = await task.call<ByLengthResult | null>('byLength');
        if (r && isCurrent()) c.update({ byLength: r });
      },
      this.failed,
    );
  }
}
