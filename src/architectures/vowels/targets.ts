// The output code during training: re-learned from the current lock patterns of the training set, then scored.
import type { VowelNetwork } from './model.ts';
import { decode, learnDecoder } from './readout.ts';
import type { VowelPrediction } from './predict.ts';

/** Re-learns `net.decoder` from a prediction on the training set (learnDecoder); returns the accuracy under the new code. */
export function relearnCode(net: VowelNetwork, p: VowelPrediction, y: readonly number[]): number {
  net.decoder = learnDecoder(p.patterns, y, net.description.classes.length);
  const predicted = decode(p.D, net.decoder);
  return predicted.reduce((a, c, b) => a + (c === y[b] ? 1 : 0), 0) / y.length;
}

/** Index into the code of each token's class word (-1 where its class has none). */
export function codeTargets(net: VowelNetwork, y: readonly number[]): number[] {
  return y.map((c) => net.decoder.entries.findIndex((e) => e.cls === c));
}
