import { useMemo } from 'react';
import { Heatmap } from '../../ui';
import { displayChar } from '../common/charLabels';
import type { TlmAttentionView } from './spec';
import { attentionRows, meanAttentionDistance } from './views';

/** Props of {@link AttentionGrid}. */
export interface AttentionGridProps {
  attention: TlmAttentionView | null;
  canRefresh: boolean;
  onRefresh: () => void;
}

const fmt = (v: number) => v.toFixed(2);
const DOMAIN: readonly [number, number] = [0, 1];

/**
 * The causal self-attention weights of every layer (rows of the grid) and head (columns) over the
 * reader's passage, each a `[T, T]` heatmap: row = the query character, column = the key it reads
 * (only columns up to the row are allowed; each row sums to 1). Under each map, how far back the
 * head looks on average ({@link meanAttentionDistance}).
 */
export function AttentionGrid({ attention, canRefresh, onRefresh }: AttentionGridProps) {
  const maps = attention?.maps;
  const cells = useMemo(() => {
    if (!maps) return [];
    const T = maps.chars.length;
    const labels = maps.chars.map(displayChar);
    return maps.layers.flatMap((heads, l) =>
      heads.map((m, h) => ({
        key: `${l}-${h}`,
        layer: l,
        head: h,
        rows: attentionRows(m, T),
        distance: meanAttentionDistance(m, T),
        labels,
      })),
    );
  }, [maps]);
  return (
    <section className="w-try tlm-attention" aria-label="Attention maps">
      <div className="tlm-head">
        <span className="w-label">Attention of every layer and head</span>
        <button
          type="button"
          className="ui-button ui-button-small"
          onClick={onRefresh}
          disabled={!canRefresh}
          data-action="attention"
        >
          Refresh maps
        </button>
      </div>
      {maps ? (
        <>
          <p className="w-hint">
            After step {attention.step.toLocaleString('en')}: each map's rows are the characters
            that ask (queries), its columns the characters they read (keys); darker = more weight.
            The future is masked. {Math.round(attention.ms)} ms to read.
          </p>
          <div
            className="tlm-grid"
            data-attention-step={attention.step}
            data-layers={maps.numLayers}
            data-heads={maps.numHeads}
          >
            {cells.map((c) => (
              <figure
                key={c.key}
                className="tlm-map"
                data-layer={c.layer}
                data-head={c.head}
                data-distance={c.distance.toFixed(4)}
              >
                <Heatmap
                  matrix={c.rows}
                  label={`Layer ${c.layer + 1}, head ${c.head + 1}`}
                  rowLabels={c.labels}
                  colLabels={c.labels}
                  domain={DOMAIN}
                  format={fmt}
                  showValues={false}
                  maxCellRem={0.9}
                  renderer="canvas"
                />
                <figcaption className="w-hint">
                  L{c.layer + 1} H{c.head + 1}: looks back {c.distance.toFixed(1)} chars
                </figcaption>
              </figure>
            ))}
          </div>
        </>
      ) : (
        <p className="w-hint">
          Press Play or Step: the maps appear and are read again every few seconds while it trains.
        </p>
      )}
    </section>
  );
}
