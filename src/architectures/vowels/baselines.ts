// Software baselines on the vowel task: small softmax networks on the same scaled inputs, by trained-parameter count.
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../../random/rng.ts';
import type { InputMapping, VowelExamples } from './task.ts';

/** Inputs z in [0, 1]^2: each source frequency relative to its band (what the extended network sees). */
export function scaledInputs(fs: readonly (readonly number[])[], mapping: InputMapping): number[][] {
  const { A, B } = mapping;
  return fs.map(([a, b]) => [(a - A.bandMHz[0]) / (A.bandMHz[1] - A.bandMHz[0]), (b - B.bandMHz[0]) / (B.bandMHz[1] - B.bandMHz[0])]);
}

/** Trained parameters of a softmax network 2 -> h tanh -> C (h = 0: linear softmax 2 -> C). */
export const softmaxNetworkParameters = (hidden: number, classes: number) => (hidden === 0 ? 3 * classes : 3 * hidden + (hidden + 1) * classes);

export interface BaselineResult {
  readonly hidden: number;
  readonly parameters: number;
  readonly train: number;
  readonly test: number;
}

/**
 * A softmax network 2 -> h tanh -> C (linear softmax when h = 0), cross-entropy, full-batch Adam (lr 0.03) for
 * `iterations` steps from Glorot-uniform weights drawn with `seed`, zero biases. Accuracies as fractions.
 */
export function trainSoftmaxNetwork(
  train: VowelExamples,
  test: VowelExamples,
  mapping: InputMapping,
  classes: number,
  hidden: number,
  iterations: number,
  seed: number,
): BaselineResult {
  const rng = createRng(seed);
  const glorot = (fanIn: number, fanOut: number) => {
    const a = Math.sqrt(6 / (fanIn + fanOut));
    return tf.variable(tf.tensor2d(Array.from({ length: fanIn }, () => Array.from({ length: fanOut }, () => a * (2 * rng.uniform() - 1)))));
  };
  const layers = hidden === 0 ? [[glorot(2, classes), tf.variable(tf.zeros([classes]))]] : [
    [glorot(2, hidden), tf.variable(tf.zeros([hidden]))],
    [glorot(hidden, classes), tf.variable(tf.zeros([classes]))],
  ];
  const logits = (x: tf.Tensor2D) => layers.reduce<tf.Tensor2D>((h, [W, b], l) => {
    const z = h.matMul(W as tf.Tensor2D).add(b) as tf.Tensor2D;
    return l < layers.length - 1 ? z.tanh() : z;
  }, x);
  const xTrain = tf.tensor2d(scaledInputs(train.fs, mapping));
  const yTrain = tf.oneHot(tf.tensor1d(train.y as number[], 'int32'), classes);
  const optimizer = tf.train.adam(0.03);
  for (let t = 0; t < iterations; t++) optimizer.minimize(() => tf.losses.softmaxCrossEntropy(yTrain, logits(xTrain)) as tf.Scalar);
  const accuracy = (ex: VowelExamples) =>
    tf.tidy(() => {
      const p = logits(tf.tensor2d(scaledInputs(ex.fs, mapping))).argMax(1).dataSync();
      return ex.y.reduce((a, c, t) => a + (p[t] === c ? 1 : 0), 0) / ex.y.length;
    });
  const result = { hidden, parameters: softmaxNetworkParameters(hidden, classes), train: accuracy(train), test: accuracy(test) };
  tf.dispose([...layers.flat(), xTrain, yTrain]);
  optimizer.dispose();
  return result;
}

/**
 * Gaussian classifier with one full covariance per class (quadratic discriminant, equal priors) on the formants:
 * 5 parameters per class (mean 2, covariance 3). The context row: what (F1, F2) alone allows.
 */
export function gaussianClassifier(train: VowelExamples, test: VowelExamples, classes: number): { parameters: number; train: number; test: number } {
  const x = (ex: VowelExamples) => ex.tokens.map((t) => [t.F1, t.F2]);
  const xs = x(train);
  const models = Array.from({ length: classes }, (_, c) => {
    const rows = xs.filter((_, t) => train.y[t] === c);
    const mean = [0, 1].map((j) => rows.reduce((a, r) => a + r[j], 0) / rows.length);
    const cov = (i: number, j: number) => rows.reduce((a, r) => a + (r[i] - mean[i]) * (r[j] - mean[j]), 0) / (rows.length - 1);
    const [a, b, d] = [cov(0, 0), cov(0, 1), cov(1, 1)];
    const det = a * d - b * b;
    return { mean, inv: [d / det, -b / det, a / det], logDet: Math.log(det) };
  });
  const classify = (r: number[]) => {
    const scores = models.map(({ mean, inv, logDet }) => {
      const [u, v] = [r[0] - mean[0], r[1] - mean[1]];
      return -0.5 * (inv[0] * u * u + 2 * inv[1] * u * v + inv[2] * v * v) - 0.5 * logDet;
    });
    return scores.indexOf(Math.max(...scores));
  };
  const accuracy = (ex: VowelExamples) => x(ex).reduce((acc, r, t) => acc + (classify(r) === ex.y[t] ? 1 : 0), 0) / ex.y.length;
  return { parameters: 5 * classes, train: accuracy(train), test: accuracy(test) };
}
