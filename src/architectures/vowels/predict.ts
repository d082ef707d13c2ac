// Inference with a vowel network: source frequencies -> natural frequencies -> forced oscillator network -> locks -> class.
import { ForcedOperator } from '../../surrogate/forced/op.ts';
import type { ForcedSettings } from '../../surrogate/forced/params.ts';
import type { VowelNetwork } from './model.ts';
import { decode, desynchronizations, patternOf, type LockPattern } from './readout.ts';

export interface VowelPrediction {
  /** Natural frequencies (MHz), batch x n. */
  readonly F: number[][];
  /** Mean frequencies f_bar (MHz), batch x n. */
  readonly fbar: number[][];
  /** D per (oscillator, source) pair, batch x (n * m), index i * m + s. */
  readonly D: number[][];
  readonly patterns: LockPattern[];
  /** Class index per example (-1 without a decoder). */
  readonly predicted: number[];
}

export interface VowelPredictOptions {
  /** Example b starts from phases drawn with seedFor(seed, b). */
  readonly seed: number;
  /** Override of the network's settings, e.g. a 10 ps step or phase noise. */
  readonly settings?: Partial<ForcedSettings>;
}

/** The operator of a network (settings optionally overridden). */
export function operatorOf(net: VowelNetwork, settings: Partial<ForcedSettings> = {}): ForcedOperator {
  return new ForcedOperator(net.description.n, { settings: { ...net.description.settings, ...settings } });
}

/** Runs the network on source frequencies fs (MHz pairs) and decodes each lock pattern. */
export function predictVowels(net: VowelNetwork, fs: readonly (readonly [number, number])[], o: VowelPredictOptions): VowelPrediction {
  const op = operatorOf(net, o.settings);
  const F = net.frequencyValues(fs);
  const ev = op.evaluate(F.flat(), fs.flat(), o.seed, false);
  return readPrediction(net, F, ev.fbar, fs);
}

/** Read-out of f_bar (Hz, flat batch x n) for natural frequencies F (MHz) and source frequencies fs (MHz). */
export function readPrediction(net: VowelNetwork, F: number[][], fbarHz: ArrayLike<number>, fs: readonly (readonly number[])[]): VowelPrediction {
  const { n, settings } = net.description;
  const fbar = F.map((_, b) => Array.from({ length: n }, (_, i) => fbarHz[b * n + i] / 1e6));
  const D = desynchronizations(fbar.flat(), fs.flat(), n, settings.injection.map((k) => k / 1e6));
  return { F, fbar, D, patterns: D.map(patternOf), predicted: decode(D, net.decoder) };
}

/** Fraction of examples whose predicted class is y. */
export function vowelAccuracy(p: VowelPrediction, y: readonly number[]): number {
  return p.predicted.reduce((a, c, t) => a + (c === y[t] ? 1 : 0), 0) / y.length;
}
