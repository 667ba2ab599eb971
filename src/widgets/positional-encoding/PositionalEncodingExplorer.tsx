import { useMemo } from 'react';
import { positionalEncodingTable } from '../../models/transformer/positionalEncodingTable';
import {
  Controls,
  Heatmap,
  LineChart,
  WidgetFrame,
  WidgetMessage,
  useElementWidth,
  useHyperparams,
  type SeriesData,
} from '../../ui';
import '../kit/widgets.css';
import './pe.css';
import {
  argmax,
  columnOrder,
  dotProducts,
  evenDModel,
  offsetPairs,
  tableRows,
  wavelength,
  withinTable,
} from './peExplorer';
import { MAX_D_MODEL, PE_PREFIX, pePresets, peSchema } from './schema';

/** Smallest heatmap cell (Heatmap's own floor), in rem: a wider table scrolls sideways. */
const MIN_CELL_REM = 0.5;
/** Room for the row labels and title left of the cells, in rem. */
const LABELS_REM = 3.5;
/** The heatmap's cells are capped so that the table is at most about this tall, in rem. */
const TABLE_HEIGHT_REM = 30;

const fmt = (v: number) => v.toFixed(2);
const fmtCell = (v: number) => v.toFixed(3);
const fmtLength = (v: number) =>
  v < 100 ? v.toFixed(1) : Math.round(v).toLocaleString('en', { maximumFractionDigits: 0 });

/**
 * Chapter 15's positional-encoding explorer: the sinusoidal table of Vaswani et al. (2017,
 * section 3.5) as a heatmap (rows positions 0 .. T − 1, columns dimensions 0 .. d_model − 1,
 * blue positive, orange negative), the dot product (or cosine) of a chosen position p with every
 * position as a line chart, and a readout showing that pairs k apart anywhere in the table have
 * the same dot product. Controls: d_model, T, p, k and the measure, in the URL under `pe.` keys;
 * values outside the table are clamped with a message. No training, no tfjs.
 */
export function PositionalEncodingExplorer() {
  const hp = useHyperparams(peSchema, { prefix: PE_PREFIX, presets: pePresets });
  const v = hp.values;
  const T = v.length;
  const dm = evenDModel(v.dModel, MAX_D_MODEL);
  const d = dm.value;
  const pos = withinTable(v.position, T - 1, 'Position');
  const p = pos.value;
  const off = withinTable(v.offset, T - 1, 'Offset');
  const k = off.value;
  const notes = [dm.message, pos.message, off.message].filter((m): m is string => Boolean(m));

  const table = useMemo(() => positionalEncodingTable(T, d), [T, d]);
  const columns = useMemo(() => columnOrder(d, v.order), [d, v.order]);
  const rows = useMemo(() => tableRows(table, T, d, columns), [table, T, d, columns]);
  const rowLabels = useMemo(() => Array.from({ length: T }, (_, i) => String(i)), [T]);
  const colLabels = useMemo(() => columns.map(String), [columns]);
  const dots = useMemo(() => dotProducts(table, T, d, p), [table, T, d, p]);
  const scale = v.measure === 'cosine' ? 2 / d : 1;
  const curve = useMemo(() => dots.map((x) => x * scale), [dots, scale]);
  const peak = argmax(curve);
  const top = d / 2;
  const pairs = offsetPairs(table, T, d, p, k);
  // The next position (or the one before, at the last row).
  const neighbour = p + 1 < T ? p + 1 : p - 1;
  // y from 0 (or the curve's minimum, when it dips below 0) to the peak d_model / 2 (cosine: 1).
  const yMax = v.measure === 'cosine' ? 1 : top;
  const yMin = Math.min(0, ...curve);
  const series: SeriesData[] = useMemo(
    () => [
      { name: `PE(${p}) · PE(q)`, x: Array.from({ length: T }, (_, q) => q), y: curve },
      {
        name: `q = p = ${p}`,
        x: [p, p],
        y: [yMin, yMax],
        color: 'var(--color-muted)',
        dashed: true,
      },
    ],
    [T, curve, p, yMin, yMax],
  );

  const [scrollRef, { width: boxPx, rem }] = useElementWidth<HTMLDivElement>();
  const tableRem = d * MIN_CELL_REM + LABELS_REM;
  const scrolls = tableRem * rem > boxPx + 1;
  const maxCellRem = Math.max(MIN_CELL_REM, Math.min(1.5, TABLE_HEIGHT_REM / T));

  const measureName = v.measure === 'cosine' ? 'cosine' : 'dot product';
  return (
    <div className="w-root">
      <WidgetFrame
        id="positional-encoding"
        title="Positional-encoding explorer"
        subtitle="The sinusoidal table, row by row, and how alike two positions' encodings are: change d_model, the length and the chosen position."
        onReset={hp.reset}
        data={{ dmodel: d, length: T, position: p, offset: k, peak, measure: v.measure }}
      >
        {hp.messages.length > 0 && (
          <WidgetMessage tone="warning" onDismiss={hp.dismissMessages}>
            {hp.messages.join(' ')}
          </WidgetMessage>
        )}
        {notes.length > 0 && <WidgetMessage tone="info">{notes.join(' ')}</WidgetMessage>}
        <div className="w-columns">
          <Controls
            schema={peSchema}
            values={v}
            onChange={hp.setValue}
            presets={pePresets}
            onPreset={hp.applyPreset}
            onReset={hp.reset}
            label="Positional-encoding settings"
          />
          <div className="w-main pe-main">
            <div className="pe-readout" aria-live="polite" data-readout="">
              <p>
                <strong>
                  PE({p}) · PE({p}) = {fmt(top)}
                </strong>{' '}
                = d_model / 2, the peak of the curve; its neighbour PE({neighbour}) gives{' '}
                {fmt(dots[neighbour] ?? 0)}.
              </p>
              <p data-offset-pairs="">
                Pairs {k} apart:{' '}
                {pairs.map((pr, i) => (
                  <span key={pr.a}>
                    {i > 0 ? ', ' : ''}
                    PE({pr.a}) · PE({pr.b}) = {fmt(pr.value)}
                  </span>
                ))}
                . The same wherever the pair sits: the dot product depends only on the offset, Σ
                cos(ωᵢ k).
              </p>
              <p className="w-hint">
                Wavelengths run from {fmtLength(wavelength(0, d))} positions (columns 0–1) to{' '}
                {fmtLength(wavelength(d / 2 - 1, d))} (columns {d - 2}–{d - 1}).
              </p>
            </div>
            <div className="pe-charts">
              <div className="pe-table">
                <div
                  ref={scrollRef}
                  className="pe-scroll"
                  tabIndex={scrolls ? 0 : undefined}
                  role={scrolls ? 'region' : undefined}
                  aria-label={scrolls ? 'The table, scrolls sideways' : undefined}
                  data-pe-table=""
                >
                  <div style={{ minWidth: `${tableRem}rem` }}>
                    <Heatmap
                      matrix={rows}
                      label={`PE(pos, j) for d_model = ${d}`}
                      rowLabels={rowLabels}
                      colLabels={colLabels}
                      rowTitle="pos"
                      colTitle="dimension j (even: sin, odd: cos)"
                      scheme="diverging"
                      domain={[-1, 1]}
                      format={fmtCell}
                      showValues={false}
                      maxCellRem={maxCellRem}
                    />
                  </div>
                </div>
                {scrolls && (
                  <p className="w-hint">
                    {d} columns do not fit: scroll the table sideways (or widen the window).
                  </p>
                )}
              </div>
              <LineChart
                series={series}
                xLabel="position q"
                yLabel={measureName}
                title={`${measureName} of PE(${p}) with PE(q)`}
                yDomain={[yMin, yMax]}
                references={[
                  {
                    y: yMax,
                    label: v.measure === 'cosine' ? '1' : `d_model / 2 = ${top}`,
                    labelIn: 'legend',
                  },
                ]}
                logToggle={false}
                legendValues={false}
                height={200}
              />
            </div>
          </div>
        </div>
      </WidgetFrame>
    </div>
  );
}
