// Kuramoto network operator settings (paper 000, PHYSICS.md section 1): defaults, validation, F clipping.
import { InputError } from '../../errors.ts';

/** Settings of the operator F -> f_bar. SI units: Hz and seconds. */
export interface KuramotoSettings {
  /** Uniform all-to-all coupling k (Hz). Paper: 10 MHz. */
  readonly coupling: number;
  /** Euler step (s). Paper: 10 ps. */
  readonly dt: number;
  /** Simulated time T (s). Paper: 1 us. */
  readonly duration: number;
  /** Averaging window tau at the end of the run (s). Paper: 0.5 us. */
  readonly window: number;
  /** Phase-noise linewidth Delta (FWHM, Hz) of an isolated oscillator (eq. 8); 0 = noiseless. */
  readonly linewidth: number;
}

export const PAPER_SETTINGS: KuramotoSettings = Object.freeze({
  coupling: 10e6,
  dt: 10e-12,
  duration: 1e-6,
  window: 0.5e-6,
  linewidth: 0,
});

/** Largest Euler step the kernels accept (s). */
export const MAX_DT = 100e-12;

/** Tuning range of the STNO natural frequency used by paper 000 (Hz). */
export const TUNING_RANGE_HZ: readonly [number, number] = Object.freeze([500e6, 680e6]) as readonly [number, number];

/** Step counts derived from settings: total steps and the index of the first averaged step. */
export interface StepPlan {
  readonly steps: number;
  readonly firstAveraged: number;
  readonly averaged: number;
}

/** Settings with defaults filled in and checked; throws InputError naming the bad field. */
export function resolveSettings(partial: Partial<KuramotoSettings> = {}): KuramotoSettings {
  const s = { ...PAPER_SETTINGS, ...partial };
  const positive: (keyof KuramotoSettings)[] = ['coupling', 'dt', 'duration', 'window'];
  for (const key of positive) {
    if (!Number.isFinite(s[key]) || s[key] <= 0) throw new InputError(`must be a positive number, got ${s[key]}`, key);
  }
  if (!Number.isFinite(s.linewidth) || s.linewidth < 0) throw new InputError(`must be >= 0, got ${s.linewidth}`, 'linewidth');
  if (s.window > s.duration) throw new InputError(`window ${s.window} s exceeds duration ${s.duration} s`, 'window');
  // the kernels' Taylor rotation is exact to < 1e-13 per step only while 2 pi dt |f - mean F| < 0.2 rad
  if (s.dt > MAX_DT) throw new InputError(`must be <= ${MAX_DT * 1e12} ps (phase advance per step must stay small), got ${s.dt} s`, 'dt');
  stepPlan(s);
  return Object.freeze(s);
}

/** Number of Euler steps and the averaging window in steps (both rounded to whole steps). */
export function stepPlan(s: KuramotoSettings): StepPlan {
  const steps = Math.round(s.duration / s.dt);
  const averaged = Math.round(s.window / s.dt);
  if (averaged < 1 || steps < averaged) throw new InputError(`window must span at least one step of dt = ${s.dt} s`, 'window');
  return { steps, firstAveraged: steps - averaged, averaged };
}
