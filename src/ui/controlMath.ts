/**
 * Pure helpers behind the number control: mapping between a parameter value and the position
 * of its range slider (linear, or log10 for `scale: 'log'`). No React, no DOM.
 */
import type { NumberSpec } from './schema';

/** Number of slider positions used for a log-scale slider. */
export const LOG_SLIDER_STEPS = 200;

/** The `min` / `max` / `step` attributes of the `<input type="range">` for a spec. */
export interface SliderRange {
  min: number;
  max: number;
  step: number;
}

/** True when the spec asks for a log slider and its range allows one (min > 0). */
export function isLog(spec: NumberSpec): boolean {
  return spec.scale === 'log' && spec.min > 0 && spec.max > spec.min;
}

/**
 * Slider attributes for a spec. Linear: the spec's own bounds and step (default 1 for
 * integers, a hundredth of the range otherwise). Log: log10 of the bounds, 200 positions.
 */
export function sliderRange(spec: NumberSpec): SliderRange {
  if (isLog(spec)) {
    const lo = Math.log10(spec.min);
    const hi = Math.log10(spec.max);
    return { min: lo, max: hi, step: (hi - lo) / LOG_SLIDER_STEPS };
  }
  const step = spec.step ?? (spec.integer ? 1 : (spec.max - spec.min) / 100);
  return { min: spec.min, max: spec.max, step };
}

/** Slider position of a value (log10 of it on a log slider). */
export function toSliderPosition(spec: NumberSpec, value: number): number {
  if (isLog(spec)) return Math.log10(Math.min(Math.max(value, spec.min), spec.max));
  return value;
}

/** Rounds to `digits` significant digits (0 stays 0). */
export function roundSignificant(v: number, digits: number): number {
  if (v === 0 || !Number.isFinite(v)) return v;
  return Number(v.toPrecision(digits));
}

/**
 * Value of a slider position. Log sliders give 2 significant digits (0.0032, not
 * 0.0031622776); linear ones snap to the step grid anchored at `min`. The result is clamped
 * into [min, max] and rounded for integer specs.
 */
export function fromSliderPosition(spec: NumberSpec, position: number): number {
  let v: number;
  if (isLog(spec)) {
    v = roundSignificant(10 ** position, 2);
  } else {
    const { step } = sliderRange(spec);
    v = step > 0 ? spec.min + Math.round((position - spec.min) / step) * step : position;
    // Remove floating-point noise from the step arithmetic (0.30000000000000004).
    v = roundSignificant(v, 12);
  }
  if (spec.integer) v = Math.round(v);
  return Math.min(Math.max(v, spec.min), spec.max);
}
