// Back-annotation of a trained spintronic network (paper 001) into a circuit description, its readout, and the inverse map.
import { InputError } from '../../errors.ts';
import type { SimResult } from '../../sim/result.ts';
import { interpolate } from '../../sim/result.ts';
import type { DescriptionInput } from '../../spec/schema.ts';
import { gammaOf, type DynamicalConfig } from '../../surrogate/dynamical/config.ts';
import type { DynamicalModel } from '../../surrogate/dynamical/model.ts';
import type { DynamicalParams } from '../../surrogate/dynamical/params.ts';

/*
 * One neuron i of layer l (surrogate units: time ns, rates 1/ns):
 *   synapses  g = kappa W / R_sum   (linear transconductances from presynaptic y, or the input u, into node s)
 *   summing   R_sum from s to ground: v(s) = kappa * sum_j W_ij v_j
 *   amplifier cmosAmp gain S, offset kappa (S b_i + b_fixed): v(d) = kappa I_i, I_i = S (sum_j W_ij v_j + b_i) + b_fixed
 *   neuron    stnoPower gamma = 1/tau, sigma: I (1/s) = sigma v(d), so kappa = 1e9 / sigma converts 1/ns to volts
 *   filter    highPass (series C, shunt R_filter) from x to y with the model's f_cut
 * Readout c: synapses g = wout_ci / R_sum from the last layer's y into node o_c's summing node, a unity-gain cmosAmp with
 * offset bout_c; v(o_c) is the logit, read at t = steps * dt_input. The input is a PWL voltage u = inputScale * pixel.
 */

export interface DynamicalCircuitOptions {
  /** Summing-node resistance R_sum (ohm); synapse g = kappa W / R_sum. Default 10 kohm (|W| ~ 1/ns -> ~100 uA/V). */
  sumResistance?: number;
  /** stnoPower drive conversion sigma, 1/(V s). Default 1e9 (1 V of drive = a rate of 1/ns). */
  sigma?: number;
  /** Shunt resistor of the high-pass filters (ohm); C = 1/(2 pi R f_cut). Default 1 Mohm (159 fF at 1 MHz). */
  filterResistance?: number;
  /** Single-pole bandwidth of the S and readout amplifiers (Hz). Default 100 GHz (transparent at 1 ns inputs). */
  ampBandwidth?: number;
  /** Rise time of each input step of the PWL source (s). Default 1 ps. */
  inputRise?: number;
  /** Largest transient step (s). Default dt_input / 10. */
  tmax?: number;
  /** ngspice reltol; default 1e-4. */
  reltol?: number;
  /** Save the readout outputs only (default), or also every neuron's x and y. */
  save?: 'outputs' | 'neurons';
}

/** Resolved circuit constants (SI) and the naming scheme shared by the builder, the readout and the inverse map. */
export interface CircuitScales {
  sumResistance: number;
  sigma: number;
  /** Volts per 1/ns of drive or weighted sum: kappa = 1e9 / sigma. */
  kappa: number;
  filterResistance: number;
  ampBandwidth: number;
}

export function circuitScales(o: DynamicalCircuitOptions = {}): CircuitScales {
  const sigma = o.sigma ?? 1e9;
  const pos = (v: number, f: string) => {
    if (!(Number.isFinite(v) && v > 0)) throw new InputError(`must be a positive number, got ${v}`, f);
    return v;
  };
  return {
    sumResistance: pos(o.sumResistance ?? 1e4, 'sumResistance'),
    sigma: pos(sigma, 'sigma'),
    kappa: 1e9 / sigma,
    filterResistance: pos(o.filterResistance ?? 1e6, 'filterResistance'),
    ampBandwidth: pos(o.ampBandwidth ?? 1e11, 'ampBandwidth'),
  };
}

/** Net and instance names: neuron i of layer l, readout output c. */
export const circuitNames = {
  x: (l: number, i: number) => `x${l}_${i}`,
  y: (l: number, i: number) => `y${l}_${i}`,
  sum: (l: number, i: number) => `s${l}_${i}`,
  drive: (l: number, i: number) => `d${l}_${i}`,
  neuron: (l: number, i: number) => `N${l}_${i}`,
  filter: (l: number, i: number) => `F${l}_${i}`,
  amp: (l: number, i: number) => `A${l}_${i}`,
  load: (l: number, i: number) => `R${l}_${i}`,
  /** Synapse into neuron (l, i) from input p, from neuron j of layer l-1 (ext) or of layer l (int). */
  synIn: (l: number, i: number, p: number) => `Wu${l}_${i}_${p}`,
  synExt: (l: number, i: number, j: number) => `We${l}_${i}_${j}`,
  synInt: (l: number, i: number, j: number) => `Wi${l}_${i}_${j}`,
  input: (p: number) => `u${p}`,
  out: (c: number) => `o${c}`,
  outSum: (c: number) => `so${c}`,
  outAmp: (c: number) => `AO${c}`,
  outLoad: (c: number) => `RO${c}`,
  synOut: (c: number, i: number) => `Wo${c}_${i}`,
};

function requireSpintronic(cfg: DynamicalConfig): void {
  if (cfg.model !== 'spintronic') throw new InputError(`only the spintronic network maps onto stnoPower devices, got ${cfg.model}`, 'config.model');
}

type InstanceInput = DescriptionInput['instances'][number];

/** The device instances (no sources, no analysis) that realise the trained network: every parameter in SI units. */
export function networkInstances(m: DynamicalModel, o: DynamicalCircuitOptions = {}): InstanceInput[] {
  const { cfg, masks, params } = m;
  requireSpintronic(cfg);
  const k = circuitScales(o);
  const n = circuitNames;
  const { layers: L, width: N, inputs: P } = cfg;
  const g = (w: number) => (k.kappa * w) / k.sumResistance;
  const out: InstanceInput[] = [];
  for (let l = 0; l < L; l++) {
    for (let i = 0; i < N; i++) {
      out.push({ name: n.neuron(l, i), kind: 'stnoPower', nets: { drive: n.drive(l, i), x: n.x(l, i) }, params: { gamma: gammaOf(cfg) * 1e9, sigma: k.sigma }, initial: { x: cfg.x0 } });
      out.push({ name: n.filter(l, i), kind: 'highPass', nets: { in: n.x(l, i), out: n.y(l, i) }, params: { fcut: cfg.fCutGHz * 1e9, R: k.filterResistance } });
      out.push({ name: n.load(l, i), kind: 'resistor', nets: { p: n.sum(l, i), n: '0' }, params: { R: k.sumResistance } });
      out.push({
        name: n.amp(l, i),
        kind: 'cmosAmp',
        nets: { inp: n.sum(l, i), inn: '0', out: n.drive(l, i) },
        params: { gain: cfg.S, offset: k.kappa * (cfg.S * params.b[l][i] + cfg.bFixedPerNs), vmin: -100, vmax: 100, fbw: k.ampBandwidth },
      });
      if (l === 0) {
        for (let p = 0; p < P; p++) if (masks.win[i * P + p]) out.push({ name: n.synIn(l, i, p), kind: 'synapseGm', nets: { inp: n.input(p), inn: '0', out: n.sum(l, i) }, params: { gm: g(params.win[i * P + p]) } });
      } else {
        for (let j = 0; j < N; j++) if (masks.wext[l - 1][i * N + j]) out.push({ name: n.synExt(l, i, j), kind: 'synapseGm', nets: { inp: n.y(l - 1, j), inn: '0', out: n.sum(l, i) }, params: { gm: g(params.wext[l - 1][i * N + j]) } });
      }
      for (let j = 0; j < N; j++) if (masks.wint[l][i * N + j]) out.push({ name: n.synInt(l, i, j), kind: 'synapseGm', nets: { inp: n.y(l, j), inn: '0', out: n.sum(l, i) }, params: { gm: g(params.wint[l][i * N + j]) } });
    }
  }
  for (let c = 0; c < cfg.classes; c++) {
    out.push({ name: n.outLoad(c), kind: 'resistor', nets: { p: n.outSum(c), n: '0' }, params: { R: k.sumResistance } });
    out.push({ name: n.outAmp(c), kind: 'cmosAmp', nets: { inp: n.outSum(c), inn: '0', out: n.out(c) }, params: { gain: 1 / k.kappa, offset: params.bout[c], vmin: -1e3, vmax: 1e3, fbw: k.ampBandwidth } });
    for (let i = 0; i < N; i++) out.push({ name: n.synOut(c, i), kind: 'synapseGm', nets: { inp: n.y(L - 1, i), inn: '0', out: n.outSum(c) }, params: { gm: g(params.wout[c * N + i]) } });
  }
  return out;
}

/** PWL points of one input channel: value inputScale * sample held over [k dt, (k+1) dt), steps of `rise` seconds. */
export function inputWaveform(cfg: DynamicalConfig, sequence: ArrayLike<number>, channel: number, rise: number): [number, number][] {
  const P = cfg.inputs;
  const T = sequence.length / P;
  const dt = cfg.dtInputNs * 1e-9;
  const pts: [number, number][] = [];
  for (let t = 0; t < T; t++) {
    const v = cfg.inputScale * sequence[t * P + channel];
    pts.push([t === 0 ? 0 : t * dt + rise, v], [(t + 1) * dt, v]);
  }
  return pts;
}

/**
 * The circuit description of a trained spintronic network processing one sequence (for digits: 64 raw pixels):
 * instances from networkInstances, one PWL voltage source per input channel, a transient over the whole sequence.
 */
export function dynamicalCircuit(m: DynamicalModel, sequence: ArrayLike<number>, o: DynamicalCircuitOptions = {}): DescriptionInput {
  const { cfg } = m;
  requireSpintronic(cfg);
  if (sequence.length === 0 || sequence.length % cfg.inputs !== 0) throw new InputError(`must hold steps x ${cfg.inputs} values, got ${sequence.length}`, 'sequence');
  const T = sequence.length / cfg.inputs;
  const dt = cfg.dtInputNs * 1e-9;
  const rise = o.inputRise ?? 1e-12;
  const n = circuitNames;
  const L = cfg.layers;
  const save = Array.from({ length: cfg.classes }, (_, c) => n.out(c));
  if (o.save === 'neurons') for (let l = 0; l < L; l++) for (let i = 0; i < cfg.width; i++) save.push(n.x(l, i), n.y(l, i));
  return {
    name: `dynamical STNO network (${L} x ${cfg.width} stnoPower, ${m.task}, seed ${m.seed}) on one ${T}-step sequence`,
    seed: m.seed,
    instances: networkInstances(m, o),
    sources: Array.from({ length: cfg.inputs }, (_, p) => {
      const points = inputWaveform(cfg, sequence, p, rise);
      return { name: `in${p}`, type: 'V' as const, nets: { p: n.input(p), n: '0' }, dc: points[0][1], waveform: { shape: 'pwl' as const, points } };
    }),
    analyses: [{ type: 'tran', step: dt / 10, stop: T * dt, tmax: o.tmax ?? dt / 10 }],
    options: { reltol: o.reltol ?? 1e-4, method: 'gear' },
    save,
  };
}

/** What the circuit computed: logits at the end (the readout), the predicted class, and the logit trajectories at k dt. */
export interface CircuitReadout {
  /** v(o_c) at t = steps * dt_input. */
  outputs: number[];
  predicted: number;
  /** Sample times k * dt_input (ns), k = 1..steps. */
  tNs: number[];
  /** outputs[c][k-1] = v(o_c) at k dt_input. */
  trajectories: number[][];
}

/** Read the 10 outputs of a transient of dynamicalCircuit (interpolated at the end of each input interval). */
export function circuitReadout(cfg: DynamicalConfig, r: SimResult, steps: number): CircuitReadout {
  const time = r.variables.time;
  if (!time) throw new InputError('the simulation result has no time vector (not a transient)', 'result');
  const tNs = Array.from({ length: steps }, (_, k) => (k + 1) * cfg.dtInputNs);
  const trajectories = Array.from({ length: cfg.classes }, (_, c) => {
    const v = r.variables[`v(${circuitNames.out(c)})`];
    if (!v) throw new InputError(`the simulation result has no v(${circuitNames.out(c)})`, 'result');
    return tNs.map((t) => interpolate(time, v, t * 1e-9));
  });
  const outputs = trajectories.map((tr) => tr[tr.length - 1]);
  const predicted = outputs.reduce((best, v, c) => (v > outputs[best] ? c : best), 0);
  return { outputs, predicted, tNs, trajectories };
}

/**
 * The inverse of networkInstances: trained values recovered from device parameters (synapse g, amplifier offsets),
 * given the model's config and masks. Used to check the round trip and to read back a (mismatched) circuit.
 */
export function weightsFromInstances(m: Pick<DynamicalModel, 'cfg' | 'masks'>, instances: readonly InstanceInput[], o: DynamicalCircuitOptions = {}): DynamicalParams {
  const { cfg, masks } = m;
  requireSpintronic(cfg);
  const k = circuitScales(o);
  const n = circuitNames;
  const { layers: L, width: N, inputs: P, classes: C } = cfg;
  const byName = new Map(instances.map((inst) => [inst.name, inst]));
  const param = (name: string, key: string): number => {
    const v = byName.get(name)?.params?.[key];
    if (typeof v !== 'number') throw new InputError(`instance ${name} has no numeric ${key}`, `instances.${name}.params.${key}`);
    return v;
  };
  const w = (name: string) => (param(name, 'gm') * k.sumResistance) / k.kappa;
  const fill = (rows: number, cols: number, mask: Uint8Array | undefined, name: (i: number, j: number) => string) =>
    Float32Array.from({ length: rows * cols }, (_, q) => (mask && !mask[q] ? 0 : w(name(Math.floor(q / cols), q % cols))));
  return {
    win: fill(N, P, masks.win, (i, p) => n.synIn(0, i, p)),
    wext: masks.wext.map((mask, l) => fill(N, N, mask, (i, j) => n.synExt(l + 1, i, j))),
    wint: masks.wint.map((mask, l) => fill(N, N, mask, (i, j) => n.synInt(l, i, j))),
    b: Array.from({ length: L }, (_, l) => Float32Array.from({ length: N }, (_, i) => (param(n.amp(l, i), 'offset') / k.kappa - cfg.bFixedPerNs) / cfg.S)),
    wout: fill(C, N, undefined, (c, i) => n.synOut(c, i)),
    bout: Float32Array.from({ length: C }, (_, c) => param(n.outAmp(c), 'offset')),
  };
}
