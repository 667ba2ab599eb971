import { useState } from 'react';
import { Heatmap } from '../../ui';
import type { GatesView } from './spec';
import {
  displayChar,
  gateInfo,
  heatmapChoices,
  pickChoice,
  topVaryingUnits,
  unitRows,
} from './views';

/** The matrix, labels and width of one heatmap (rows: the k most varying units). */
function heatmapView(gates: GatesView, shown: string, layer: number, k: number) {
  const { chars, hiddenSize: H, layers } = gates.acts;
  const T = chars.length;
  const data = shown === 'h' ? layers[layer].hidden : layers[layer].gates[shown];
  if (!data) return null;
  const units = topVaryingUnits(data, T, H, k);
  return {
    matrix: unitRows(data, T, H, units),
    rowLabels: units.map((u) => `#${u}`),
    colLabels: chars.map(displayChar),
    T,
  };
}

/** Props of {@link GateHeatmap}. */
export interface GateHeatmapProps {
  gates: GatesView | null;
  /** Whether a model exists to read (a step was taken). */
  canRefresh: boolean;
  onRefresh: () => void;
}

/** Choices of the number of rows (the most varying units). */
const UNIT_COUNTS = [8, 16, 32] as const;
/** Side of one cell in px: at least a legible character label (1.1 rem) per column. */
const CELL_PX = 19;

/**
 * Gate activations over a passage as a heatmap: rows = the k units that vary most over it,
 * columns = its characters (spaces `␣`, newlines `↵`), one gate (LSTM i, f, g, o; GRU r, z, n)
 * or the hidden state h (the only choice for the plain RNN), per layer. Wide passages scroll
 * sideways inside their box, never the page.
 */
export function GateHeatmap({ gates, canRefresh, onRefresh }: GateHeatmapProps) {
  const [gate, setGate] = useState<string>('f');
  const [layer, setLayer] = useState(0);
  const [k, setK] = useState<number>(16);
  const names = heatmapChoices(gates?.acts.gateNames ?? []);
  const shown = pickChoice(names, gate);
  const nLayers = gates?.acts.layers.length ?? 1;
  const L = Math.min(layer, nLayers - 1);

  const view = gates ? heatmapView(gates, shown, L, k) : null;
  const info = gateInfo(shown);

  return (
    <section className="w-try cr-gates" aria-label="Gate activations" data-gates>
      <div className="cr-head">
        <span className="w-label">Gate activations over the passage</span>
        <button
          type="button"
          className="ui-button ui-button-small"
          onClick={onRefresh}
          disabled={!canRefresh}
          data-action="refresh-gates"
        >
          Refresh
        </button>
      </div>
      <div className="cr-pickers">
        <div role="radiogroup" aria-label="Gate" className="ui-segmented">
          {names.map((n) => (
            <label key={n} className="ui-segment" title={gateInfo(n).label}>
              <input
                type="radio"
                name="char-gate"
                value={n}
                checked={n === shown}
                onChange={() => setGate(n)}
                data-gate={n}
              />
              <span>{n}</span>
            </label>
          ))}
        </div>
        {nLayers > 1 && (
          <label className="cr-select">
            layer{' '}
            <select value={L} onChange={(e) => setLayer(Number(e.target.value))}>
              {Array.from({ length: nLayers }, (_, i) => (
                <option key={i} value={i}>
                  {i + 1}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="cr-select">
          rows{' '}
          <select value={k} onChange={(e) => setK(Number(e.target.value))}>
            {UNIT_COUNTS.map((n) => (
              <option key={n} value={n}>
                {n} most varying units
              </option>
            ))}
          </select>
        </label>
      </div>
      {view ? (
        <>
          <div className="cr-scroll" data-gate-heatmap={shown}>
            <div style={{ width: `${(view.T + 4) * CELL_PX}px`, minWidth: '100%' }}>
              <Heatmap
                matrix={view.matrix}
                label={`${info.label}, layer ${L + 1} (after step ${gates!.step.toLocaleString('en')})`}
                rowLabels={view.rowLabels}
                colLabels={view.colLabels}
                rowTitle="unit"
                colTitle="character"
                scheme={info.scheme}
                domain={info.domain}
                showValues={false}
                maxCellRem={1.25}
              />
            </div>
          </div>
          <p className="w-hint">
            {shown === 'h'
              ? 'The hidden state h_t after each character (tanh: −1 to 1).'
              : `The ${info.label} after each character (${info.domain[0]} to ${info.domain[1]}).`}{' '}
            Rows: the {Math.min(k, gates!.acts.hiddenSize)} of {gates!.acts.hiddenSize} units whose
            value varies most over the passage. Read in {Math.round(gates!.ms)} ms.
          </p>
        </>
      ) : (
        <p className="w-hint">Press Play or Step: the heatmap appears once the model exists.</p>
      )}
    </section>
  );
}
