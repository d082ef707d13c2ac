// Test helpers for phase oscillators: two-oscillator descriptions, mean frequencies and beat frequencies from phase traces.
import type { DescriptionInput } from '../../src/spec/schema.ts';
import { interpolate } from '../../src/sim/result.ts';

/** Two stnoPhase oscillators on one RF line, biased to natural frequencies F1 and F2 (Hz). */
export function twoOscillators(F1: number, F2: number, opts: { k?: number; stop?: number; tmax?: number; reltol?: number } = {}): DescriptionInput {
  const kappa = 4e10;
  const F0 = 4.4e8;
  const osc = (i: number) => ({
    name: `osc${i}`,
    kind: 'stnoPhase',
    nets: { bias: `b${i}`, phase: `p${i}`, busS: 'S', busC: 'C' },
    params: { k: opts.k ?? 1e7 },
    initial: { phase: i === 1 ? 0 : 1 },
  });
  return {
    name: `two STNOs F1=${F1} F2=${F2}`,
    instances: [osc(1), osc(2), { name: 'line', kind: 'phaseBus', nets: { S: 'S', C: 'C' } }],
    sources: [
      { name: 'bias1', type: 'I', nets: { p: '0', n: 'b1' }, dc: (F1 - F0) / kappa },
      { name: 'bias2', type: 'I', nets: { p: '0', n: 'b2' }, dc: (F2 - F0) / kappa },
    ],
    analyses: [{ type: 'tran', step: 1e-10, stop: opts.stop ?? 1e-6, tmax: opts.tmax ?? 1e-10 }],
    options: { reltol: opts.reltol ?? 1e-6 },
    save: ['p1', 'p2'],
  };
}

/** Mean frequency (Hz) over [t0, t1] of a phase trace in a frame rotating at fref. */
export function meanFrequency(time: Float64Array, phase: Float64Array, t0: number, t1: number, fref: number): number {
  return fref + (interpolate(time, phase, t1) - interpolate(time, phase, t0)) / (2 * Math.PI * (t1 - t0));
}

/**
 * Beat frequency from whole phase slips of the difference `dphi` after `tStart`: the times at which dphi crosses
 * successive multiples of 2*pi (linear interpolation), (last - first slip count) / (last - first time).
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
