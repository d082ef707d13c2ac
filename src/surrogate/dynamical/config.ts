// Network hyper-parameters of the layered dynamical network (paper 001, PHYSICS.md section 2); time in ns, rates in 1/ns.
import { InputError } from '../../errors.ts';

/** Neuron kind: the STNO power neuron (Slavin, Q = 0) or the CTRNN software baseline. */
export type NeuronModel = 'spintronic' | 'ctrnn';

/** Everything that fixes the continuous-time network and its discretisation (not the trained values). */
export interface DynamicalConfig {
  readonly model: NeuronModel;
  readonly layers: number;
  readonly width: number;
  readonly inputs: number;
  readonly classes: number;
  /** Relaxation time tau = 1/gamma (ns). */
  readonly tauNs: number;
  /** Amplification S between layers. */
  readonly S: number;
  /** Fixed bias b_fixed (1/ns): 2 gamma for the STNO (rest point x = 1/2), 0 for the CTRNN. */
  readonly bFixedPerNs: number;
  /** High-pass cut-off f_cut (GHz); the filter is used by the STNO network only. */
  readonly fCutGHz: number;
  /** Neuron state at reset: 1/2 for the STNO, 0 for the CTRNN. */
  readonly x0: number;
  /** Interval between input points (ns). */
  readonly dtInputNs: number;
  /** Classical RK4 steps per input interval (step h = dtInput / substeps). */
  readonly substeps: number;
  /** Fraction of interlayer (input -> layer 0 included) and intralayer connections kept by the fixed masks. */
  readonly densityInter: number;
  readonly densityIntra: number;
  /** Input drive u = inputScale * pixel (pixels 0..16 -> 0..1). */
  readonly inputScale: number;
}

/** Largest RK4 step (ns) the substep rule allows: h = dtInput / ceil(dtInput / maxStep). */
export const MAX_STEP_NS = 0.5;

/** Number of RK4 steps per input interval so that h <= maxStep (at least 2: always a sub-step). */
export function substepsFor(dtInputNs: number, maxStepNs = MAX_STEP_NS): number {
  return Math.max(2, Math.ceil(dtInputNs / maxStepNs - 1e-9));
}

/** The paper's network (3 layers of 32, tau 14.12 ns, S 0.5, f_cut 1 MHz, density 0.5, 1 ns inputs). */
export function paperConfig(over: Partial<DynamicalConfig> = {}): DynamicalConfig {
  const model = over.model ?? 'spintronic';
  const tauNs = over.tauNs ?? 14.12;
  const dtInputNs = over.dtInputNs ?? 1;
  const cfg: DynamicalConfig = {
    model,
    layers: 3,
    width: 32,
    inputs: 1,
    classes: 10,
    tauNs,
    S: 0.5,
    bFixedPerNs: model === 'spintronic' ? 2 / tauNs : 0,
    fCutGHz: 1e-3,
    x0: model === 'spintronic' ? 0.5 : 0,
    dtInputNs,
    substeps: substepsFor(dtInputNs),
    densityInter: 0.5,
    densityIntra: 0.5,
    inputScale: 1 / 16,
    ...over,
  };
  validateConfig(cfg);
  return cfg;
}

/** Throw InputError naming the first field out of range. */
export function validateConfig(c: DynamicalConfig): void {
  const pos = (v: number, f: string) => {
    if (!(Number.isFinite(v) && v > 0)) throw new InputError(`must be a positive number, got ${v}`, f);
  };
  const int = (v: number, f: string) => {
    if (!(Number.isInteger(v) && v >= 1)) throw new InputError(`must be a positive integer, got ${v}`, f);
  };
  if (c.model !== 'spintronic' && c.model !== 'ctrnn') throw new InputError(`must be spintronic or ctrnn, got ${c.model}`, 'model');
  int(c.layers, 'layers');
  int(c.width, 'width');
  int(c.inputs, 'inputs');
  int(c.classes, 'classes');
  int(c.substeps, 'substeps');
  pos(c.tauNs, 'tau');
  pos(c.S, 'S');
  pos(c.fCutGHz, 'fCut');
  pos(c.dtInputNs, 'dt-input');
  pos(c.inputScale, 'inputScale');
  for (const [v, f] of [[c.densityInter, 'density-inter'], [c.densityIntra, 'density-intra']] as const) {
    if (!(v >= 0 && v <= 1)) throw new InputError(`must be in [0, 1], got ${v}`, f);
  }
}

/** Damping gamma = 1/tau (1/ns). */
export const gammaOf = (c: DynamicalConfig): number => 1 / c.tauNs;
/** Filter rate omega_cut = 2 pi f_cut (1/ns). */
export const omegaCutOf = (c: DynamicalConfig): number => 2 * Math.PI * c.fCutGHz;
/** RK4 step h (ns). */
export const stepOf = (c: DynamicalConfig): number => c.dtInputNs / c.substeps;
