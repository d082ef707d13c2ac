// One seeded CNN training run (spintronic or software, digits or MNIST): resumable checkpoints, model.json and metrics.json.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../errors.ts';
import { writeJsonAtomic } from '../../io/atomic.ts';
import { deviceCounts } from '../../surrogate/cnn/arch.ts';
import { initSoftware, initSpintronic, toModelJson, type CnnModel, type CnnModelJson, type NetworkKind } from '../../surrogate/cnn/model.ts';
import { evaluateModel, trainCnn, type Checkpoint, type EpochRecord } from '../../surrogate/cnn/train.ts';
import { drawDevices, type Variability } from '../../surrogate/cnn/variability.ts';
import { VERSION } from '../../version.ts';
import { TASKS, taskData, type CnnTask } from './tasks.ts';

export interface CnnRunOptions {
  readonly task: CnnTask;
  readonly network: NetworkKind;
  readonly seed: number;
  readonly epochs?: number;
  /** Resonance-frequency variability during training (eq. 4, in units of the half width), devices drawn from variabilitySeed. */
  readonly sigma?: number;
  readonly variabilitySeed?: number;
  readonly batchSize?: number;
  readonly lr?: number;
  readonly lrDecay?: number;
  /** Folder for checkpoint.json; a run finds its checkpoint there and resumes. */
  readonly checkpointDir?: string;
  /** Start from a trained model (fine-tuning, e.g. on devices with variability) instead of a seeded init; its gains are kept. */
  readonly initial?: { readonly model: CnnModel; readonly source: string };
  readonly onEpoch?: (r: EpochRecord) => void;
  readonly onBatch?: (done: number, total: number, loss: number) => void;
}

export interface CnnMetrics {
  task: CnnTask;
  arch: string;
  network: NetworkKind;
  seed: number;
  epochs: number;
  sigma: number;
  variabilitySeed?: number;
  /** The model a fine-tuning run started from. */
  initial?: string;
  train: { accuracy: number; loss: number };
  test: { accuracy: number; loss: number };
  seconds: number;
  imagesPerSecond: number;
  training: { batchSize: number; lr: number; lrDecay: number; optimizer: 'Adam'; loss: 'softmax cross-entropy' };
  devices: ReturnType<typeof deviceCounts>;
  history: EpochRecord[];
}

const CHECKPOINT = 'checkpoint.json';
const VARIABILITY_RULE = 'f_res = f_res,nominal (1 + alpha sigma n), n = drawDevices(arch, seed)';

/** Train one network and evaluate it on the full training and test sets. */
export async function runCnn(o: CnnRunOptions): Promise<{ model: CnnModel; modelJson: CnnModelJson; metrics: CnnMetrics }> {
  const spec = TASKS[o.task];
  const epochs = o.epochs ?? spec.epochs;
  const batchSize = o.batchSize ?? spec.batchSize;
  const lr = o.lr ?? spec.lr;
  const lrDecay = o.lrDecay ?? spec.lrDecay;
  const sigma = o.sigma ?? 0;
  const { train, test } = taskData(o.task);
  const init = o.initial?.model ?? (o.network === 'spintronic' ? initSpintronic(spec.arch, o.seed) : initSoftware(spec.arch, o.seed));
  if (init.params.kind !== o.network || init.arch.name !== spec.arch.name) throw new InputError(`is a ${init.params.kind} ${init.arch.name} model; this run trains a ${o.network} ${spec.arch.name}`, undefined, o.initial?.source);
  const variabilitySeed = o.variabilitySeed ?? o.seed;
  const variability: Variability | undefined = sigma > 0 && o.network === 'spintronic' ? { sigma, draws: drawDevices(spec.arch, variabilitySeed) } : undefined;
  const checkpointPath = o.checkpointDir ? join(o.checkpointDir, CHECKPOINT) : undefined;
  const identity = { task: o.task, network: o.network, seed: o.seed, sigma, variabilitySeed, batchSize, lr, lrDecay, initial: o.initial?.source ?? null };
  const resume = checkpointPath && existsSync(checkpointPath) ? reviveCheckpoint(JSON.parse(readFileSync(checkpointPath, 'utf8')), identity, checkpointPath) : undefined;
  const result = await trainCnn(init, train, {
    epochs,
    seed: o.seed,
    batchSize,
    lr,
    lrDecay,
    variability,
    test,
    resume,
    calibrate: o.initial ? false : undefined,
    onEpoch: o.onEpoch,
    onBatch: o.onBatch,
    checkpoint: checkpointPath ? { every: spec.checkpointEvery, save: (c) => writeJsonAtomic(checkpointPath, { run: identity, ...serialiseCheckpoint(c) }) } : undefined,
  });
  const trainEval = evaluateModel(result.model, train, variability);
  const testEval = evaluateModel(result.model, test, variability);
  const trainedEpochs = result.history;
  const metrics: CnnMetrics = {
    task: o.task,
    arch: spec.arch.name,
    network: o.network,
    seed: o.seed,
    epochs,
    sigma,
    ...(variability ? { variabilitySeed } : {}),
    ...(o.initial ? { initial: o.initial.source } : {}),
    train: { accuracy: trainEval.accuracy, loss: trainEval.loss },
    test: { accuracy: testEval.accuracy, loss: testEval.loss },
    seconds: result.seconds,
    imagesPerSecond: (trainedEpochs.length * train.count) / trainedEpochs.reduce((s, h) => s + h.seconds, 0),
    training: { batchSize, lr, lrDecay, optimizer: 'Adam', loss: 'softmax cross-entropy' },
    devices: deviceCounts(spec.arch),
    history: result.history,
  };
  const modelJson = toModelJson(result.model, {
    generator: `spinspice ${VERSION}`,
    task: o.task,
    dataset: spec.dataset,
    seed: o.seed,
    initial: o.initial?.source ?? null,
    variability: variability ? { sigma, seed: variabilitySeed, rule: VARIABILITY_RULE } : null,
    metrics: { train: metrics.train, test: metrics.test, epochs },
  });
  return { model: result.model, modelJson, metrics };
}

/** Checkpoints as JSON: typed arrays become plain arrays. */
function serialiseCheckpoint(c: Checkpoint): Record<string, unknown> {
  const p = c.params;
  const params = p.kind === 'spintronic' ? { ...p, zeta: p.zeta.map((z) => [...z]), fcFresHz: [...p.fcFresHz] } : { ...p, kernels: p.kernels.map((k) => [...k]), biases: p.biases.map((b) => [...b]), fcWeights: [...p.fcWeights], fcBias: [...p.fcBias] };
  return { ...c, params };
}

/** A checkpoint read back; it must belong to the same run (task, network, seeds, hyper-parameters; the epoch count may grow). */
function reviveCheckpoint(doc: Record<string, unknown>, identity: Record<string, unknown>, path: string): Checkpoint {
  const run = (doc.run ?? {}) as Record<string, unknown>;
  for (const [k, v] of Object.entries(identity)) {
    if ((run[k] ?? null) !== (v ?? null)) throw new InputError(`belongs to another run (${k} = ${JSON.stringify(run[k])}, this run has ${JSON.stringify(v)}); use another --out`, undefined, path);
  }
  const p = doc.params as Record<string, unknown>;
  const f = (v: unknown) => Float64Array.from(v as number[]);
  const params =
    p.kind === 'spintronic'
      ? { kind: 'spintronic' as const, zeta: (p.zeta as number[][]).map(f), fcFresHz: f(p.fcFresHz), gains: p.gains as number[] }
      : { kind: 'software' as const, kernels: (p.kernels as number[][]).map(f), biases: (p.biases as number[][]).map(f), fcWeights: f(p.fcWeights), fcBias: f(p.fcBias) };
  return { ...(doc as unknown as Checkpoint), params };
}

/**
 * The model.json of a run's checkpoint (a network part-way through training, e.g. checkpoint-epoch2.json), marked with the
 * checkpoint's file, epoch and batch so that it is never mistaken for a finished model.
 */
export function checkpointModelJson(path: string): CnnModelJson {
  const doc = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  const run = (doc.run ?? {}) as { task?: CnnTask; seed?: number; sigma?: number; variabilitySeed?: number };
  if (!run.task || !(run.task in TASKS)) throw new InputError(`has no run.task (not a spinspice CNN checkpoint)`, 'run.task', path);
  const c = reviveCheckpoint(doc, {}, path);
  const spec = TASKS[run.task];
  const init = c.params.kind === 'spintronic' ? initSpintronic(spec.arch, run.seed ?? 1) : initSoftware(spec.arch, run.seed ?? 1);
  return toModelJson({ ...init, params: c.params }, { generator: `spinspice ${VERSION}`, task: run.task, dataset: spec.dataset, seed: run.seed, checkpoint: { file: path, epoch: c.epoch, batch: c.batch },
    variability: run.sigma ? { sigma: run.sigma, seed: run.variabilitySeed ?? run.seed, rule: VARIABILITY_RULE } : null,
  });
}

/** Write model.json and metrics.json into `dir`. */
export function writeCnnRun(dir: string, run: { modelJson: CnnModelJson; metrics: CnnMetrics }): void {
  writeJsonAtomic(join(dir, 'model.json'), run.modelJson);
  writeJsonAtomic(join(dir, 'metrics.json'), run.metrics);
}
