// Software baselines of paper 000: a perceptron and a two-layer tanh network (same input scaling as the classifiers).
import * as tf from '@tensorflow/tfjs';
import { createRng, permutation } from '../../random/rng.ts';
import type { InputScaling } from './model.ts';
import type { Examples } from './tasks.ts';

const scaled = (x: number[][], s: InputScaling) => x.map((r) => r.map((v, j) => (v - s.min[j]) / (s.max[j] - s.min[j] || 1)));

/** Rosenblatt perceptron on [z; 1], `epochs` passes in seeded random order; returns test accuracy and the weights. */
export function trainPerceptron(train: Examples, test: Examples, scaling: InputScaling, epochs: number, seed: number) {
  const z = scaled(train.x, scaling);
  const d = z[0].length;
  const w = new Array<number>(d + 1).fill(0);
  const out = (r: number[]) => r.reduce((a, v, j) => a + v * w[j], w[d]) > 0;
  const rng = createRng(seed);
  for (let e = 0; e < epochs; e++) {
    for (const m of permutation(z.length, rng)) {
      const err = (train.y[m] ? 1 : 0) - (out(z[m]) ? 1 : 0);
      if (err === 0) continue;
      z[m].forEach((v, j) => (w[j] += err * v));
      w[d] += err;
    }
  }
  const acc = (ex: Examples) => scaled(ex.x, scaling).reduce((a, r, m) => a + (out(r) === ex.y[m] ? 1 : 0), 0) / ex.y.length;
  return { train: acc(train), test: acc(test), weights: w };
}

/** Parameters of a d-input, h-hidden, 1-output two-layer network: (d + 1) h + h + 1. */
export const tanhNetworkParameters = (d: number, h: number) => (d + 1) * h + h + 1;

/**
 * Two-layer tanh network x -> tanh(W1 z + b1) -> sigmoid(w2 . + b2), binary cross-entropy, full-batch Adam at the
 * classifiers' learning rate and iteration count; Glorot-uniform initial weights from `seed`.
 */
export function trainTanhNetwork(train: Examples, test: Examples, scaling: InputScaling, hidden: number, iterations: number, seed: number, learningRate = 0.03) {
  const rng = createRng(seed);
  const d = scaling.min.length;
  const glorot = (fanIn: number, fanOut: number) => {
    const a = Math.sqrt(6 / (fanIn + fanOut));
    return Array.from({ length: fanIn }, () => Array.from({ length: fanOut }, () => a * (2 * rng.uniform() - 1)));
  };
  const W1 = tf.variable(tf.tensor2d(glorot(d, hidden)));
  const b1 = tf.variable(tf.zeros([hidden]));
  const W2 = tf.variable(tf.tensor2d(glorot(hidden, 1)));
  const b2 = tf.variable(tf.zeros([1]));
  const logits = (x: tf.Tensor2D) => x.matMul(W1).add(b1).tanh().matMul(W2).add(b2);
  const xTrain = tf.tensor2d(scaled(train.x, scaling));
  const yTrain = tf.tensor2d(train.y.map((v) => [v ? 1 : 0]));
  const optimizer = tf.train.adam(learningRate);
  for (let t = 0; t < iterations; t++) {
    optimizer.minimize(() => tf.losses.sigmoidCrossEntropy(yTrain, logits(xTrain)) as tf.Scalar);
  }
  const acc = (ex: Examples) =>
    tf.tidy(() => {
      const p = logits(tf.tensor2d(scaled(ex.x, scaling))).dataSync();
      return ex.y.reduce((a, v, m) => a + ((p[m] > 0) === v ? 1 : 0), 0) / ex.y.length;
    });
  const result = { train: acc(train), test: acc(test), parameters: tanhNetworkParameters(d, hidden) };
  tf.dispose([W1, b1, W2, b2, xTrain, yTrain]);
  optimizer.dispose();
  return result;
}
