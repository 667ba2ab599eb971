/**
 * The UI kit of the book: the hyperparameter schema and its URL hook, controls, the trainer
 * bar, the widget frame, and d3-scaled charts. React + d3 only; no tfjs, no model code.
 * Styles: ./ui.css (theme CSS variables only).
 */
import './ui.css';

export * from './schema';
export { useHyperparams, type Hyperparams, type UseHyperparamsOptions } from './useHyperparams';
export { Controls, type ControlsProps } from './Controls';
export { NumberControl, type NumberControlProps } from './NumberControl';
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
  BackendBadge,
  backendLabel,
  backendDescription,
  type BackendBadgeInfo,
  type BackendBadgeProps,
} from './BackendBadge';
export { LineChart, type LineChartProps, type ReferenceLine } from './LineChart';
export { Heatmap, heatmapDomain, type HeatmapProps } from './Heatmap';
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
export { DataTable, type Cell, type DataColumn, type DataTableProps } from './DataTable';
export {
  SERIES_COLORS,
  seriesColor,
  downsampleIndices,
  formatTick,
  type ColorScheme,
  type SeriesData,
} from './chartMath';
export { useElementWidth, type ElementSize } from './useElementWidth';
