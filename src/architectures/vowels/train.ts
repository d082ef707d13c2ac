// Gradient training of a vowel network through the forced-Kuramoto operator (float64 Jacobian, custom gradient), full-batch Adam.
import * as tf from '@tensorflow/tfjs';
import { seedFor } from '../../random/rng.ts';
import { ForcedOperator } from '../../surrogate/forced/op.ts';
import { codeCrossEntropy, pairErrors } from './loss.ts';
import type { VowelNetwork } from './model.ts';
import { readPrediction } from './predict.ts';
import type { PatternDecoder } from './readout.ts';
import { codeTargets, relearnCode } from './targets.ts';
import type { VowelExamples } from './task.ts';

export interface GradientOptions {
  readonly iterations: number;
  /** Adam learning rate on weights in units of the network's frequencyUnitMHz. */
  readonly learningRate: number;
  /** Iteration t draws initial phases from seedFor(seed, t). */
  readonly seed: number;
  readonly onIteration?: (t: number, loss: number, accuracy: number) => void;
}

/** Per iteration, on the training set before that iteration's update. */
export interface VowelHistory {
  readonly loss: number[];
  readonly accuracy: number[];
  readonly weights: number[][][];
  readonly decoders: PatternDecoder[];
  /** Iteration whose weights and code the network holds at the end: the best training accuracy (first of equals). */
  best: number;
}

/**
 * Trains in place. Each iteration: run the training set, re-learn the output code (relearnCode), one Adam step on the
 * code cross-entropy (loss.ts). The network ends at the iterate with the best training accuracy.
 */
export function trainGradient(net: VowelNetwork, data: VowelExamples, o: GradientOptions): VowelHistory {
  const d = net.description;
  const op = new ForcedOperator(d.n, { settings: d.settings, horizon: d.gradientHorizon ?? Infinity });
  const injectionMhz = d.settings.injection.map((k) => k / 1e6);
  const optimizer = tf.train.adam(o.learningRate);
  const history: VowelHistory = { loss: [], accuracy: [], weights: [], decoders: [], best: 0 };
  try {
    for (let t = 0; t < o.iterations; t++) {
      const F = net.frequencyValues(data.fs);
      const ev = op.evaluate(F.flat(), data.fs.flat(), seedFor(o.seed, t), true);
      const accuracy = relearnCode(net, readPrediction(net, F, ev.fbar, data.fs), data.y);
      const words = net.decoder.entries.map((e) => e.pattern);
      const targets = codeTargets(net, data.y);
      history.weights.push(net.weightValues());
      history.decoders.push(net.decoder);
      history.accuracy.push(accuracy);
      if (accuracy > history.accuracy[history.best]) history.best = t;
      const loss = optimizer.minimize(
        () => {
          const Ft = net.frequencies(data.fs);
          return codeCrossEntropy(pairErrors(op.apply(Ft, ev), Ft, data.fs, injectionMhz), words, targets);
        },
        true,
        [net.weights],
      );
      history.loss.push(loss!.dataSync()[0]);
      loss!.dispose();
      o.onIteration?.(t, history.loss[t], accuracy);
    }
    if (o.iterations > 0) {
      net.setWeights(history.weights[history.best]);
      net.decoder = history.decoders[history.best];
    }
  } finally {
    optimizer.dispose();
  }
  return history;
}
