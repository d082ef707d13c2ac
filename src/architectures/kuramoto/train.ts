// Offline training of a Kuramoto classifier (paper 000): E_tot by gradient through the Jacobian of the network, Adam.
import * as tf from '@tensorflow/tfjs';
import { seedFor } from '../../random/rng.ts';
import { KuramotoOperator } from '../../surrogate/kuramoto/op.ts';
import type { KuramotoPool } from '../../surrogate/kuramoto/pool.ts';
import { totalError } from './loss.ts';
import type { KuramotoClassifier } from './model.ts';
import { accuracy, errorOf, readOut } from './predict.ts';
import type { Examples } from './tasks.ts';

export interface TrainOptions {
  readonly iterations: number;
  /** Adam learning rate (paper: 0.03, default betas). */
  readonly learningRate?: number;
  /** Iteration t draws fresh initial phases from seedFor(seed, t). */
  readonly seed: number;
  readonly pool?: KuramotoPool;
  /** Gradient of locked pairs through their natural detuning (see totalError); default true. */
  readonly lockSurrogate?: boolean;
  readonly onIteration?: (t: number, loss: number, accuracy: number) => void;
}

/** Per iteration, measured on the training set before that iteration's update. */
export interface TrainHistory {
  readonly loss: number[];
  readonly accuracy: number[];
  /** Weights at each iteration (before its update), units of the model's frequency unit. */
  readonly weights: number[][][];
  /** Iteration whose weights the model holds at the end: the lowest training E_tot seen. */
  best: number;
}

/**
 * Trains in place with full-batch Adam and leaves the model at the iterate with the lowest training error E_tot (the
 * curves are noisy: every iteration draws new initial phases, and parts of the input space are chaotic).
 */
export async function trainOffline(model: KuramotoClassifier, data: Examples, o: TrainOptions): Promise<TrainHistory> {
  const d = model.description;
  const rows = [...new Set(d.outputPairs.flat())];
  const op = new KuramotoOperator(d.n, { settings: d.settings, rows, squash: d.squash, horizon: d.gradientHorizon ?? Infinity });
  const optimizer = tf.train.adam(o.learningRate ?? 0.03);
  const z = model.scale(data.x);
  const targets = data.y.map((v) => d.outputPairs.map(() => v));
  const couplingMHz = op.settings.coupling / 1e6;
  const history: TrainHistory = { loss: [], accuracy: [], weights: [], best: 0 };
  try {
    for (let t = 0; t < o.iterations; t++) {
      const F = tf.tidy(() => model.frequencies(z).dataSync());
      const ev = await op.evaluate(F, seedFor(o.seed, t), true, o.pool);
      const p = readOut(model, ev.fbar, op.settings.coupling);
      history.loss.push(errorOf(p, data.y));
      history.accuracy.push(accuracy(p, data.y));
      history.weights.push(model.weightValues());
      if (history.loss[t] < history.loss[history.best]) history.best = t;
      optimizer.minimize(
        () => {
          const F = model.frequencies(z);
          return totalError(op.apply(F, ev), d.outputPairs, targets, couplingMHz, (o.lockSurrogate ?? true) ? F : undefined);
        },
        false,
        [model.weights],
      );
      o.onIteration?.(t, history.loss[t], history.accuracy[t]);
    }
    if (o.iterations > 0) model.weights.assign(tf.tensor2d(history.weights[history.best]));
  } finally {
    z.dispose();
    optimizer.dispose();
  }
  return history;
}
