// RF waveform check of resonator chains: STNO sources on field lines, spinDiodeRf resonators, rectified DC vs eq. 6, crosstalk.
import { spinDiode } from '../devices/spinDiode.ts';
import { spinDiodeRf } from '../devices/spinDiodeRf.ts';
import type { SimResult } from '../sim/result.ts';
import type { DescriptionInput } from '../spec/schema.ts';

/** One channel of a chain: STNO frequency f (Hz) and power P (W) on its own field line, resonator at fres (Hz). */
export interface RfChannel {
  readonly f: number;
  readonly P: number;
  readonly fres: number;
}

export interface RfRun {
  /** Corner of each resonator's RC low-pass (Hz). */
  readonly fcut: number;
  /** Transient length and the final window the DC value is averaged over (s). */
  readonly stop: number;
  readonly window: number;
  /** Largest time step (s): the tank's frequency warps by ~(2 pi f tmax)^2 / 12 under trapezoidal integration. */
  readonly tmax: number;
}

const rf = spinDiodeRf.defaults();

/** Amplitude of the STNO current on a field line that delivers power P: P = Rline i0^2 / 2. */
export const lineCurrent = (P: number) => Math.sqrt((2 * P) / rf.Rline);

/** Eq. 6: the DC voltage an ideal spin diode rectifies (the spinDiode device equation). */
export const antiLorentzian = (c: RfChannel) => c.P * spinDiode.fn.weight({ f: c.f, fres: c.fres, alpha: rf.alpha, A: rf.A });

/**
 * Chains of resonators: chain g gets its own bus (a 1-ohm resistor) and its resonators in series from ground to net out<g>;
 * channel k of chain g is an STNO current source at f_k into field line l<g>_<k>. Chains share nothing, so one deck runs a sweep
 * (one resonator per chain) or the same channels on one bus and on separate buses (the crosstalk comparison).
 */
export function rfChainsDescription(name: string, chains: readonly (readonly RfChannel[])[], run: RfRun): DescriptionInput {
  const instances: DescriptionInput['instances'] = [];
  const sources: NonNullable<DescriptionInput['sources']> = [];
  chains.forEach((channels, g) => {
    instances.push({ name: `bus${g}`, kind: 'resistor', nets: { p: `b${g}`, n: '0' }, params: { R: rf.Rbus } });
    channels.forEach((c, k) => {
      const top = k === channels.length - 1 ? `out${g}` : `c${g}_${k + 1}`;
      instances.push({ name: `r${g}_${k}`, kind: 'spinDiodeRf', nets: { lp: `l${g}_${k}`, ln: '0', bus: `b${g}`, p: top, n: k === 0 ? '0' : `c${g}_${k}` }, params: { fres: c.fres, fcut: run.fcut } });
      sources.push({ name: `stno${g}_${k}`, type: 'I', nets: { p: '0', n: `l${g}_${k}` }, dc: 0, waveform: { shape: 'sin', offset: 0, amplitude: lineCurrent(c.P), freq: c.f, delay: 0 } });
    });
  });
  return {
    name,
    instances,
    sources,
    analyses: [{ type: 'tran', step: run.tmax * 20, stop: run.stop, tmax: run.tmax }],
    save: chains.map((_, g) => `out${g}`),
  };
}

/** Mean (trapezoid) and peak-to-peak of v(out<g>) over the final window. */
export function windowStats(result: SimResult, g: number, run: RfRun): { mean: number; ripple: number } {
  const t = result.variables.time;
  const v = result.variables[`v(out${g})`];
  const from = run.stop - run.window;
  let area = 0;
  let span = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = 1; k < t.length; k++) {
    if (t[k] <= from) continue;
    const t0 = Math.max(t[k - 1], from);
    const v0 = t[k - 1] < from ? v[k - 1] + ((v[k] - v[k - 1]) * (from - t[k - 1])) / (t[k] - t[k - 1]) : v[k - 1];
    area += 0.5 * (v0 + v[k]) * (t[k] - t0);
    span += t[k] - t0;
    lo = Math.min(lo, v[k]);
    hi = Math.max(hi, v[k]);
  }
  return { mean: area / span, ripple: hi - lo };
}

/** Channels of one chain at eq. 3 spacing scaled by `spacing` (1 = paper: f[k+1] = f[k] (1 + d)/(1 - d), d = 1/qOsc). */
export function chainChannels(f0: number, qOsc: number, spacing: number, zetas: readonly number[], powers: readonly number[]): RfChannel[] {
  const d = 1 / qOsc;
  const ratio = 1 + ((1 + d) / (1 - d) - 1) * spacing;
  return zetas.map((z, k) => {
    const f = f0 * ratio ** k;
    return { f, P: powers[k], fres: f * (1 - z) };
  });
}
