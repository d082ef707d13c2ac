// Worker tasks of the dynamical-network studies: one mismatch trial (surrogate or ngspice) and one validation example.
import { circuitReadout, dynamicalCircuit } from '../architectures/dynamical/circuit.ts';
import { compareWithCircuit, type CircuitComparison } from '../architectures/dynamical/circuitValidation.ts';
import { seqDigitsData } from '../architectures/dynamical/seqDigits.ts';
import { seedFor } from '../random/rng.ts';
import { runDescription } from '../sim/runDescription.ts';
import type { EngineName } from '../sim/simulate.ts';
import { resolveDescription } from '../spec/resolve.ts';
import { loadModel, predict, type DynamicalModel } from '../surrogate/dynamical/model.ts';
import type { SequenceSet } from '../surrogate/dynamical/train.ts';
import { drawDynamicalMismatch, mismatchedInstances, mismatchedSurrogate, summarizeDraw, type DrawSummary, type DynamicalSpreads } from './dynamicalMismatch.ts';

/** How the circuit is simulated (both the validation and the circuit-level trials). */
export interface DynamicalCircuitRun {
  readonly engine: EngineName;
  /** Largest transient step (s); undefined: dt_input / 10. */
  readonly tmax?: number;
}

export interface DynamicalTrialSpec extends DynamicalCircuitRun {
  readonly modelFile: string;
  /** Test-set indices evaluated by every trial. */
  readonly indices: readonly number[];
  readonly level: 'surrogate' | 'circuit';
  readonly spreads: DynamicalSpreads;
  readonly studySeed: number;
  readonly index: number;
}

export interface DynamicalTrialRecord {
  readonly index: number;
  readonly seed: number;
  /** Statistics of the drawn deviations per knob (the draw itself is reproducible from seed: --replay). */
  readonly sample: DrawSummary;
  readonly accuracy?: number;
  readonly error?: string;
  readonly seconds: number;
}

const loaded = new Map<string, { model: DynamicalModel; test: SequenceSet }>();

/** The model of `file` and its test set, loaded once per worker. */
export function modelAndTestSet(file: string): { model: DynamicalModel; test: SequenceSet } {
  let entry = loaded.get(file);
  if (!entry) {
    const model = loadModel(file);
    entry = { model, test: seqDigitsData(model.splitSeed).test };
    loaded.set(file, entry);
  }
  return entry;
}

/** The raw values of test sequence k (steps x inputs). */
const sequenceOf = (test: SequenceSet, k: number) => {
  const per = test.inputs.length / test.count;
  return test.inputs.subarray(k * per, (k + 1) * per);
};

/** One mismatch trial: draw with seedFor(studySeed, index), classify the chosen test images, record the accuracy. */
export async function runDynamicalTrial(spec: DynamicalTrialSpec): Promise<DynamicalTrialRecord> {
  const t0 = performance.now();
  const seed = seedFor(spec.studySeed, spec.index);
  const { model, test } = modelAndTestSet(spec.modelFile);
  const draw = drawDynamicalMismatch(model, spec.spreads, seed);
  const base = { index: spec.index, seed, sample: summarizeDraw(model, draw) };
  try {
    let correct = 0;
    if (spec.level === 'surrogate') {
      const { model: mismatched, rates } = mismatchedSurrogate(model, draw);
      const per = test.inputs.length / test.count;
      const inputs = new Float32Array(spec.indices.length * per);
      spec.indices.forEach((k, q) => inputs.set(sequenceOf(test, k), q * per));
      const { classes } = predict(mismatched, inputs, spec.indices.length, undefined, rates);
      spec.indices.forEach((k, q) => (correct += classes[q] === test.labels[k] ? 1 : 0));
    } else {
      const instances = mismatchedInstances(model, draw);
      for (const k of spec.indices) {
        const description = resolveDescription(dynamicalCircuit(model, sequenceOf(test, k), { tmax: spec.tmax }, instances));
        const r = await runDescription(description, { engine: spec.engine, timeoutMs: 600_000 });
        if (circuitReadout(model, r, test.steps).predicted === test.labels[k]) correct++;
      }
    }
    return { ...base, accuracy: correct / spec.indices.length, seconds: (performance.now() - t0) / 1000 };
  } catch (e) {
    return { ...base, error: (e as Error).message, seconds: (performance.now() - t0) / 1000 };
  }
}

/** Test image k of the model through ngspice and the surrogate (validation), with its label. */
export async function compareTestExample(modelFile: string, k: number, run: DynamicalCircuitRun): Promise<CircuitComparison & { label: number }> {
  const { model, test } = modelAndTestSet(modelFile);
  const c = await compareWithCircuit(model, sequenceOf(test, k), { engine: run.engine, tmax: run.tmax });
  return { ...c, label: test.labels[k] };
}
