/**
 * The UI kit of the book: the hyperparameter schema and its URL hook, controls, the trainer
 * bar, the widget frame, and d3-scaled charts. React + d3 only; no tfjs, no model code.
 * Styles: ./ui.css (theme CSS variables only).
 *
 * @example A widget's composition
 * ```tsx
 * // schema.ts
 * export const schema = defineSchema({
 *   lr: { kind: 'number', label: 'Learning rate', default: 0.01, min: 1e-4, max: 1,
 *         scale: 'log', restart: false },
 *   hidden: { kind: 'number', label: 'Hidden units', default: 32, min: 4, max: 256,
 *             integer: true, restart: true },
 * });
 * export const presets = definePresets(schema, [
 *   { name: 'diverge', label: 'Too fast', values: { lr: 1 } },
 * ]);
 *
 * // MyWidget.tsx
 * const hp = useHyperparams(schema, { prefix: 'clf.', presets });
 * <WidgetFrame id="clf" title="Sentiment classifier" badge={<BackendBadge info={backend} />}
 *   onTogglePlay={toggle} onStep={step} onReset={() => { rebuild(hp.values); hp.acknowledgeRestart(); }}>
 *   {hp.messages.length > 0 && (
 *     <WidgetMessage tone="warning" onDismiss={hp.dismissMessages}>{hp.messages.join(' ')}</WidgetMessage>
 *   )}
 *   <Controls schema={schema} values={hp.values} onChange={hp.setValue} presets={presets}
 *     onPreset={hp.applyPreset} onReset={hp.reset} restartPending={hp.restartNeeded} />
 *   <TrainerBar status={status} step={p.step} epoch={p.epoch} totalEpochs={10} ... />
 *   <MetricReadout metrics={[{ key: 'loss', label: 'Loss', value: loss }]} />
 *   <LineChart series={[{ name: 'loss', x: steps, y: losses }]} xLabel="step" yLabel="loss" />
 * </WidgetFrame>
 * ```
 */
import './ui.css';

export * from './schema';
export * from './validate';
export * from './urlParams';
export { useHyperparams, type Hyperparams, type UseHyperparamsOptions } from './useHyperparams';
export { Controls, type ControlsProps } from './Controls';
export { NumberControl, type NumberControlProps } from './NumberControl';
export {
  BooleanControl,
  ChoiceControl,
  TextControl,
  RestartMarker,
  type FieldProps,
} from './fields';
export {
  TrainerBar,
  trainerProgress,
  type TrainerBarProps,
  type TrainerStatus,
} from './TrainerBar';
export {
  WidgetFrame,
  WidgetMessage,
  type WidgetFrameProps,
  type WidgetMessageProps,
} from './WidgetFrame';
export { shortcutFor, isTextEntry, type ShortcutAction, type ShortcutEvent } from './shortcuts';
export {
  PRESENT_PARAM,
  presentedWidgetId,
  searchWithoutPresent,
  isLeaveKey,
  type PresentMode,
} from './present';
export { usePresentMode, type PresentState } from './usePresentMode';
export {
  BackendBadge,
  backendLabel,
  backendDescription,
  type BackendBadgeInfo,
  type BackendBadgeProps,
} from './BackendBadge';
export { LineChart, type LineChartProps, type ReferenceLine } from './LineChart';
export { CANVAS_FROM_CELLS, Heatmap, heatmapDomain, type HeatmapProps } from './Heatmap';
export { BarChart, barDomain, type Bar, type BarChartProps } from './BarChart';
export {
  TokenView,
  TOKEN_KIND_INFO,
  visibleText,
  type TokenItem,
  type TokenKind,
  type TokenViewProps,
} from './TokenView';
export { MetricReadout, metricText, type Metric, type MetricReadoutProps } from './MetricReadout';
export { ErrorBoundary, type ErrorBoundaryProps } from './ErrorBoundary';
export { DataTable, type Cell, type DataColumn, type DataTableProps } from './DataTable';
export {
  SERIES_COLORS,
  seriesColor,
  heatColor,
  downsampleIndices,
  formatTick,
  type ColorScheme,
  type SeriesData,
} from './chartMath';
export { useElementWidth, type ElementSize } from './useElementWidth';
export { urlSyncAction } from './useHyperparams';
export { CopyLink, type CopyLinkProps } from './CopyLink';
export { ChartSave, type ChartSaveProps } from './ChartSave';
export {
  chartFileName,
  chartToPng,
  chartToSvg,
  downloadFile,
  type ExportedSvg,
} from './chartExport';
export {
  shareUrl,
  tryItSearch,
  widgetAnchor,
  type ShareableSettings,
  type TryItSearch,
} from './share';
export { registerWidgetSettings, widgetSettings, type RegisteredSettings } from './widgetRegistry';
