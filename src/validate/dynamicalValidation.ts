// Circuit vs surrogate on test images of a trained dynamical STNO network: class agreement and output-trajectory error.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic, writeJsonAtomic } from '../io/atomic.ts';
import type { CircuitComparison } from '../architectures/dynamical/circuitValidation.ts';
import type { DynamicalCircuitRun } from '../montecarlo/dynamicalTrial.ts';
import { modelAndTestSet } from '../montecarlo/dynamicalTrial.ts';
import { runStudy } from '../montecarlo/study.ts';
import type { TaskPool } from '../parallel/taskPool.ts';
import { histogram } from '../report/distributionFigures.ts';
import { scatterChart } from '../report/xyFigures.ts';
import type { EngineName } from '../sim/simulate.ts';
import { stableHash } from '../spec/hash.ts';

/** The model file, its hash and the evenly spaced test images a study evaluates. */
export interface DynamicalTarget {
  readonly modelFile: string;
  readonly modelHash: string;
  /** Test-set indices (N evenly spaced of all, or all). */
  readonly indices: number[];
}

export function loadDynamicalTarget(modelFile: string, examples?: number): DynamicalTarget {
  const { test } = modelAndTestSet(modelFile);
  const kept = Math.min(examples ?? test.count, test.count);
  return {
    modelFile,
    modelHash: stableHash(JSON.parse(readFileSync(modelFile, 'utf8'))),
    indices: Array.from({ length: kept }, (_, i) => Math.floor((i * test.count) / kept)),
  };
}

/** One test image (position `index` in the study, test-set image `image`): both readouts, or the circuit's error. */
export type DynamicalExample = { readonly index: number; readonly image: number } & ((CircuitComparison & { readonly label: number }) | { readonly error: string; readonly label?: undefined });

export interface DynamicalValidationReport {
  readonly model: string;
  readonly modelHash: string;
  readonly engine: EngineName;
  readonly examples: number;
  readonly agreement: number;
  readonly circuitAccuracy: number;
  readonly surrogateAccuracy: number;
  readonly failed: number;
  /** RMS of circuit - surrogate logit trajectories (all outputs, every input interval) per image: median and max; largest abs error. */
  readonly trajectoryError: { readonly medianRms: number; readonly maxRms: number; readonly maxAbs: number; readonly medianRmsFine: number };
  readonly disagreements: DynamicalExample[];
  readonly perExample: DynamicalExample[];
  readonly seconds: number;
}

const TASKS = new URL('../montecarlo/dynamicalTrial.ts', import.meta.url);

/** Runs the target's images through ngspice on the pool (resumable: DIR/circuit-examples.jsonl) and compares with the surrogate. */
export async function validateDynamical(target: DynamicalTarget, o: DynamicalCircuitRun & { dir: string; pool: TaskPool }): Promise<DynamicalValidationReport> {
  const started = performance.now();
  const run: DynamicalCircuitRun = { engine: o.engine, tmax: o.tmax };
  const records = await runStudy<DynamicalExample>({
    dir: o.dir,
    file: 'circuit-examples.jsonl',
    identity: { kind: 'dynamical-validation', modelHash: target.modelHash, indices: target.indices, ...run },
    trials: target.indices.length,
    concurrency: o.pool.workers,
    label: 'validate (ngspice)',
    run: async (m) => {
      const image = target.indices[m];
      try {
        return { index: m, image, ...(await o.pool.run<CircuitComparison & { label: number }>(TASKS, 'compareTestExample', [target.modelFile, image, run])) };
      } catch (e) {
        return { index: m, image, error: (e as Error).message };
      }
    },
  });
  const done = records.filter((r): r is Extract<DynamicalExample, { agree: boolean }> => !('error' in r));
  const count = records.length;
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
  const median = (xs: number[]) => (xs.length ? sorted(xs)[Math.floor((xs.length - 1) / 2)] : NaN);
  return {
    model: target.modelFile,
    modelHash: target.modelHash,
    engine: o.engine,
    examples: count,
    agreement: done.filter((r) => r.agree).length / count,
    circuitAccuracy: done.filter((r) => r.circuit.predicted === r.label).length / count,
    surrogateAccuracy: done.filter((r) => r.surrogate.predicted === r.label).length / count,
    failed: count - done.length,
    trajectoryError: {
      medianRms: median(done.map((r) => r.rms)),
      maxRms: Math.max(...done.map((r) => r.rms)),
      maxAbs: Math.max(...done.map((r) => r.max)),
      medianRmsFine: median(done.map((r) => r.rmsFine)),
    },
    disagreements: records.filter((r) => 'error' in r || !r.agree),
    perExample: records,
    seconds: (performance.now() - started) / 1000,
  };
}

/** validation.json, the final-logit parity plot and the histogram of per-image trajectory RMS errors. */
export async function writeDynamicalValidation(dir: string, report: DynamicalValidationReport): Promise<void> {
  writeJsonAtomic(join(dir, 'validation.json'), report);
  const done = report.perExample.filter((r): r is Extract<DynamicalExample, { agree: boolean }> => !('error' in r));
  if (!done.length) return;
  writeFileAtomic(
    join(dir, 'logit-parity.svg'),
    await scatterChart({
      title: `final logits of ${done.length} test images: ngspice (${report.engine}) vs surrogate`,
      xLabel: 'surrogate logit',
      yLabel: 'circuit logit',
      diagonal: true,
      series: [{ name: 'all outputs', x: done.flatMap((r) => r.surrogate.outputs), y: done.flatMap((r) => r.circuit.outputs) }],
    }),
  );
  writeFileAtomic(join(dir, 'trajectory-rms.svg'), await histogram({ title: 'RMS error of the logit trajectories per image (circuit - surrogate)', xLabel: 'RMS error (logit units)', values: done.map((r) => r.rms) }));
}
