// The reference approach's online learning rule (Vassilieva et al. 2011, as described in paper 000) as a baseline.
//
// Paper 000 (section III): the rule "adjusts the natural frequencies of the output oscillators according to the sum of
// observed frequency differences, weighted by a factor depending if the oscillators are to or not to synchronize",
// reinforcing expected synchronizations and weakening unexpected ones, and acts on the output pair (i, j) only. Our
// reading: each iteration presents every example, then moves the pair symmetrically by the sum over its errors,
//   Delta F_i = -Delta F_j = (eta / M) [ sum over unsynchronized positives of clip(f_bar_j - f_bar_i, +-k/2)
//                                      - sum over synchronized negatives of sign(F_j - F_i) k / 2 ],
// pulling by the observed difference where the pair should lock, pushing by the lock threshold k/2 (the observed
// difference of a locked pair is zero) where it should not. Only the size of the sync region changes, as paper 000
// says. Ours: the step eta, the batch (not per-example) update, and the clip: updating after every one of the 1156
// examples made the pair swing between a too-wide and a too-narrow region (37.7 % on the diagonal task), and unclipped
// pulls (~40 MHz per missed positive against 5 MHz per false positive) grew the region to a cross (54 %).
import * as tf from '@tensorflow/tfjs';
import { seedFor } from '../../random/rng.ts';
import { KuramotoOperator } from '../../surrogate/kuramoto/op.ts';
import type { KuramotoPool } from '../../surrogate/kuramoto/pool.ts';
import type { KuramotoClassifier } from './model.ts';
import { accuracy, readOut } from './predict.ts';
import type { Examples } from './tasks.ts';

/** Default step eta: 100 errors among 1156 examples move each frequency by ~1.7 MHz per iteration. */
export const ONLINE_STEP = 4;

/**
 * Runs `iterations` passes over the examples (iteration t draws its initial phases from seedFor(seed, t)); returns
 * the training accuracy measured in each pass (before its update) and the tuning frequencies (MHz) after each pass.
 */
export async function trainOnline(
  model: KuramotoClassifier,
  data: Examples,
  iterations: number,
  seed: number,
  o: { eta?: number; pool?: KuramotoPool } = {},
): Promise<{ accuracy: number[]; tuningMHz: number[][] }> {
  const d = model.description;
  if (d.arch !== 'reference') throw new Error('the online rule trains the tuning oscillators of a reference classifier');
  const op = new KuramotoOperator(d.n, { settings: d.settings });
  const [i, j] = d.outputPairs[0];
  const [ti, tj] = [i - d.inputs, j - d.inputs];
  if (ti < 0 || tj < 0) throw new Error('the online rule needs an output pair of tuning oscillators');
  const eta = o.eta ?? ONLINE_STEP;
  const kMHz = op.settings.coupling / 1e6;
  const z = model.scale(data.x);
  const history = { accuracy: [] as number[], tuningMHz: [] as number[][] };
  try {
    for (let t = 0; t < iterations; t++) {
      const F = tf.tidy(() => model.frequencies(z).dataSync());
      const ev = await op.evaluate(F, seedFor(seed, t), false, o.pool);
      const p = readOut(model, ev.fbar, op.settings.coupling);
      history.accuracy.push(accuracy(p, data.y));
      let pull = 0;
      data.y.forEach((target, m) => {
        if (target && !p.positive[m]) pull += Math.max(-kMHz / 2, Math.min(kMHz / 2, (ev.fbar[m * d.n + j] - ev.fbar[m * d.n + i]) / 1e6));
        if (!target && p.positive[m]) pull -= (F[m * d.n + j] >= F[m * d.n + i] ? 1 : -1) * (kMHz / 2);
      });
      pull /= data.y.length;
      const T = model.weightValues();
      T[ti][0] += (eta * pull) / d.frequencyUnitMHz;
      T[tj][0] -= (eta * pull) / d.frequencyUnitMHz;
      model.weights.assign(tf.tensor2d(T));
      history.tuningMHz.push(T.map((r) => r[0] * d.frequencyUnitMHz));
    }
  } finally {
    z.dispose();
  }
  return history;
}
