// A back-annotated Kuramoto classifier as a circuit description for one input example, and its read-out from a simulation.
import { desynchronization } from '../architectures/kuramoto/loss.ts';
import { meanFrequency } from '../analysis/phase.ts';
import type { DescriptionInput } from '../spec/schema.ts';
import type { SimResult } from '../sim/result.ts';
import { inputVoltages, type KuramotoDesign } from './kuramotoDesign.ts';

/** Transient settings of a classification run (paper 000: T = 1 us, f_bar over the last 0.5 us). */
export interface CircuitRun {
  /** Initial phases theta_i(0) (rad), the same the surrogate starts from. */
  readonly initialPhases: readonly number[];
  /** Seed of the deck (phase-noise PWL streams per instance). */
  readonly seed: number;
  readonly duration: number;
  readonly window: number;
  /** Largest time step (s); 100 ps keeps the phases within ~kHz of a 10 ps reference (ARCHITECTURE.md). */
  readonly tmax: number;
  readonly reltol: number;
}

export const DEFAULT_RUN: Omit<CircuitRun, 'initialPhases' | 'seed'> = Object.freeze({ duration: 1e-6, window: 0.5e-6, tmax: 1e-10, reltol: 1e-6 });

/**
 * The description of the classifier circuit for one example (scaled features z): reference + input voltage sources,
 * n x (inputs + 1) synapseGm synapses into summing resistors, one cmosGm driver per STNO bias, n stnoPhase on one phaseBus.
 */
export function classifierCircuit(design: KuramotoDesign, z: readonly number[], run: Partial<CircuitRun> & Pick<CircuitRun, 'initialPhases' | 'seed'>): DescriptionInput {
  const r = { ...DEFAULT_RUN, ...run };
  if (r.initialPhases.length !== design.n) throw new RangeError(`need ${design.n} initial phases, got ${r.initialPhases.length}`);
  const v = inputVoltages(design, z);
  const inputNet = (j: number) => (j < design.inputs ? `x${j}` : 'xref');
  const sources = v.map((volts, j) => ({ name: j < design.inputs ? `vin${j}` : 'vref', type: 'V' as const, nets: { p: inputNet(j), n: '0' }, dc: volts }));
  const instances: DescriptionInput['instances'] = [];
  for (let i = 0; i < design.n; i++) {
    design.synapses[i].forEach((gm, j) =>
      instances.push({ name: `syn${i}_${j < design.inputs ? j : 'ref'}`, kind: 'synapseGm', nets: { inp: inputNet(j), inn: '0', out: `sum${i}` }, params: { gm } }),
    );
    instances.push({ name: `rsum${i}`, kind: 'resistor', nets: { p: `sum${i}`, n: '0' }, params: { R: design.rSum } });
    const d = design.drivers[i];
    instances.push({ name: `drv${i}`, kind: 'cmosGm', nets: { inp: `sum${i}`, inn: '0', out: `b${i}` }, params: { gm: d.gm, ioffset: d.ioffset, imin: -1, imax: 1 } });
    instances.push({
      name: `osc${i}`,
      kind: 'stnoPhase',
      nets: { bias: `b${i}`, phase: `p${i}`, busS: 'S', busC: 'C' },
      params: { ...design.oscillators[i] },
      initial: { phase: r.initialPhases[i] },
    });
  }
  instances.push({ name: 'line', kind: 'phaseBus', nets: { S: 'S', C: 'C' } });
  return {
    name: `Kuramoto classifier, ${design.n} STNOs, one example`,
    seed: r.seed,
    instances,
    sources,
    analyses: [{ type: 'tran', step: r.tmax, stop: r.duration, tmax: r.tmax }],
    options: { reltol: r.reltol },
    save: Array.from({ length: design.n }, (_, i) => `p${i}`),
  };
}

/** Mean frequencies (Hz) over the last `window` of a classifier run, from the phase nodes. */
export function circuitMeanFrequencies(design: KuramotoDesign, result: SimResult, window = DEFAULT_RUN.window): number[] {
  const time = result.variables.time;
  const end = time[time.length - 1];
  return Array.from({ length: design.n }, (_, i) => meanFrequency(time, result.variables[`v(p${i})`], end - window, end, design.oscillators[i].fref));
}

/** Read-out of mean frequencies through the design's output pairs: D per pair and the class (first pair synchronized). */
export function readOutFrequencies(design: KuramotoDesign, fbarHz: readonly number[]): { D: number[]; positive: boolean } {
  const D = design.outputPairs.map(([i, j]) => desynchronization(fbarHz[i], fbarHz[j], design.couplingHz));
  return { D, positive: D[0] <= 1 };
}
