// The experiment's online learning rule (Romera et al. 2018, paper 003) on the four bias currents of a reference network.
//
// Tokens are presented one at a time in a seeded random order. A misclassified token's target is the nearest lock
// pattern its class owns in the current output code; then for every oscillator i and source s whose lock differs:
//   should lock, does not:  I_i += eta * (f_s - f_bar_i) / kappa     (frequency moved towards the source)
//   locked, should not:     I_i += eta * k_s * sign(F_i - f_s) / kappa (pushed out of the locking window)
// With F = F0 + kappa * I these are the frequency steps eta (f_s - f_bar_i) and eta k_s sign(F_i - f_s), which is how
// the weights (natural frequencies) are updated here. The output code is re-learned after each pass. The slides give
// the rule's idea (tune the currents to move oscillators into or out of synchronization); the step sizes are ours.
import { createRng, permutation, seedFor } from '../../random/rng.ts';
import type { VowelNetwork } from './model.ts';
import { operatorOf, predictVowels, readPrediction } from './predict.ts';
import { decode, nearestEntry } from './readout.ts';
import { relearnCode } from './targets.ts';
import type { VowelExamples } from './task.ts';
import type { VowelHistory } from './train.ts';

export interface OnlineOptions {
  /** Passes over the training tokens. */
  readonly epochs: number;
  /** Fraction of the frequency error corrected per presentation. */
  readonly eta: number;
  readonly seed: number;
  readonly onEpoch?: (epoch: number, accuracy: number) => void;
}

/** Trains a reference network in place; history per pass (accuracy with the code re-learned at the pass start). */
export function trainOnline(net: VowelNetwork, data: VowelExamples, o: OnlineOptions): VowelHistory {
  const d = net.description;
  if (d.arch !== 'reference') throw new Error('the online rule tunes the bias currents of a reference network');
  const op = operatorOf(net);
  const m = d.settings.injection.length;
  const injectionMhz = d.settings.injection.map((k) => k / 1e6);
  const unit = d.frequencyUnitMHz;
  const history: VowelHistory = { loss: [], accuracy: [], weights: [], decoders: [], best: 0 };
  for (let e = 0; e <= o.epochs; e++) {
    const accuracy = relearnCode(net, predictVowels(net, data.fs, { seed: seedFor(o.seed, 2 * e) }), data.y);
    history.weights.push(net.weightValues());
    history.decoders.push(net.decoder);
    history.accuracy.push(accuracy);
    history.loss.push(1 - accuracy);
    if (accuracy > history.accuracy[history.best]) history.best = e;
    o.onEpoch?.(e, accuracy);
    if (e === o.epochs) break;
    const order = permutation(data.y.length, createRng(seedFor(o.seed, 2 * e + 1)));
    order.forEach((t, step) => {
      const fs = [data.fs[t]];
      const F = net.frequencyValues(fs)[0];
      const ev = op.evaluate(F, fs[0], seedFor(seedFor(o.seed, 2 * e + 1), step), false);
      const p = readPrediction(net, [F], ev.fbar, fs);
      if (decode(p.D, net.decoder)[0] === data.y[t]) return;
      const target = nearestEntry(p.D[0], net.decoder, (cls) => cls === data.y[t])?.pattern;
      if (target === undefined) return;
      for (let i = 0; i < d.n; i++) {
        for (let s = 0; s < m; s++) {
          const want = ((target >> (i * m + s)) & 1) === 1;
          const locked = p.D[0][i * m + s] <= 1;
          if (want && !locked) F[i] += o.eta * (fs[0][s] - p.fbar[0][i]);
          if (!want && locked) F[i] += o.eta * injectionMhz[s] * (F[i] >= fs[0][s] ? 1 : -1);
        }
      }
      net.setWeights(F.map((v) => [v / unit]));
    });
  }
  net.setWeights(history.weights[history.best]);
  net.decoder = history.decoders[history.best];
  return history;
}
