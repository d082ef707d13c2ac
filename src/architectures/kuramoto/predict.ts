// Inference with a Kuramoto classifier: natural frequencies -> oscillator network -> synchronization of the output pairs.
import * as tf from '@tensorflow/tfjs';
import { KuramotoOperator } from '../../surrogate/kuramoto/op.ts';
import type { KuramotoSettings } from '../../surrogate/kuramoto/params.ts';
import type { KuramotoPool } from '../../surrogate/kuramoto/pool.ts';
import { desynchronization, pairError } from './loss.ts';
import type { KuramotoClassifier } from './model.ts';

export interface Prediction {
  /** Mean frequencies f_bar (Hz), batch x n. */
  readonly fbarHz: number[][];
  /** Desynchronization D of every output pair, batch x pairs. */
  readonly D: number[][];
  /** Synchronized (D <= 1) per output pair. */
  readonly sync: boolean[][];
  /** The class read from the first output pair: true = synchronized = positive. */
  readonly positive: boolean[];
}

export interface PredictOptions {
  /** Seed of the initial phases (example m uses seedFor(seed, m)). */
  readonly seed: number;
  /** Override of the model's network settings, e.g. a 10 ps reference step or phase noise (linewidth). */
  readonly settings?: Partial<KuramotoSettings>;
  readonly pool?: KuramotoPool;
}

/** Runs the classifier on raw features x. */
export async function predict(model: KuramotoClassifier, x: number[][], o: PredictOptions): Promise<Prediction> {
  const d = model.description;
  const op = new KuramotoOperator(d.n, { settings: { ...d.settings, ...o.settings } });
  const F = tf.tidy(() => model.frequencies(model.scale(x)).dataSync());
  const ev = await op.evaluate(F, o.seed, false, o.pool);
  return readOut(model, ev.fbar, op.settings.coupling);
}

/** Read-out of f_bar (Hz, flat batch x n) through the model's output pairs. */
export function readOut(model: KuramotoClassifier, fbar: Float64Array, couplingHz: number): Prediction {
  const { n, outputPairs } = model.description;
  const batch = fbar.length / n;
  const fbarHz = Array.from({ length: batch }, (_, b) => Array.from(fbar.subarray(b * n, (b + 1) * n)));
  const D = fbarHz.map((f) => outputPairs.map(([i, j]) => desynchronization(f[i], f[j], couplingHz)));
  const sync = D.map((r) => r.map((v) => v <= 1));
  return { fbarHz, D, sync, positive: sync.map((r) => r[0]) };
}

/** Fraction of examples whose class matches the targets. */
export function accuracy(p: Prediction, y: readonly boolean[]): number {
  return p.positive.reduce((a, v, m) => a + (v === y[m] ? 1 : 0), 0) / y.length;
}

/** E_tot of a prediction (eqs. 1, 3, 4) with the same target for every output pair. */
export function errorOf(p: Prediction, y: readonly boolean[]): number {
  return p.D.reduce((a, r, m) => a + r.reduce((s, D) => s + pairError(D, y[m]), 0), 0) / y.length;
}
