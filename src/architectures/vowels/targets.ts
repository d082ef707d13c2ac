// The output code during training: re-learned from the current lock patterns of the training set, then scored.
import type { VowelNetwork } from './model.ts';
import { decode, learnDecoder, patternOf, type PatternDecoder } from './readout.ts';
import type { VowelPrediction } from './predict.ts';

/** The code learned from D rows (learnDecoder on their patterns) and the accuracy of decoding them with it. */
export function codeAccuracy(D: readonly (readonly number[])[], y: readonly number[], classes: number): { decoder: PatternDecoder; accuracy: number } {
  const decoder = learnDecoder(D.map(patternOf), y, classes);
  const predicted = decode(D, decoder);
  return { decoder, accuracy: predicted.reduce((a, c, b) => a + (c === y[b] ? 1 : 0), 0) / y.length };
}

/** Re-learns `net.decoder` from a prediction on the training set (codeAccuracy); returns the accuracy under the new code. */
export function relearnCode(net: VowelNetwork, p: VowelPrediction, y: readonly number[]): number {
  const { decoder, accuracy } = codeAccuracy(p.D, y, net.description.classes.length);
  net.decoder = decoder;
  return accuracy;
}

/** Index into the code of each token's class word (-1 where its class has none). */
export function codeTargets(net: VowelNetwork, y: readonly number[]): number[] {
  return y.map((c) => net.decoder.entries.findIndex((e) => e.cls === c));
}
