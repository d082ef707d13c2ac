// A trained spintronic CNN at circuit level on test images (resumable per image) against its tfjs surrogate: predictions and per-layer error.
import { readFileSync } from 'node:fs';
import { CNN_TASKS, taskData, type CnnTask } from '../architectures/cnn/tasks.ts';
import { evenlySpaced, pickImages, type ImageSet } from '../data/images.ts';
import { InputError } from '../errors.ts';
import { runStudy } from '../montecarlo/study.ts';
import type { TaskPool } from '../parallel/taskPool.ts';
import type { EngineName } from '../sim/simulate.ts';
import { stableHash } from '../spec/hash.ts';
import { useConvBackend } from '../surrogate/cnn/backend.ts';
import { fromModelJson, type CnnModel, type CnnModelJson } from '../surrogate/cnn/model.ts';
import { evaluateModel } from '../surrogate/cnn/train.ts';
import { drawDevices } from '../surrogate/cnn/variability.ts';
import { runNetworkCircuit, type ImageComparison, type LayerComparison } from './cnnCircuitRun.ts';

/** Test images validated when --examples is not given (a MNIST image is ~5.6 million resonators). */
export const DEFAULT_CNN_EXAMPLES = 20;
/** Resonators per deck: ngspice's time per resonator grows with the deck beyond ~10^4 (measured: 0.1 ms at 1.4e4, 3 ms at 5e4). */
export const DEFAULT_DECK_RESONATORS = 10_000;

/** A trained spintronic CNN with its task's test images and the device variability it was trained on. */
export interface CnnTarget {
  readonly modelFile: string;
  readonly modelHash: string;
  readonly task: CnnTask;
  readonly model: CnnModel;
  readonly variability?: { readonly sigma: number; readonly seed: number };
}

/** Reads a CNN model.json for a circuit-level study; InputError for software networks and unknown tasks. */
export function loadCnnTarget(modelFile: string): CnnTarget {
  const doc = JSON.parse(readFileSync(modelFile, 'utf8')) as CnnModelJson & { task?: unknown; variability?: { sigma: number; seed: number } | null };
  if (doc.network !== 'spintronic') throw new InputError(`a ${String(doc.network)} CNN has no circuit (only spintronic networks do)`, 'network', modelFile);
  if (!(CNN_TASKS as readonly unknown[]).includes(doc.task)) throw new InputError(`unknown task ${JSON.stringify(doc.task)} (one of ${CNN_TASKS.join(', ')})`, 'task', modelFile);
  let model: CnnModel;
  try {
    model = fromModelJson(doc);
  } catch (e) {
    throw new InputError((e as Error).message, 'params', modelFile);
  }
  const v = doc.variability;
  return { modelFile, modelHash: stableHash(doc), task: doc.task as CnnTask, model, variability: v && v.sigma > 0 ? { sigma: v.sigma, seed: v.seed } : undefined };
}

export interface CnnValidationOptions {
  readonly dir: string;
  readonly engine: EngineName;
  readonly pool: TaskPool;
  readonly examples: number;
  readonly maxResonators: number;
}

/** One test image: label, the three predictions (circuit, tfjs surrogate, float64 reference) and the circuit's per-layer error. */
export type CnnExample = ImageComparison & { readonly index: number; readonly surrogatePrediction: number; readonly agree: boolean };

export type CircuitRecord = (ImageComparison & { readonly index: number }) | { readonly index: number; readonly image: number; readonly error: string };

/** Per synaptic layer over the finished images: worst and median chain error, worst STNO current and power error. */
export interface LayerErrorSummary {
  readonly layer: number;
  readonly chainErrorLocalMax: number;
  readonly chainErrorEndToEndMax: number;
  readonly chainErrorEndToEndMedian: number;
  readonly currentErrorMaMax?: number;
  readonly powerErrorUwMax?: number;
}

export interface CnnValidationReport {
  readonly model: string;
  readonly modelHash: string;
  readonly task: CnnTask;
  readonly engine: EngineName;
  readonly variability: CnnTarget['variability'] | null;
  readonly maxResonators: number;
  readonly decksPerImage: number;
  readonly examples: number;
  /** Circuit prediction = tfjs surrogate prediction. */
  readonly agreement: number;
  /** Circuit prediction = float64 reference (the device equations without float32 rounding). */
  readonly agreementReference: number;
  readonly circuitAccuracy: number;
  readonly surrogateAccuracy: number;
  readonly failed: number;
  readonly layers: LayerErrorSummary[];
  /** Mean over images of the summed deck run times (s): the CPU cost of one image at circuit level. */
  readonly deckSecondsPerImage: number;
  readonly perExample: (CnnExample | { readonly index: number; readonly image: number; readonly error: string })[];
  readonly seconds: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
};

function layerSummaries(done: readonly ImageComparison[]): LayerErrorSummary[] {
  if (!done.length) return [];
  return done[0].layers.map((_, l) => {
    const ls: LayerComparison[] = done.map((d) => d.layers[l]);
    const max = (f: (x: LayerComparison) => number) => Math.max(...ls.map(f));
    const conv = ls[0].currentErrorMa !== undefined;
    return {
      layer: l,
      chainErrorLocalMax: max((x) => x.chainErrorLocal),
      chainErrorEndToEndMax: max((x) => x.chainErrorEndToEnd),
      chainErrorEndToEndMedian: median(ls.map((x) => x.chainErrorEndToEnd)),
      ...(conv ? { currentErrorMaMax: max((x) => x.currentErrorMa!), powerErrorUwMax: max((x) => x.powerErrorUw!) } : {}),
    };
  });
}

/** What a validation run shares with its report: the target, the images and the surrogate's predictions on them. */
export interface CnnValidationRun {
  readonly target: CnnTarget;
  readonly indices: readonly number[];
  readonly labels: ArrayLike<number>;
  readonly surrogate: ArrayLike<number>;
  readonly engine: EngineName;
  readonly maxResonators: number;
}

/** Test images, their labels and the tfjs surrogate's predictions on the target's devices. */
export async function prepareCnnValidation(target: CnnTarget, o: Pick<CnnValidationOptions, 'engine' | 'examples' | 'maxResonators'>): Promise<CnnValidationRun & { readonly test: ImageSet }> {
  const test = taskData(target.task).test;
  const indices = evenlySpaced(test.count, o.examples);
  await useConvBackend();
  const surrogate = evaluateModel(target.model, pickImages(test, indices), variabilityOf(target)).predictions;
  return { target, test, indices, labels: Array.from(indices, (i) => test.labels[i]), surrogate, engine: o.engine, maxResonators: o.maxResonators };
}

const variabilityOf = (t: CnnTarget) => t.variability && { sigma: t.variability.sigma, seed: t.variability.seed, draws: drawDevices(t.model.arch, t.variability.seed) };

/** The records file of a validation run in DIR (one line per finished image). */
export const CIRCUIT_RECORDS = 'circuit-examples.jsonl';

/**
 * Runs `examples` evenly spaced test images through the circuit, every layer's decks in parallel on the pool (resumable:
 * DIR/circuit-examples.jsonl, one record per image), and compares with the tfjs surrogate on the same devices.
 */
export async function validateCnn(target: CnnTarget, o: CnnValidationOptions): Promise<CnnValidationReport> {
  const started = performance.now();
  const run = await prepareCnnValidation(target, o);
  const variability = variabilityOf(target);
  const records = await runStudy<CircuitRecord>({
    dir: o.dir,
    file: CIRCUIT_RECORDS,
    identity: { kind: 'cnn-validation', modelHash: target.modelHash, indices: run.indices, engine: o.engine, maxResonators: o.maxResonators },
    trials: run.indices.length,
    // one image at a time: its decks fill the pool, and a finished image is recorded before the next starts
    concurrency: 1,
    label: `validate ${target.task} (ngspice, one image per step)`,
    run: async (m) => {
      try {
        const [r] = await runNetworkCircuit(target.model, run.test, [run.indices[m]], { maxResonators: o.maxResonators, engine: o.engine, pool: o.pool, variability });
        return { index: m, ...r };
      } catch (e) {
        return { index: m, image: run.indices[m], error: (e as Error).message };
      }
    },
  });
  return { ...cnnValidationReport(run, records), seconds: (performance.now() - started) / 1000 };
}

/** The report over the images finished so far (all of them after validateCnn; fewer when read from a run still going). */
export function cnnValidationReport(run: CnnValidationRun, records: readonly CircuitRecord[]): Omit<CnnValidationReport, 'seconds'> {
  const { target, surrogate } = run;
  const perExample = records.map((r) => ('error' in r ? r : { ...r, surrogatePrediction: surrogate[r.index], agree: r.circuitPrediction === surrogate[r.index] }));
  const done = perExample.filter((e): e is CnnExample => !('error' in e));
  const fraction = (n: number) => n / (perExample.length || 1);
  return {
    model: target.modelFile,
    modelHash: target.modelHash,
    task: target.task,
    engine: run.engine,
    variability: target.variability ?? null,
    maxResonators: run.maxResonators,
    decksPerImage: done[0]?.decks ?? 0,
    examples: perExample.length,
    agreement: fraction(done.filter((e) => e.agree).length),
    agreementReference: fraction(done.filter((e) => e.circuitPrediction === e.referencePrediction).length),
    circuitAccuracy: fraction(done.filter((e) => e.circuitPrediction === e.label).length),
    surrogateAccuracy: fraction(records.filter((r) => surrogate[r.index] === run.labels[r.index]).length),
    failed: perExample.length - done.length,
    layers: layerSummaries(done),
    deckSecondsPerImage: done.reduce((s, e) => s + e.deckSeconds, 0) / (done.length || 1),
    perExample,
  };
}
