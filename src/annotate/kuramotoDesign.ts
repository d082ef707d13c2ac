// Trained Kuramoto classifier <-> device parameters of its circuit (transconductance synapses, bias drivers, STNOs), as a round-trip pair.
import { stnoPhase, stnoPhaseFrequency } from '../devices/stnoPhase.ts';
import { InputError } from '../errors.ts';
import type { KuramotoClassifier } from '../architectures/kuramoto/model.ts';

/**
 * The circuit that realises F = W [z; 1] (z = scaled features in [0, 1]):
 *   input j (and a reference input, the "1") is a voltage v_j = z_j * fullScale;
 *   synapse (i, j) is a programmable transconductor gm_ij into oscillator i's summing node, loaded by rSum;
 *   driver i is a transconductor gmDriver_i from the summing node into the STNO's bias: I_i = gmDriver_i * rSum * sum_j gm_ij v_j;
 *   oscillator i is an stnoPhase with F = F0 + kappa * I_i (clamped to its tuning range), coupled on one phaseBus.
 * Nominally gmDriver = 1 / rSum, so I_i = sum_j gm_ij v_j and gm_ij = unit * W_ij / (kappa * fullScale) for the inputs,
 * gm_i,ref = (unit * W_i,ref - F0) / (kappa * fullScale) for the reference column.
 */
export interface KuramotoDesign {
  readonly n: number;
  readonly inputs: number;
  /** Full-scale input voltage (V): v_j = z_j * fullScale; the reference input sits at fullScale. */
  readonly fullScale: number;
  /** Load of each summing node (ohm). */
  readonly rSum: number;
  /** Synapse transconductances (A/V), n x (inputs + 1) (last column: reference input), synapseGm parameters. */
  readonly synapses: readonly (readonly number[])[];
  /** Bias drivers, one per oscillator, cmosGm parameters. */
  readonly drivers: readonly TransconductorParams[];
  /** stnoPhase parameters per oscillator (all of the device's parameters). */
  readonly oscillators: readonly Readonly<Record<string, number>>[];
  /** Output pairs of the read-out and the nominal coupling (Hz) that scales D. */
  readonly outputPairs: readonly (readonly [number, number])[];
  readonly couplingHz: number;
}

export interface TransconductorParams {
  readonly gm: number;
  readonly ioffset: number;
}

/** Knobs of the annotation (defaults in DEFAULT_ANNOTATION). */
export interface AnnotationOptions {
  readonly fullScale: number;
  readonly rSum: number;
  /** Largest |gm| a synapse can be programmed to (A/V): beyond it the design is reported out of range. */
  readonly gmMax: number;
}

export const DEFAULT_ANNOTATION: AnnotationOptions = Object.freeze({ fullScale: 1, rSum: 1e3, gmMax: 20e-3 });

/** A value the circuit cannot realise as asked: reported, never silently clipped. */
export interface OutOfRange {
  readonly element: string;
  readonly field: string;
  readonly value: number;
  readonly allowed: readonly [number, number];
  readonly note: string;
}

/** Trained weights -> device parameters. Throws for a reference architecture (its inputs are oscillators, not currents). */
export function annotateClassifier(model: KuramotoClassifier, options: Partial<AnnotationOptions> = {}): KuramotoDesign {
  const o = { ...DEFAULT_ANNOTATION, ...options };
  const d = model.description;
  if (d.arch !== 'extended') throw new InputError(`back-annotation supports the extended classifier (F = W [x; 1]), got '${d.arch}'`, 'description.arch');
  const base = { ...stnoPhase.defaults(), k: d.settings.coupling, Fmin: d.tuningRangeMHz[0] * 1e6, Fmax: d.tuningRangeMHz[1] * 1e6 };
  const unitHz = d.frequencyUnitMHz * 1e6;
  const W = model.weightValues();
  const synapses = W.map((row) =>
    row.map((w, j) => (j < d.inputs ? (unitHz * w) / (base.kappa * o.fullScale) : (unitHz * w - base.F0) / (base.kappa * o.fullScale))),
  );
  return {
    n: d.n,
    inputs: d.inputs,
    fullScale: o.fullScale,
    rSum: o.rSum,
    synapses,
    drivers: Array.from({ length: d.n }, () => ({ gm: 1 / o.rSum, ioffset: 0 })),
    oscillators: Array.from({ length: d.n }, () => ({ ...base })),
    outputPairs: d.outputPairs,
    couplingHz: d.settings.coupling,
  };
}

/** Device parameters -> weights (units of `frequencyUnitMHz`), the inverse of annotateClassifier for a nominal design. */
export function weightsOfDesign(design: KuramotoDesign, frequencyUnitMHz: number): number[][] {
  const unitHz = frequencyUnitMHz * 1e6;
  return design.synapses.map((row, i) => {
    const { F0, kappa } = design.oscillators[i];
    const gain = design.drivers[i].gm * design.rSum;
    return row.map((gm, j) => (j < design.inputs ? gm * gain * kappa * design.fullScale : gm * gain * kappa * design.fullScale + F0) / unitHz);
  });
}

/** Input voltages (V) of one example, scaled features z in [0, 1], reference input last. */
export function inputVoltages(design: KuramotoDesign, z: readonly number[]): number[] {
  if (z.length !== design.inputs) throw new RangeError(`expected ${design.inputs} scaled features, got ${z.length}`);
  return [...z.map((v) => v * design.fullScale), design.fullScale];
}

/** Bias current (A) of every oscillator for one example, from the linear circuit (summing nodes, drivers). */
export function biasCurrents(design: KuramotoDesign, z: readonly number[]): number[] {
  const v = inputVoltages(design, z);
  return design.synapses.map((row, i) => {
    const summed = row.reduce((a, gm, j) => a + gm * v[j], 0);
    return design.drivers[i].gm * design.rSum * summed + design.drivers[i].ioffset;
  });
}

/** Natural frequencies (Hz) the circuit sets for one example: the stnoPhase equations (smooth clamp) applied to the bias currents. */
export function designFrequencies(design: KuramotoDesign, z: readonly number[]): number[] {
  return biasCurrents(design, z).map((I, i) => stnoPhaseFrequency(design.oscillators[i], I));
}

/** Coupling of each oscillator relative to the nominal coupling (device mismatch of k). */
export function couplingScale(design: KuramotoDesign): number[] {
  return design.oscillators.map((p) => p.k / design.couplingHz);
}

/**
 * What the circuit cannot realise for these examples (scaled features): synapses beyond +-gmMax and bias currents that leave the linear tuning range (there the STNO's clamp
 * sets F, as the surrogate's clip does; reported with the number of examples affected).
 */
export function checkDesign(design: KuramotoDesign, examples: readonly (readonly number[])[], gmMax = DEFAULT_ANNOTATION.gmMax): OutOfRange[] {
  const issues: OutOfRange[] = [];
  design.synapses.forEach((row, i) =>
    row.forEach((gm, j) => {
      const element = `syn${i}_${j < design.inputs ? j : 'ref'}`;
      if (Math.abs(gm) > gmMax) issues.push({ element, field: 'gm', value: gm, allowed: [-gmMax, gmMax], note: 'beyond the programmable transconductance range' });
    }),
  );
  const currents = examples.map((z) => biasCurrents(design, z));
  design.oscillators.forEach((p, i) => {
    const allowed: [number, number] = [(p.Fmin - p.F0) / p.kappa, (p.Fmax - p.F0) / p.kappa].sort((a, b) => a - b) as [number, number];
    const beyond = currents.map((c) => c[i]).filter((I) => I < allowed[0] || I > allowed[1]);
    if (beyond.length > 0) {
      const worst = beyond.reduce((a, I) => (Math.abs(I - (allowed[0] + allowed[1]) / 2) > Math.abs(a - (allowed[0] + allowed[1]) / 2) ? I : a));
      issues.push({
        element: `osc${i}`,
        field: 'I_bias',
        value: worst,
        allowed,
        note: `${beyond.length} of ${examples.length} examples drive the bias beyond the linear tuning range; the STNO clamps F to [${p.Fmin / 1e6}, ${p.Fmax / 1e6}] MHz there, as the surrogate's clip does`,
      });
    }
  });
  return issues;
}
