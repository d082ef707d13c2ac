// The reference approach's online learning rule (Vassilieva et al. 2011, as described in paper 000) as a baseline.
//
// Examples are presented one at a time; only the natural frequencies of the output pair's tuning oscillators move:
// a pair that should synchronize but does not is pulled together by eta * (f_bar_j - f_bar_i) / 2 each; a pair that
// synchronizes but should not is pushed apart by eta * k / 2 each, away from each other. Paper 000 gives the rule only
// in words; the step sizes here are ours (eta = 0.1).
import * as tf from '@tensorflow/tfjs';
import { seedFor } from '../../random/rng.ts';
import { KuramotoOperator } from '../../surrogate/kuramoto/op.ts';
import type { KuramotoClassifier } from './model.ts';
import { readOut } from './predict.ts';
import type { Examples } from './tasks.ts';

/** Runs `iterations` passes over the examples; returns the training accuracy counted during each pass. */
export function trainOnline(model: KuramotoClassifier, data: Examples, iterations: number, seed: number, eta = 0.1): number[] {
  const d = model.description;
  if (d.arch !== 'reference') throw new Error('the online rule trains the tuning oscillators of a reference classifier');
  const op = new KuramotoOperator(d.n, { settings: d.settings });
  const [i, j] = d.outputPairs[0];
  const unit = d.frequencyUnitMHz;
  const kMHz = op.settings.coupling / 1e6;
  const accuracies: number[] = [];
  for (let t = 0; t < iterations; t++) {
    let correct = 0;
    data.x.forEach((x, m) => {
      const F = tf.tidy(() => model.frequencies(model.scale([x])).dataSync());
      const ev = op.evaluateSync(F, seedFor(seed, t * data.x.length + m), false);
      const p = readOut(model, ev.fbar, op.settings.coupling);
      if (p.positive[0] === data.y[m]) {
        correct++;
        return;
      }
      const T = model.weightValues();
      const [ti, tj] = [i - d.inputs, j - d.inputs];
      if (data.y[m]) {
        const gap = (ev.fbar[j] - ev.fbar[i]) / 1e6;
        T[ti][0] += (eta * gap) / 2 / unit;
        T[tj][0] -= (eta * gap) / 2 / unit;
      } else {
        const side = F[i] <= F[j] ? -1 : 1;
        T[ti][0] += (side * eta * kMHz) / 2 / unit;
        T[tj][0] -= (side * eta * kMHz) / 2 / unit;
      }
      model.weights.assign(tf.tensor2d(T));
    });
    accuracies.push(correct / data.x.length);
  }
  return accuracies;
}
