// BPTT training of the layered network in tfjs: batches, softmax + NLL at the last step, element-wise clipping, Adam with 1/t decay.
import * as tf from '@tensorflow/tfjs';
import { createRng, permutation, seedFor } from '../../random/rng.ts';
import { gammaOf, type DynamicalConfig } from './config.ts';
import { lastLayerFn, lastLayerValues, type Engine } from './op.ts';
import { SplitKernel } from './splitKernel.ts';
import { drawMasks, dynamicsArrays, fromArrays, initParams, type DynamicalMasks, type DynamicalParams } from './params.ts';

/** Labelled input sequences: inputs is count x steps x inputs (raw values, scaled by cfg.inputScale inside). */
export interface SequenceSet {
  readonly inputs: Float32Array;
  readonly labels: Int32Array;
  readonly count: number;
  readonly steps: number;
}

export interface TrainOptions {
  epochs: number;
  seed: number;
  batchSize?: number;
  /** Adam learning rate lr = lr0 / (epoch / lrDecay + 1), epoch counted from 0. */
  lr0?: number;
  lrDecay?: number;
  /** Every gradient element clipped to [-clip, clip]. */
  clip?: number;
  engine?: Engine;
  /**
   * Threads of the kernel engine's training passes: 2 runs half of every batch in a worker thread (SplitKernel).
   * Forward outputs are identical; the summed gradient differs from one thread's by rounding, so a run with 2 threads
   * is reproducible with 2 threads but not bit-identical to the same seed with 1. Default 1.
   */
  threads?: 1 | 2;
  /** Initial drive I0 (1/ns) of the design-rule initialisation (initParams); default DEFAULT_INIT_DRIVE. */
  initDrive?: number;
  /**
   * Unit (1/ns) in which the dynamics weights and biases are trained, W = paramUnit * theta: Adam's steps (lr) and
   * the clipping apply to theta. Default paramUnitOf(cfg). Model files and evaluate() use physical weights (1/ns).
   */
  paramUnit?: number;
  /**
   * Standardise the readout's inputs during training (batch mean and variance of each last-layer output, as a
   * BatchNorm without affine terms); the saved readout folds the training-set statistics into wout and bout, so the
   * network function is still logits = wout y + bout. Default false.
   */
  readoutNorm?: boolean;
  /** Evaluate the test set after every epoch (learning curves); default true. */
  evalEachEpoch?: boolean;
  onEpoch?: (e: EpochRecord) => void;
}

export interface EpochRecord {
  epoch: number;
  lr: number;
  /** Running mean over the epoch's batches (parameters changing). */
  trainLoss: number;
  trainAccuracy: number;
  testLoss?: number;
  testAccuracy?: number;
  /** Wall time of the epoch's training (excluding the test evaluation). */
  seconds: number;
}

export interface Evaluation {
  loss: number;
  accuracy: number;
  predictions: Int32Array;
}

export interface TrainResult {
  masks: DynamicalMasks;
  params: DynamicalParams;
  history: EpochRecord[];
  train: Evaluation;
  test: Evaluation;
  seconds: number;
}

export const PAPER_TRAINING = { batchSize: 120, lr0: 0.149, lrDecay: 8.077, clip: 1 } as const;

/**
 * The unit of the trained dynamics parameters: the damping gamma = 1/tau (time normalised by tau). Adam moves every
 * parameter by ~lr per step, so this unit and lr0 together set the step size; the paper does not state its unit.
 * Fixed by tau, so it does not follow dt_input in the time-scale sweep.
 */
export const paramUnitOf = (cfg: DynamicalConfig): number => gammaOf(cfg);

/** Learning rate of epoch e (from 0): lr0 / (e / lrDecay + 1). */
export const learningRate = (epoch: number, lr0: number = PAPER_TRAINING.lr0, lrDecay: number = PAPER_TRAINING.lrDecay): number =>
  lr0 / (epoch / lrDecay + 1);

/** Inputs and labels of the examples `idx`. */
function gather(set: SequenceSet, idx: readonly number[], P: number): { u: Float32Array; labels: Int32Array } {
  const len = set.steps * P;
  const u = new Float32Array(idx.length * len);
  const labels = new Int32Array(idx.length);
  idx.forEach((k, i) => {
    u.set(set.inputs.subarray(k * len, (k + 1) * len), i * len);
    labels[i] = set.labels[k];
  });
  return { u, labels };
}

/** Softmax NLL and argmax of logits = wout y + bout for last-layer outputs y (batch-major), in float64. */
export function readoutScores(cfg: DynamicalConfig, p: DynamicalParams, y: Float64Array, labels: Int32Array) {
  const { width: N, classes: C } = cfg;
  const B = labels.length;
  let loss = 0;
  let correct = 0;
  const predictions = new Int32Array(B);
  const z = new Float64Array(C);
  for (let b = 0; b < B; b++) {
    let best = 0;
    for (let c = 0; c < C; c++) {
      let s = p.bout[c];
      for (let i = 0; i < N; i++) s += p.wout[c * N + i] * y[b * N + i];
      z[c] = s;
      if (s > z[best]) best = c;
    }
    let lse = 0;
    for (let c = 0; c < C; c++) lse += Math.exp(z[c] - z[best]);
    loss += Math.log(lse) + z[best] - z[labels[b]];
    predictions[b] = best;
    if (best === labels[b]) correct++;
  }
  return { loss, correct, predictions };
}

/** Mean NLL, accuracy (fraction) and predicted classes of `params` on a set (forward only, chunks of 300). */
export function evaluate(cfg: DynamicalConfig, masks: DynamicalMasks, params: DynamicalParams, set: SequenceSet, engine: Engine = 'kernel'): Evaluation {
  const run = lastLayerValues(engine, cfg, masks);
  const dyn = dynamicsArrays(params);
  const predictions = new Int32Array(set.count);
  let loss = 0;
  let correct = 0;
  for (let start = 0; start < set.count; start += 300) {
    const idx = Array.from({ length: Math.min(300, set.count - start) }, (_, i) => start + i);
    const { u, labels } = gather(set, idx, cfg.inputs);
    const r = readoutScores(cfg, params, run(dyn, u, idx.length, set.steps), labels);
    loss += r.loss;
    correct += r.correct;
    predictions.set(r.predictions, start);
  }
  return { loss: loss / set.count, accuracy: correct / set.count, predictions };
}

const BN_EPS = 1e-5;

/** (y - batch mean) / sqrt(batch variance + eps) per column: the training-time normalised readout input. */
function standardise(y: tf.Tensor2D): tf.Tensor2D {
  const { mean, variance } = tf.moments(y, 0);
  return tf.div(tf.sub(y, mean), tf.sqrt(tf.add(variance, BN_EPS))) as tf.Tensor2D;
}

/** Mean and (population) variance of every last-layer output over a whole set. */
export function lastLayerStats(cfg: DynamicalConfig, masks: DynamicalMasks, dyn: Float32Array[], set: SequenceSet, engine: Engine = 'kernel'): { mean: Float64Array; variance: Float64Array } {
  const run = lastLayerValues(engine, cfg, masks);
  const N = cfg.width;
  const sum = new Float64Array(N);
  const sq = new Float64Array(N);
  for (let start = 0; start < set.count; start += 300) {
    const idx = Array.from({ length: Math.min(300, set.count - start) }, (_, i) => start + i);
    const y = run(dyn, gather(set, idx, cfg.inputs).u, idx.length, set.steps);
    for (let k = 0; k < y.length; k++) (sum[k % N] += y[k], sq[k % N] += y[k] * y[k]);
  }
  const mean = sum.map((v) => v / set.count);
  return { mean, variance: sq.map((v, i) => Math.max(0, v / set.count - mean[i] * mean[i])) };
}

/** Fold standardisation statistics into the readout: wout (y - mean) / sqrt(var + eps) + bout = wout' y + bout'. */
export function foldReadout(cfg: DynamicalConfig, stats: { mean: Float64Array; variance: Float64Array }, wout: Float32Array, bout: Float32Array): { wout: Float32Array; bout: Float32Array } {
  const N = cfg.width;
  const scale = stats.variance.map((v) => 1 / Math.sqrt(v + BN_EPS));
  const w = Float32Array.from(wout, (v, q) => v * scale[q % N]);
  const b = Float32Array.from(bout, (v, c) => {
    let s = v;
    for (let i = 0; i < N; i++) s -= w[c * N + i] * stats.mean[i];
    return s;
  });
  return { wout: w, bout: b };
}

/**
 * Train from a seeded initialisation (masks from seedFor(seed, 0), init from seedFor(seed, 1), shuffles from
 * seedFor(seed, 2)). Every tensor made here is disposed before returning (checked by tf.memory() in the tests).
 */
export function trainNetwork(cfg: DynamicalConfig, data: { train: SequenceSet; test: SequenceSet }, o: TrainOptions): TrainResult {
  const t0 = performance.now();
  const batchSize = o.batchSize ?? PAPER_TRAINING.batchSize;
  const clip = o.clip ?? PAPER_TRAINING.clip;
  const engine = o.engine ?? 'kernel';
  const masks = drawMasks(cfg, o.seed);
  const init = initParams(cfg, masks, o.seed, o.initDrive);
  const unit = o.paramUnit ?? paramUnitOf(cfg);
  const dynVars = dynamicsArrays(init).map((a) => tf.tidy(() => tf.variable(tf.tensor1d(Float32Array.from(a, (w) => w / unit)))));
  const wout = tf.tidy(() => tf.variable(tf.tensor2d(init.wout, [cfg.classes, cfg.width])));
  const bout = tf.tidy(() => tf.variable(tf.tensor1d(init.bout)));
  const vars = [...dynVars, wout, bout];
  const optimizer = tf.train.adam(o.lr0 ?? PAPER_TRAINING.lr0);
  const split = engine === 'kernel' && o.threads === 2 ? new SplitKernel(cfg, masks) : undefined;
  const f = lastLayerFn(engine, cfg, masks, split);
  const shuffleRng = createRng(seedFor(o.seed, 2));
  const snapshot = (): DynamicalParams => {
    const dyn = dynVars.map((v) => Float32Array.from(v.dataSync(), (t) => unit * t));
    const w = Float32Array.from(wout.dataSync());
    const b = Float32Array.from(bout.dataSync());
    if (!o.readoutNorm) return fromArrays(cfg, dyn, w, b);
    const folded = foldReadout(cfg, lastLayerStats(cfg, masks, dyn, data.train, engine), w, b);
    return fromArrays(cfg, dyn, folded.wout, folded.bout);
  };
  const history: EpochRecord[] = [];
  try {
    for (let epoch = 0; epoch < o.epochs; epoch++) {
      const te = performance.now();
      const lr = learningRate(epoch, o.lr0, o.lrDecay);
      // tfjs reads learningRate on every applyGradients; its typings mark the field protected
      (optimizer as unknown as { learningRate: number }).learningRate = lr;
      const order = permutation(data.train.count, shuffleRng);
      let lossSum = 0;
      let correct = 0;
      for (let start = 0; start < order.length; start += batchSize) {
        const idx = order.slice(start, start + batchSize);
        const { u, labels } = gather(data.train, idx, cfg.inputs);
        const B = idx.length;
        tf.tidy(() => {
          const onehot = tf.oneHot(tf.tensor1d(labels, 'int32'), cfg.classes);
          let logits: tf.Tensor | undefined;
          const { value, grads } = tf.variableGrads(() => {
            const y = f(dynVars.map((v) => tf.mul(v, unit)), u, B, data.train.steps);
            logits = tf.keep(tf.add(tf.matMul(o.readoutNorm ? standardise(y) : y, wout, false, true), bout));
            return tf.losses.softmaxCrossEntropy(onehot, logits) as tf.Scalar;
          }, vars);
          optimizer.applyGradients(Object.entries(grads).map(([name, g]) => ({ name, tensor: tf.clipByValue(g, -clip, clip) })));
          lossSum += value.dataSync()[0] * B;
          const pred = tf.argMax(logits!, 1).dataSync();
          for (let b = 0; b < B; b++) if (pred[b] === labels[b]) correct++;
          logits!.dispose();
        });
      }
      const rec: EpochRecord = {
        epoch,
        lr,
        trainLoss: lossSum / data.train.count,
        trainAccuracy: correct / data.train.count,
        seconds: (performance.now() - te) / 1000,
      };
      if (o.evalEachEpoch ?? true) {
        const ev = evaluate(cfg, masks, snapshot(), data.test, engine);
        rec.testLoss = ev.loss;
        rec.testAccuracy = ev.accuracy;
      }
      history.push(rec);
      o.onEpoch?.(rec);
    }
    const params = snapshot();
    return {
      masks,
      params,
      history,
      train: evaluate(cfg, masks, params, data.train, engine),
      test: evaluate(cfg, masks, params, data.test, engine),
      seconds: (performance.now() - t0) / 1000,
    };
  } finally {
    optimizer.dispose();
    vars.forEach((v) => v.dispose());
    void split?.close();
  }
}
