/**
 * The `fused` implementation of {@link runRnn} on the `cpu` backend. When set, it
 * replaces ./fused.ts's `fusedSequence` there, with the same contract. No React, no DOM.
 */
import type { SequenceArgs, SequenceResult } from './cells';
import { cpuSequence } from './cpu/sequence';

/**
 * The cpu backend's whole-sequence op; undefined (or a call returning undefined, for arguments it
 * does not handle) uses the op-by-op loops. Set to ./cpu/sequence.ts's {@link cpuSequence}: the
 * forward pass and hand-written BPTT as loops over typed arrays in one custom-gradient op.
 */
export const CPU_SEQUENCE: ((args: SequenceArgs) => SequenceResult | undefined) | undefined =
  cpuSequence;
