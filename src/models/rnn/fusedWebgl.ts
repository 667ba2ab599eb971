/**
 * WebGL programs for the `fused` implementation of {@link runRnn} (on webgl every tfjs op is one
 * shader dispatch). Cells listed here replace the op-by-op loops of ./fusedCells.ts when
 * the active backend is `webgl`; the contract is that of {@link CellForward} / {@link CellBackward}.
 * The programs and loops are in ./webgl/. No React, no DOM.
 */
import type { RnnCellType } from './types';
import type { CellBackward, CellForward } from './fusedCells';
import { lstmBackwardWebgl, lstmForwardWebgl } from './webgl/lstm';

/** The webgl loops per cell; a missing cell uses the op-by-op loops. */
export const WEBGL_LOOPS: Partial<Record<RnnCellType, readonly [CellForward, CellBackward]>> = {
  lstm: [lstmForwardWebgl, lstmBackwardWebgl],
};
