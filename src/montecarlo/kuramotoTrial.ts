// One Monte Carlo trial of a back-annotated Kuramoto classifier (surrogate or circuit level); runs in a pool worker or in-thread.
import { classifierCircuit, circuitMeanFrequencies, readOutFrequencies, type CircuitRun } from '../annotate/kuramotoCircuit.ts';
import { couplingScale, designFrequencies, type KuramotoDesign } from '../annotate/kuramotoDesign.ts';
import { seedFor } from '../random/rng.ts';
import { resolveDescription } from '../spec/resolve.ts';
import { runDescription } from '../sim/runDescription.ts';
import type { EngineName } from '../sim/simulate.ts';
import { initialPhases, kuramotoForward } from '../surrogate/kuramoto/kernel.ts';
import { resolveSettings, type KuramotoSettings } from '../surrogate/kuramoto/params.ts';
import { sampleDesign, type MismatchSample, type Spreads } from './mismatch.ts';

export type Level = 'surrogate' | 'circuit';

/** Everything a trial needs (JSON-serialisable: it travels to a worker). */
export interface TrialSpec {
  readonly design: KuramotoDesign;
  /** Scaled features z of the evaluated examples and their targets (true = output pair synchronized). */
  readonly z: readonly (readonly number[])[];
  readonly y: readonly boolean[];
  readonly level: Level;
  readonly spreads: Spreads;
  /** Phase-noise linewidth (Hz) of every oscillator. */
  readonly linewidth: number;
  /** Surrogate integration settings (dt, duration, window); the circuit uses the same duration and window. */
  readonly settings: KuramotoSettings;
  readonly engine: EngineName;
  readonly tmax: number;
  readonly studySeed: number;
  readonly index: number;
}

/** The stored result of a trial: its seed, the sampled device values and the accuracy (or why it failed). */
export interface TrialRecord {
  readonly index: number;
  readonly seed: number;
  readonly sample: MismatchSample;
  readonly accuracy?: number;
  readonly predictions?: boolean[];
  readonly error?: string;
  readonly seconds: number;
}

/** Mean frequencies (Hz) of every example of a trial's design: surrogate kernel or one ngspice run per example. */
export async function trialFrequencies(
  design: KuramotoDesign,
  z: readonly (readonly number[])[],
  o: Pick<TrialSpec, 'level' | 'linewidth' | 'settings' | 'engine' | 'tmax'> & { seed: number },
): Promise<number[][]> {
  const seeds = z.map((_, m) => seedFor(o.seed, m));
  if (o.level === 'surrogate') {
    const F = Float64Array.from(z.flatMap((zm) => designFrequencies(design, zm)));
    const settings = resolveSettings({ ...o.settings, linewidth: o.linewidth });
    const n = design.n;
    const fbar = kuramotoForward({ F, batch: z.length, n, seeds }, settings, couplingScale(design));
    return z.map((_, m) => Array.from(fbar.subarray(m * n, (m + 1) * n)));
  }
  const out: number[][] = [];
  for (let m = 0; m < z.length; m++) out.push(await circuitFrequencies(design, z[m], seeds[m], o));
  return out;
}

/**
 * Mean frequencies (Hz) of one example run through ngspice: initial phases initialPhases(exampleSeed) (the surrogate's
 * for the same seed), phase-noise streams seeded by exampleSeed, duration and window from the surrogate settings.
 */
export async function circuitFrequencies(
  design: KuramotoDesign,
  z: readonly number[],
  exampleSeed: number,
  o: Pick<TrialSpec, 'linewidth' | 'settings' | 'engine' | 'tmax'>,
): Promise<number[]> {
  const noisy: KuramotoDesign = { ...design, oscillators: design.oscillators.map((p) => ({ ...p, linewidth: o.linewidth })) };
  const run: Partial<CircuitRun> = { duration: o.settings.duration, window: o.settings.window, tmax: o.tmax };
  const description = resolveDescription(classifierCircuit(noisy, z, { ...run, initialPhases: initialPhases(exampleSeed, design.n), seed: exampleSeed }));
  const result = await runDescription(description, { engine: o.engine });
  return circuitMeanFrequencies(noisy, result, o.settings.window);
}

/**
 * Runs trial `index` of a study seeded `studySeed`: trial seed seedFor(studySeed, index) draws the mismatch sample,
 * example m starts from initialPhases(seedFor(trialSeed, m)) with its noise seeded the same way. Failures are
 * returned as records with `error`, never thrown, so a study goes on.
 */
export async function runTrial(spec: TrialSpec): Promise<TrialRecord> {
  const started = performance.now();
  const seed = seedFor(spec.studySeed, spec.index);
  const { design, sample } = sampleDesign(spec.design, spec.spreads, seed);
  const seconds = () => (performance.now() - started) / 1000;
  try {
    const fbar = await trialFrequencies(design, spec.z, { ...spec, seed });
    const predictions = fbar.map((f) => readOutFrequencies(design, f).positive);
    const accuracy = predictions.reduce((a, p, m) => a + (p === spec.y[m] ? 1 : 0), 0) / spec.y.length;
    return { index: spec.index, seed, sample, accuracy, predictions, seconds: seconds() };
  } catch (e) {
    return { index: spec.index, seed, sample, error: (e as Error).message, seconds: seconds() };
  }
}
