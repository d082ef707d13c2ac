// Measurements on simulated phase traces: mean frequency over a window, beat frequency from whole phase slips.
import { interpolate } from '../sim/result.ts';

/** Mean frequency (Hz) over [t0, t1] of a phase trace (rad) in a frame rotating at fref. */
export function meanFrequency(time: Float64Array, phase: Float64Array, t0: number, t1: number, fref: number): number {
  return fref + (interpolate(time, phase, t1) - interpolate(time, phase, t0)) / (2 * Math.PI * (t1 - t0));
}

/**
 * Beat frequency from whole phase slips of the difference `dphi` after `tStart`: the times at which dphi crosses
 * successive multiples of 2*pi (linear interpolation), (slips counted) / (time between first and last).
 */
export function beatFrequency(time: Float64Array, dphi: Float64Array, tStart: number): number {
  let i0 = 0;
  while (time[i0] < tStart) i0++;
  const sign = Math.sign(dphi[dphi.length - 1] - dphi[i0]);
  const level = (m: number) => dphi[i0] + sign * 2 * Math.PI * m;
  const crossings: number[] = [];
  let m = 1;
  for (let i = i0 + 1; i < time.length; i++) {
    while (sign * (dphi[i] - level(m)) >= 0) {
      const a = dphi[i - 1];
      const b = dphi[i];
      crossings.push(time[i - 1] + ((level(m) - a) / (b - a)) * (time[i] - time[i - 1]));
      m++;
    }
  }
  if (crossings.length < 3) throw new Error(`only ${crossings.length} phase slips after ${tStart} s: cannot measure a beat`);
  return (crossings.length - 1) / (crossings[crossings.length - 1] - crossings[0]);
}
