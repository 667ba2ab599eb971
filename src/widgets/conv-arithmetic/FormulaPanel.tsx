import type { ConvLayout } from './convArithmetic';
import type { ConvSettings } from './schema';

/** Props of {@link FormulaPanel}. */
export interface FormulaPanelProps {
  /** Number of tokens T. */
  T: number;
  settings: ConvSettings;
  /** The layout, or null when the settings give no output. */
  layout: ConvLayout | null;
}

/**
 * The output length with PyTorch's formula, written out and filled in with the current numbers:
 * T_out = floor((T + p_left + p_right - r(k - 1) - 1) / s) + 1 (2p when both sides get p). The
 * result is `<output data-metric="output_length">`.
 */
export function FormulaPanel({ T, settings: v, layout }: FormulaPanelProps) {
  const k = v.kernel;
  const s = v.stride;
  const r = v.dilation;
  const symmetric = !layout || layout.padLeft === layout.padRight;
  const padSymbol = symmetric ? '2p' : 'p_left + p_right';
  const padNumbers = layout
    ? symmetric
      ? `2·${layout.padLeft}`
      : `${layout.padLeft} + ${layout.padRight}`
    : '…';
  const padWord =
    v.padding === 'valid'
      ? 'valid: no padding'
      : v.padding === 'same'
        ? `same: ${layout ? layout.padLeft + layout.padRight : '…'} zero rows in all`
        : `${v.pad} zero row${v.pad === 1 ? '' : 's'} on each side`;
  return (
    <div className="ca-formula" aria-label="Output length">
      <p className="ca-formula-given">
        T = {T} token{T === 1 ? '' : 's'}, k = {k}, s = {s}, r = {r}, padding {padWord}
      </p>
      <p className="ca-formula-line">
        T<sub>out</sub> = ⌊(T + {padSymbol} − r(k − 1) − 1) / s⌋ + 1
      </p>
      {layout ? (
        <p className="ca-formula-line">
          = ⌊({T} + {padNumbers} − {r}·({k} − 1) − 1) / {s}⌋ + 1 ={' '}
          <output data-metric="output_length" className="ca-result">
            {layout.outputLength}
          </output>
        </p>
      ) : (
        <p className="ca-formula-line">
          = <output data-metric="output_length">no output</output>
        </p>
      )}
      {layout ? (
        <p className="ca-formula-note">
          One window spans r(k − 1) + 1 = {layout.span} row{layout.span === 1 ? '' : 's'} and reads{' '}
          {k} of them; with F filters the feature map is {layout.outputLength} × F.
        </p>
      ) : null}
    </div>
  );
}
