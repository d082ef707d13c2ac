// Training and evaluation of the CNN surrogate: shuffled mini-batches, softmax cross-entropy, Adam, resumable checkpoints.
import * as tf from '@tensorflow/tfjs';
import { pixelFractions, type ImageSet } from '../../data/images.ts';
import { createRng, permutation, seedFor } from '../../random/rng.ts';
import type { CnnModel } from './model.ts';
import { detuneTensors, tfjsNetwork, type DetuneTensors, type TfjsNetwork } from './tfjsNetwork.ts';
import type { Variability } from './variability.ts';

export interface TrainOptions {
  readonly epochs: number;
  /** Seed of the shuffles (epoch e uses permutation(n, createRng(seedFor(seed, 1000 + e)))). */
  readonly seed: number;
  readonly batchSize?: number;
  /** Adam learning rate of epoch e: lr * lrDecay^e. */
  readonly lr?: number;
  readonly lrDecay?: number;
  /** Spintronic gains set from the first training batch before training: rms STNO current (mA) and rms logit. */
  readonly calibrate?: { readonly currentRmsMa: number; readonly logitRms: number } | false;
  /** Devices with variability during training (paper 002 Fig. 6: drawn before training, fixed while it runs). */
  readonly variability?: Variability;
  /** Evaluated after each epoch (recorded in the history). */
  readonly test?: ImageSet;
  readonly onEpoch?: (r: EpochRecord) => void;
  readonly onBatch?: (done: number, total: number, loss: number) => void;
  /** Save a checkpoint every `every` batches and at each epoch's end. */
  readonly checkpoint?: { readonly every: number; readonly save: (c: Checkpoint) => void };
  readonly resume?: Checkpoint;
}

export const TRAINING_DEFAULTS = { batchSize: 64, lr: 2e-3, lrDecay: 0.8, calibrate: { currentRmsMa: 4, logitRms: 2 } } as const;

export interface EpochRecord {
  epoch: number;
  lr: number;
  trainLoss: number;
  trainAccuracy: number;
  testLoss?: number;
  testAccuracy?: number;
  seconds: number;
  imagesPerSecond: number;
}

/** Everything needed to continue a run exactly where it stopped. */
export interface Checkpoint {
  readonly params: CnnModel['params'];
  readonly optimizer: { name: string; values: number[] }[];
  readonly epoch: number;
  /** Next batch of `epoch` to run. */
  readonly batch: number;
  readonly lossSum: number;
  readonly correct: number;
  readonly history: EpochRecord[];
  readonly seconds: number;
}

export interface Evaluation {
  accuracy: number;
  loss: number;
  predictions: Int32Array;
}

/** Input tensor (B, H, W, 1) of pixel fractions for images `indices`. */
export function imageBatch(set: ImageSet, indices: ArrayLike<number>): tf.Tensor4D {
  return tf.tensor4d(pixelFractions(set, indices), [indices.length, set.height, set.width, 1]);
}

/** Accuracy, mean cross-entropy and predictions of a network on a set (optionally with device variability). */
export function evaluate(net: TfjsNetwork, set: ImageSet, o: { batchSize?: number; detune?: DetuneTensors } = {}): Evaluation {
  const bs = o.batchSize ?? 256;
  const predictions = new Int32Array(set.count);
  let loss = 0;
  for (let s = 0; s < set.count; s += bs) {
    const idx = Array.from({ length: Math.min(bs, set.count - s) }, (_, i) => s + i);
    tf.tidy(() => {
      const { logits } = net.forward(imageBatch(set, idx), o.detune);
      const labels = tf.oneHot(tf.tensor1d(Array.from(idx, (i) => set.labels[i]), 'int32'), logits.shape[1]);
      loss += tf.losses.softmaxCrossEntropy(labels, logits).dataSync()[0] * idx.length;
      predictions.set(tf.argMax(logits, 1).dataSync(), s);
    });
  }
  const correct = predictions.reduce((n, p, i) => n + (p === set.labels[i] ? 1 : 0), 0);
  return { accuracy: correct / set.count, loss: loss / set.count, predictions };
}

/** Evaluate a model (builds and frees its tfjs network). */
export function evaluateModel(model: CnnModel, set: ImageSet, variability?: Variability): Evaluation {
  const net = tfjsNetwork(model);
  const detune = variability && model.params.kind === 'spintronic' ? detuneTensors(model, variability) : undefined;
  try {
    return evaluate(net, set, { detune });
  } finally {
    net.dispose();
    if (detune) tf.dispose([...detune.conv, detune.fc]);
  }
}

/**
 * Set the spintronic gains from one batch, layer by layer: each convolution's amplification so that the rms STNO input
 * current is `currentRmsMa`, then the FC gain so that the rms logit is `logitRms`.
 */
export function calibrateGains(model: CnnModel, x: tf.Tensor4D, target: { currentRmsMa: number; logitRms: number }, detune?: DetuneTensors): CnnModel {
  if (model.params.kind !== 'spintronic') return model;
  let current = model;
  const layers = model.params.gains.length;
  for (let l = 0; l < layers; l++) {
    const net = tfjsNetwork(current);
    const rms = tf.tidy(() => {
      const out = net.forward(x, detune);
      const t = l < layers - 1 ? out.currents[l] : out.logits;
      return Math.sqrt(tf.mean(tf.square(t)).dataSync()[0]);
    });
    net.dispose();
    const p = current.params as Extract<CnnModel['params'], { kind: 'spintronic' }>;
    const gains = [...p.gains];
    gains[l] *= (l < layers - 1 ? target.currentRmsMa : target.logitRms) / rms;
    current = { ...current, params: { ...p, gains } };
  }
  return current;
}

/** Train a model; returns the trained model and the per-epoch history. */
export async function trainCnn(initial: CnnModel, train: ImageSet, o: TrainOptions): Promise<{ model: CnnModel; history: EpochRecord[]; seconds: number }> {
  const bs = o.batchSize ?? TRAINING_DEFAULTS.batchSize;
  const lr0 = o.lr ?? TRAINING_DEFAULTS.lr;
  const decay = o.lrDecay ?? TRAINING_DEFAULTS.lrDecay;
  const spintronic = initial.params.kind === 'spintronic';
  const detune = o.variability && spintronic ? detuneTensors(initial, o.variability) : undefined;
  const batches = Math.ceil(train.count / bs);
  const order = (epoch: number) => permutation(train.count, createRng(seedFor(o.seed, 1000 + epoch)));
  let model = o.resume ? { ...initial, params: o.resume.params } : initial;
  const calibrate = o.calibrate ?? TRAINING_DEFAULTS.calibrate;
  if (!o.resume && spintronic && calibrate) {
    const x = imageBatch(train, order(0).slice(0, bs));
    model = calibrateGains(model, x, calibrate, detune);
    x.dispose();
  }
  const net = tfjsNetwork(model);
  const optimizer = tf.train.adam(lr0);
  const history: EpochRecord[] = o.resume ? [...o.resume.history] : [];
  const secondsBefore = o.resume?.seconds ?? 0;
  const t0 = performance.now();
  const elapsed = () => secondsBefore + (performance.now() - t0) / 1000;
  try {
    if (o.resume) {
      const byName = new Map(net.variables.map((v) => [v.name, v]));
      await optimizer.setWeights(
        o.resume.optimizer.map(({ name, values }) => {
          const base = byName.get(name.replace(/\/[mv]$/, ''));
          return { name, tensor: base ? tf.tensor(values, base.shape) : tf.scalar(values[0]) };
        }),
      );
    }
    const snapshot = async (epoch: number, batch: number, lossSum: number, correct: number): Promise<Checkpoint> => ({
      params: net.read().params,
      optimizer: (await optimizer.getWeights()).map(({ name, tensor }) => ({ name, values: [...tensor.dataSync()] })),
      epoch,
      batch,
      lossSum,
      correct,
      history: [...history],
      seconds: elapsed(),
    });
    for (let epoch = o.resume?.epoch ?? 0; epoch < o.epochs; epoch++) {
      const resuming = o.resume && epoch === o.resume.epoch;
      const lr = lr0 * decay ** epoch;
      // tfjs reads learningRate on every applyGradients; its typings mark the field protected
      (optimizer as unknown as { learningRate: number }).learningRate = lr;
      const perm = order(epoch);
      let lossSum = resuming ? o.resume!.lossSum : 0;
      let correct = resuming ? o.resume!.correct : 0;
      const epochStart = elapsed();
      const firstBatch = resuming ? o.resume!.batch : 0;
      for (let b = firstBatch; b < batches; b++) {
        const idx = perm.slice(b * bs, (b + 1) * bs);
        const labels = idx.map((i) => train.labels[i]);
        const loss = tf.tidy(() => {
          const x = imageBatch(train, idx);
          const y = tf.oneHot(tf.tensor1d(labels, 'int32'), initial.arch.classes);
          let logits: tf.Tensor | undefined;
          const { value, grads } = tf.variableGrads(() => {
            logits = tf.keep(net.forward(x, detune).logits);
            return tf.losses.softmaxCrossEntropy(y, logits) as tf.Scalar;
          }, net.variables);
          optimizer.applyGradients(Object.entries(grads).map(([name, tensor]) => ({ name, tensor })));
          const pred = tf.argMax(logits!, 1).dataSync();
          pred.forEach((p, i) => (correct += p === labels[i] ? 1 : 0));
          logits!.dispose();
          return value.dataSync()[0];
        });
        lossSum += loss * idx.length;
        o.onBatch?.(b + 1, batches, loss);
        if (o.checkpoint && (b + 1) % o.checkpoint.every === 0 && b + 1 < batches) o.checkpoint.save(await snapshot(epoch, b + 1, lossSum, correct));
      }
      const seconds = elapsed() - epochStart;
      const rec: EpochRecord = { epoch, lr, trainLoss: lossSum / train.count, trainAccuracy: correct / train.count, seconds, imagesPerSecond: ((batches - firstBatch) / batches) * train.count / seconds };
      if (o.test) {
        const ev = evaluate(net, o.test, { detune });
        rec.testLoss = ev.loss;
        rec.testAccuracy = ev.accuracy;
      }
      history.push(rec);
      o.onEpoch?.(rec);
      if (o.checkpoint) o.checkpoint.save(await snapshot(epoch + 1, 0, 0, 0));
    }
    return { model: net.read(), history, seconds: elapsed() };
  } finally {
    net.dispose();
    optimizer.dispose();
    if (detune) tf.dispose([...detune.conv, detune.fc]);
  }
}
