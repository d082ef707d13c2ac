// Offline training of a Kuramoto classifier (paper 000): E_tot by gradient through the Jacobian of the network, Adam.
import * as tf from '@tensorflow/tfjs';
import { seedFor } from '../../random/rng.ts';
import { KuramotoOperator, type Evaluation } from '../../surrogate/kuramoto/op.ts';
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
  /**
   * Coupling margin m (default 0): examples that must synchronize are run with coupling k (1 - m) and the others with
   * k (1 + m), so training asks for a lock that survives a weaker coupling and a drift that survives a stronger one:
   * a margin on both sides of every sync boundary (phase noise shrinks the effective lock range). D keeps nominal k.
   */
  readonly couplingMargin?: number;
  readonly onIteration?: (t: number, loss: number, accuracy: number) => void;
}

/**
 * Per iteration, measured on the training set before that iteration's update, in the training evaluation itself
 * (with a coupling margin, positives at k (1 - m) and negatives at k (1 + m): stricter than the nominal read-out).
 */
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
  const horizon = d.gradientHorizon ?? Infinity;
  const op = new KuramotoOperator(d.n, { settings: d.settings, rows, squash: d.squash, horizon });
  const m = o.couplingMargin ?? 0;
  const [weak, strong] = [1 - m, 1 + m].map(
    (f) => new KuramotoOperator(d.n, { settings: { ...d.settings, coupling: f * d.settings.coupling }, rows, squash: d.squash, horizon }),
  );
  const optimizer = tf.train.adam(o.learningRate ?? 0.03);
  const z = model.scale(data.x);
  const targets = data.y.map((v) => d.outputPairs.map(() => v));
  const couplingMHz = op.settings.coupling / 1e6;
  const history: TrainHistory = { loss: [], accuracy: [], weights: [], best: 0 };
  try {
    for (let t = 0; t < o.iterations; t++) {
      const F = tf.tidy(() => model.frequencies(z).dataSync());
      const ev = m === 0 ? await op.evaluate(F, seedFor(o.seed, t), true, o.pool) : await evaluateSplit(weak, strong, F, data.y, seedFor(o.seed, t), o.pool);
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

/**
 * Evaluates positives with `weak` and negatives with `strong` (same n, rows and seeds as one batch: example b starts
 * from seedFor(seed, b) either way) and merges them into one evaluation of the whole batch.
 */
async function evaluateSplit(weak: KuramotoOperator, strong: KuramotoOperator, F: ArrayLike<number>, y: readonly boolean[], seed: number, pool?: KuramotoPool): Promise<Evaluation> {
  const n = weak.n;
  const R = weak.rows.length;
  const fbar = new Float64Array(y.length * n);
  const jacobian = new Float64Array(y.length * R * n);
  for (const [op, want] of [[weak, true], [strong, false]] as const) {
    const members = y.flatMap((v, b) => (v === want ? [b] : []));
    if (members.length === 0) continue;
    const sub = Float64Array.from(members.flatMap((b) => Array.from({ length: n }, (_, i) => F[b * n + i])));
    const ev = await op.evaluate(sub, seed, true, pool, members.map((b) => seedFor(seed, b)));
    members.forEach((b, q) => {
      fbar.set(ev.fbar.subarray(q * n, (q + 1) * n), b * n);
      jacobian.set(ev.jacobian!.subarray(q * R * n, (q + 1) * R * n), b * R * n);
    });
  }
  return { F: Float64Array.from(F, (v) => v * 1e6), batch: y.length, seed, fbar, jacobian };
}
