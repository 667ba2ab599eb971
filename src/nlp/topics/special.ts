/**
 * ψ(x) (digamma) and ln Γ(x) in float64 for x > 0, by the recurrence to x >= 6 and the
 * asymptotic series (see src/models/lda/special.ts, whose tensor versions use the same method).
 * Accurate to about 1e-11 (tested against scipy.special.psi / gammaln).
 */
const SHIFT = 6;
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** ψ(x) for x > 0 (float64); NaN or ±Inf elsewhere. */
export function digammaScalar(x: number): number {
  let corr = 0;
  let y = x;
  if (y < SHIFT) {
    for (let i = 0; i < SHIFT; i++) corr += 1 / (x + i);
    y += SHIFT;
  }
  const inv2 = 1 / (y * y);
  const series =
    Math.log(y) -
    0.5 / y -
    inv2 * (1 / 12 - inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 / 132))));
  return series - corr;
}

/** ln Γ(x) for x > 0 (float64). */
export function lgammaScalar(x: number): number {
  let corr = 0;
  let y = x;
  if (y < SHIFT) {
    for (let i = 0; i < SHIFT; i++) corr += Math.log(x + i);
    y += SHIFT;
  }
  const inv = 1 / y;
  const inv2 = inv * inv;
  const series =
    (y - 0.5) * Math.log(y) -
    y +
    HALF_LOG_2PI +
    inv * (1 / 12 - inv2 * (1 / 360 - inv2 * (1 / 1260 - inv2 / 1680)));
  return series - corr;
}
