// Device mismatch of a back-annotated dynamical STNO network: knobs and spreads from the device tables, one seeded draw applied to the surrogate or to the circuit.
import { cmosAmp } from '../devices/cmosAmp.ts';
import type { Spread } from '../devices/device.ts';
import { highPass } from '../devices/highPass.ts';
import { stnoPower } from '../devices/stnoPower.ts';
import { synapseGm } from '../devices/synapseGm.ts';
import { circuitNames, circuitScales, networkInstances, type DynamicalCircuitOptions } from '../architectures/dynamical/circuit.ts';
import { InputError } from '../errors.ts';
import { createRng } from '../random/rng.ts';
import type { NeuronRates } from '../surrogate/dynamical/kernel.ts';
import { gammaOf, omegaCutOf } from '../surrogate/dynamical/config.ts';
import type { DynamicalModel } from '../surrogate/dynamical/model.ts';
import type { DynamicalParams } from '../surrogate/dynamical/params.ts';
import { parseQuantity } from '../units/quantity.ts';
import { knobTableSpreads, type KnobSource } from './mismatch.ts';

/** Where a knob acts: one value per neuron (its amplifier, STNO or filter) or one per synapse (readout included). */
type Site = 'neurons' | 'synapses';

interface Knob extends KnobSource {
  readonly site: Site;
}

export type DynamicalKnob = 'gamma' | 'S' | 'R' | 'C' | 'gm' | 'bfixed';

/** The knobs in sampling order (the order is part of the replay contract). */
export const DYNAMICAL_KNOBS: Readonly<Record<DynamicalKnob, Knob>> = {
  gamma: { device: stnoPower, param: 'gamma', site: 'neurons', doc: 'STNO relaxation rate gamma = 1/tau (stnoPower.gamma)' },
  S: { device: cmosAmp, param: 'gain', site: 'neurons', doc: 'gain S of the neuron amplifier (cmosAmp.gain)' },
  R: { device: highPass, param: 'R', site: 'neurons', doc: 'high-pass shunt resistor (highPass.R)' },
  C: { device: highPass, param: 'fcut', site: 'neurons', doc: 'high-pass series capacitor (its tolerance is the table spread of highPass.fcut)' },
  gm: { device: synapseGm, param: 'gm', site: 'synapses', doc: 'synaptic transconductance programming error (synapseGm.gm)' },
  bfixed: { device: cmosAmp, param: 'offset', site: 'neurons', doc: 'offset of the neuron amplifier, which sets b_fixed (cmosAmp.offset)' },
};
export const DYNAMICAL_KNOB_NAMES = Object.keys(DYNAMICAL_KNOBS) as DynamicalKnob[];

export type DynamicalSpreads = Record<DynamicalKnob, Pick<Spread, 'kind' | 'sigma'>>;

/** The spreads of the device parameter tables. */
export function dynamicalTableSpreads(): DynamicalSpreads {
  return knobTableSpreads(DYNAMICAL_KNOBS);
}

/** Every knob at zero spread (the nominal circuit). */
export function dynamicalNoSpreads(): DynamicalSpreads {
  const table = dynamicalTableSpreads();
  return Object.fromEntries(DYNAMICAL_KNOB_NAMES.map((n) => [n, { ...table[n], sigma: 0 }])) as DynamicalSpreads;
}

/** Applies "name=value" overrides: relative knobs take a fraction or a percentage ("gm=2%"), bfixed a voltage ("bfixed=5mV"). */
export function overrideDynamicalSpreads(base: DynamicalSpreads, overrides: readonly string[], field = '--spread'): DynamicalSpreads {
  const out = { ...base };
  for (const text of overrides) {
    const m = /^([A-Za-z0-9]+)\s*=\s*(.+)$/.exec(text.trim());
    if (!m) throw new InputError(`expected name=value, got ${JSON.stringify(text)}`, field);
    const name = m[1] as DynamicalKnob;
    if (!(name in DYNAMICAL_KNOBS)) throw new InputError(`unknown knob '${m[1]}' (one of ${DYNAMICAL_KNOB_NAMES.join(', ')})`, field);
    const { kind } = base[name];
    const raw = m[2].trim();
    const knob = DYNAMICAL_KNOBS[name];
    const sigma =
      kind === 'relative'
        ? raw.endsWith('%')
          ? parseQuantity(raw.slice(0, -1), '', `${field} ${name}`) / 100
          : parseQuantity(raw, '', `${field} ${name}`)
        : parseQuantity(raw, knob.device.params[knob.param].unit, `${field} ${name}`);
    if (!(sigma >= 0) || (kind === 'relative' && sigma > 1)) throw new InputError(`${name} spread must be ${kind === 'relative' ? 'a fraction in [0, 1]' : '>= 0'}, got ${raw}`, field);
    out[name] = { kind, sigma };
  }
  return out;
}

/**
 * One draw: relative knobs as factors (1 + sigma z), bfixed as an offset in volts (sigma z). Per neuron in global order
 * l * width + i; gm per entry of win, wext[l], wint[l], wout (factor 1 where the mask has no synapse).
 */
export interface DynamicalDraw {
  readonly gamma: Float64Array;
  readonly S: Float64Array;
  readonly R: Float64Array;
  readonly C: Float64Array;
  readonly bfixed: Float64Array;
  readonly gm: { win: Float64Array; wext: Float64Array[]; wint: Float64Array[]; wout: Float64Array };
}

/** Per knob: the number of elements and the mean, std, min, max of their relative deviation (bfixed: of the offset in V). */
export type DrawSummary = Record<DynamicalKnob, { n: number; mean: number; std: number; min: number; max: number }>;

/**
 * A draw from createRng(seed): knobs in DYNAMICAL_KNOBS order, each element one N(0, 1) also at zero spread, so a knob's
 * draws are the same whatever the other knobs' spreads (one-at-a-time sensitivity reuses the full study's samples).
 */
export function drawDynamicalMismatch(m: Pick<DynamicalModel, 'cfg' | 'masks'>, spreads: DynamicalSpreads, seed: number): DynamicalDraw {
  const rng = createRng(seed);
  const { layers: L, width: N } = m.cfg;
  const vary = (name: DynamicalKnob) => {
    const { kind, sigma } = spreads[name];
    const z = rng.normal();
    return kind === 'relative' ? 1 + sigma * z : sigma * z;
  };
  const perNeuron = (name: DynamicalKnob) => Float64Array.from({ length: L * N }, () => vary(name));
  const gamma = perNeuron('gamma');
  const S = perNeuron('S');
  const R = perNeuron('R');
  const C = perNeuron('C');
  const masked = (mask: Uint8Array) => Float64Array.from(mask, (on) => (on ? vary('gm') : 1));
  const gm = {
    win: masked(m.masks.win),
    wext: m.masks.wext.map(masked),
    wint: m.masks.wint.map(masked),
    wout: Float64Array.from({ length: m.cfg.classes * N }, () => vary('gm')),
  };
  return { gamma, S, R, C, bfixed: perNeuron('bfixed'), gm };
}

/** Summary statistics of a draw (what trials.jsonl records; the full draw is reproducible from the trial seed). */
export function summarizeDraw(m: Pick<DynamicalModel, 'masks'>, d: DynamicalDraw): DrawSummary {
  const stats = (values: number[]) => {
    const n = values.length;
    const mean = values.reduce((s, v) => s + v, 0) / n;
    const std = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / Math.max(1, n - 1));
    const round = (v: number) => Number(v.toPrecision(6));
    return { n, mean: round(mean), std: round(std), min: round(Math.min(...values)), max: round(Math.max(...values)) };
  };
  const rel = (a: Float64Array) => Array.from(a, (v) => v - 1);
  const onMask = (a: Float64Array, mask: Uint8Array) => Array.from(a, (v) => v - 1).filter((_, k) => mask[k]);
  const gm = [...onMask(d.gm.win, m.masks.win), ...d.gm.wext.flatMap((a, l) => onMask(a, m.masks.wext[l])), ...d.gm.wint.flatMap((a, l) => onMask(a, m.masks.wint[l])), ...rel(d.gm.wout)];
  return { gamma: stats(rel(d.gamma)), S: stats(rel(d.S)), R: stats(rel(d.R)), C: stats(rel(d.C)), gm: stats(gm), bfixed: stats(Array.from(d.bfixed)) };
}

/**
 * The surrogate of the mismatched circuit. The amplifier of neuron g gives I_g = S_g sum_k W'_gk v_k + S b_g + b_fixed
 * + offset_g / kappa (its gain multiplies the summed synaptic input, not its programmed offset), W' = W * gm factor;
 * folded into weights W''_gk = W'_gk S_g / S and biases b_g + offset_g / (kappa S), and per-neuron rates
 * gamma_g and omega_g = omega_cut / (R factor * C factor). Exact: the circuit obeys these equations.
 */
export function mismatchedSurrogate(m: DynamicalModel, d: DynamicalDraw, o: DynamicalCircuitOptions = {}): { model: DynamicalModel; rates: NeuronRates } {
  const { cfg, params } = m;
  const { layers: L, width: N, inputs: P } = cfg;
  const { kappa } = circuitScales(o);
  const rowScaled = (w: Float32Array, f: Float64Array, l: number, cols: number) => Float32Array.from(w, (v, k) => v * f[k] * d.S[l * N + Math.floor(k / cols)]);
  const p: DynamicalParams = {
    win: rowScaled(params.win, d.gm.win, 0, P),
    wext: params.wext.map((w, l) => rowScaled(w, d.gm.wext[l], l + 1, N)),
    wint: params.wint.map((w, l) => rowScaled(w, d.gm.wint[l], l, N)),
    b: params.b.map((b, l) => Float32Array.from(b, (v, i) => v + d.bfixed[l * N + i] / (kappa * cfg.S))),
    wout: Float32Array.from(params.wout, (v, k) => v * d.gm.wout[k]),
    bout: Float32Array.from(params.bout),
  };
  return {
    model: { ...m, params: p },
    rates: { gamma: Array.from(d.gamma, (f) => f * gammaOf(cfg)), omega: Array.from({ length: L * N }, (_, g) => omegaCutOf(cfg) / (d.R[g] * d.C[g])) },
  };
}

/** The device instances of the mismatched circuit: networkInstances of the nominal network with each knob applied to its device. */
export function mismatchedInstances(m: DynamicalModel, d: DynamicalDraw, o: DynamicalCircuitOptions = {}): ReturnType<typeof networkInstances> {
  const { layers: L, width: N, inputs: P } = m.cfg;
  const n = circuitNames;
  const factor = new Map<string, number>();
  const site = new Map<string, number>();
  for (let l = 0; l < L; l++) {
    for (let i = 0; i < N; i++) {
      const g = l * N + i;
      for (const name of [n.neuron(l, i), n.filter(l, i), n.amp(l, i)]) site.set(name, g);
      if (l === 0) for (let p = 0; p < P; p++) factor.set(n.synIn(l, i, p), d.gm.win[i * P + p]);
      else for (let j = 0; j < N; j++) factor.set(n.synExt(l, i, j), d.gm.wext[l - 1][i * N + j]);
      for (let j = 0; j < N; j++) factor.set(n.synInt(l, i, j), d.gm.wint[l][i * N + j]);
    }
  }
  for (let c = 0; c < m.cfg.classes; c++) for (let i = 0; i < N; i++) factor.set(n.synOut(c, i), d.gm.wout[c * N + i]);
  return networkInstances(m, o).map((inst) => {
    const g = site.get(inst.name);
    const p = { ...inst.params } as Record<string, number>;
    if (inst.kind === 'synapseGm') p.gm *= factor.get(inst.name)!;
    else if (g !== undefined && inst.kind === 'stnoPower') p.gamma *= d.gamma[g];
    else if (g !== undefined && inst.kind === 'highPass') (p.R *= d.R[g]), (p.fcut /= d.R[g] * d.C[g]);
    else if (g !== undefined && inst.kind === 'cmosAmp') (p.gain *= d.S[g]), (p.offset += d.bfixed[g]);
    return { ...inst, params: p };
  });
}
