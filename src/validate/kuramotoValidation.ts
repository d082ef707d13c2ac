// Circuit vs surrogate on every test example of a trained Kuramoto classifier: classes, mean frequencies, pair distances D.
import { join } from 'node:path';
import { writeFileAtomic, writeJsonAtomic } from '../io/atomic.ts';
import { histogram } from '../report/distributionFigures.ts';
import { scatterChart } from '../report/xyFigures.ts';
import { readOutFrequencies } from '../annotate/kuramotoCircuit.ts';
import { predict } from '../architectures/kuramoto/predict.ts';
import type { TrialSpec } from '../montecarlo/kuramotoTrial.ts';
import { runStudy } from '../montecarlo/study.ts';
import type { TaskPool } from '../parallel/taskPool.ts';
import { seedFor } from '../random/rng.ts';
import type { EngineName } from '../sim/simulate.ts';
import type { KuramotoTarget } from './kuramotoTarget.ts';

export interface ValidationOptions {
  readonly dir: string;
  readonly engine: EngineName;
  readonly tmax: number;
  readonly pool: TaskPool;
}

/** One example: target, both predictions, both sets of mean frequencies and D, and how far the circuit is from the surrogate. */
export interface ExampleComparison {
  readonly index: number;
  readonly target: boolean;
  readonly surrogate: { readonly positive: boolean; readonly D: number[]; readonly fbarHz: number[] };
  readonly circuit: { readonly positive: boolean; readonly D: number[]; readonly fbarHz: number[] } | { readonly error: string };
  readonly agree: boolean;
  /** circuit - surrogate mean frequency per oscillator (Hz); empty when the circuit run failed. */
  readonly fbarErrorHz: number[];
}

export interface ValidationReport {
  readonly model: string;
  readonly modelHash: string;
  readonly task: string;
  readonly engine: EngineName;
  /** Seed of the initial phases: example m starts from initialPhases(seedFor(seed, m)) in both models. */
  readonly seed: number;
  readonly examples: number;
  readonly agreement: number;
  readonly circuitAccuracy: number;
  readonly surrogateAccuracy: number;
  readonly failed: number;
  readonly frequencyError: { readonly rmsHz: number; readonly maxAbsHz: number; readonly medianAbsHz: number };
  readonly disagreements: ExampleComparison[];
  readonly outOfRange: KuramotoTarget['outOfRange'];
  readonly perExample: ExampleComparison[];
  readonly seconds: number;
}

interface CircuitRecord {
  readonly index: number;
  readonly fbarHz?: number[];
  readonly error?: string;
}

/** Runs every example through ngspice (resumable: DIR/circuit-examples.jsonl) and compares with the surrogate. */
export async function validateKuramoto(target: KuramotoTarget, o: ValidationOptions): Promise<ValidationReport> {
  const started = performance.now();
  const seed = target.training.evalSeed;
  const settings = target.model.description.settings;
  const surrogate = await predict(target.model, target.x, { seed });
  const spec: Pick<TrialSpec, 'linewidth' | 'settings' | 'engine' | 'tmax'> = { linewidth: 0, settings, engine: o.engine, tmax: o.tmax };
  const records = await runStudy<CircuitRecord>({
    dir: o.dir,
    file: 'circuit-examples.jsonl',
    identity: { kind: 'validation', modelHash: target.modelHash, indices: target.indices, seed, engine: o.engine, tmax: o.tmax },
    trials: target.z.length,
    concurrency: o.pool.workers,
    label: 'validate (ngspice)',
    run: async (m) => {
      try {
        const fbarHz = await o.pool.run<number[]>(new URL('../montecarlo/kuramotoTrial.ts', import.meta.url), 'circuitFrequencies', [target.design, target.z[m], seedFor(seed, m), spec]);
        return { index: m, fbarHz };
      } catch (e) {
        return { index: m, error: (e as Error).message };
      }
    },
  });
  const perExample = records.map((r): ExampleComparison => {
    const m = r.index;
    const s = { positive: surrogate.positive[m], D: surrogate.D[m], fbarHz: surrogate.fbarHz[m] };
    if (!r.fbarHz) return { index: target.indices[m], target: target.y[m], surrogate: s, circuit: { error: r.error ?? 'no result' }, agree: false, fbarErrorHz: [] };
    const c = { ...readOutFrequencies(target.design, r.fbarHz), fbarHz: r.fbarHz };
    return {
      index: target.indices[m],
      target: target.y[m],
      surrogate: s,
      circuit: c,
      agree: c.positive === s.positive,
      fbarErrorHz: r.fbarHz.map((f, i) => f - s.fbarHz[i]),
    };
  });
  const errors = perExample.flatMap((e) => e.fbarErrorHz.map(Math.abs)).sort((a, b) => a - b);
  const count = perExample.length;
  const fraction = (pred: (e: ExampleComparison) => boolean) => perExample.filter(pred).length / count;
  return {
    model: target.modelFile,
    modelHash: target.modelHash,
    task: target.training.task,
    engine: o.engine,
    seed,
    examples: count,
    agreement: fraction((e) => e.agree),
    circuitAccuracy: fraction((e) => 'positive' in e.circuit && e.circuit.positive === e.target),
    surrogateAccuracy: fraction((e) => e.surrogate.positive === e.target),
    failed: perExample.filter((e) => 'error' in e.circuit).length,
    frequencyError: {
      rmsHz: Math.sqrt(errors.reduce((a, v) => a + v * v, 0) / (errors.length || 1)),
      maxAbsHz: errors.length ? errors[errors.length - 1] : NaN,
      medianAbsHz: errors.length ? errors[Math.floor(errors.length / 2)] : NaN,
    },
    disagreements: perExample.filter((e) => !e.agree),
    outOfRange: target.outOfRange,
    perExample,
    seconds: (performance.now() - started) / 1000,
  };
}

/** Writes DIR/validation.json and its figures: mean-frequency error histogram, circuit vs surrogate D per example. */
export async function writeValidation(dir: string, report: ValidationReport): Promise<void> {
  writeJsonAtomic(join(dir, 'validation.json'), report);
  const errorsKHz = report.perExample.flatMap((e) => e.fbarErrorHz.map((v) => v / 1e3));
  if (errorsKHz.length > 0) {
    writeFileAtomic(join(dir, 'frequency-errors.svg'), await histogram({ title: 'circuit - surrogate mean frequency, every oscillator and example', xLabel: 'error (kHz)', values: errorsKHz }));
  }
  const done = report.perExample.filter((e) => 'D' in e.circuit);
  if (done.length > 0) {
    const series = (agree: boolean) => ({
      name: agree ? 'same class' : 'different class',
      x: done.filter((e) => e.agree === agree).map((e) => e.surrogate.D[0]),
      y: done.filter((e) => e.agree === agree).map((e) => (e.circuit as { D: number[] }).D[0]),
    });
    const svg = await scatterChart({ title: 'output pair distance D: circuit vs surrogate (sync iff D <= 1)', xLabel: 'D surrogate', yLabel: 'D circuit', series: [series(true), series(false)].filter((s) => s.x.length > 0), diagonal: true });
    writeFileAtomic(join(dir, 'pair-distance.svg'), svg);
  }
}
