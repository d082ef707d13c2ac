// The vowel network of paper 003: four STNOs on one line, two RF inputs; reference (4 bias currents) or extended (F = W [z; 1]).
import * as tf from '@tensorflow/tfjs';
import { InputError } from '../../errors.ts';
import { stnoPhase, stnoPhaseBiasFor } from '../../devices/stnoPhase.ts';
import { resolveForcedSettings, type ForcedSettings } from '../../surrogate/forced/params.ts';
import type { PatternDecoder } from './readout.ts';
import type { InputMapping } from './task.ts';

export type VowelArchitecture = 'reference' | 'extended';
export const VOWEL_ARCHITECTURES: readonly VowelArchitecture[] = ['reference', 'extended'];

/**
 * Physics of the network (SI). Injection k_A = k_B = 15 MHz: a 30 MHz locking window spans about one vowel cluster on
 * a source's 90 MHz band. Mutual coupling k = 1 MHz, 15 times weaker than the injection (the rfSources then deliver
 * 225 Posc): the RF inputs dominate, as in the experiment, and the network stays smooth enough in F for gradients
 * (at k = 5 MHz nearby oscillators lock to each other and f_bar jumps with F, and gradient training stalled).
 * Paper 000's T = 1 us and tau = 0.5 us; a 100 ps Euler step (the lock boundary moves by < 0.2 % of k_s against
 * 10 ps, test/surrogate/forced.test.ts).
 */
export const VOWEL_SETTINGS: ForcedSettings = resolveForcedSettings({ coupling: 1e6, injection: [15e6, 15e6], dt: 100e-12 });

/** Everything that defines a network except its trained values. JSON-serialisable. */
export interface VowelNetworkDescription {
  readonly arch: VowelArchitecture;
  /** Oscillators N (4 in the experiment). */
  readonly n: number;
  readonly settings: ForcedSettings;
  /** Natural frequencies are clipped to this tuning band (MHz), the stnoPhase default [Fmin, Fmax]. */
  readonly tuningRangeMHz: readonly [number, number];
  /** Unit of the trainable weights (MHz). */
  readonly frequencyUnitMHz: number;
  /** Formants -> source frequencies. */
  readonly mapping: InputMapping;
  /** Class names, in class-index order. */
  readonly classes: readonly string[];
  /** Truncated-sensitivity horizon (s) of the training gradient; null = exact Jacobian. */
  readonly gradientHorizon: number | null;
}

/** Oscillators of the vowel network (the experiment's four). */
export const VOWEL_OSCILLATORS = 4;

/** Trainable weights are frequencies in units of 10 MHz: Adam's step then moves a frequency by ~lr * 10 MHz. */
export const VOWEL_FREQUENCY_UNIT_MHZ = 10;

export const TUNING_RANGE_MHZ: readonly [number, number] = [stnoPhase.params.Fmin.default / 1e6, stnoPhase.params.Fmax.default / 1e6];

/** A vowel network: description, weights (reference: n x 1 natural frequencies; extended: n x 3 matrix W) and output code. */
export class VowelNetwork {
  readonly weights: tf.Variable;
  decoder: PatternDecoder;

  constructor(
    readonly description: VowelNetworkDescription,
    weights: number[][],
    decoder: PatternDecoder = { entries: [] },
  ) {
    const d = description;
    if (!VOWEL_ARCHITECTURES.includes(d.arch)) throw new InputError(`must be reference or extended, got '${d.arch}'`, 'arch');
    if (!Number.isInteger(d.n) || d.n < 1) throw new InputError(`must be an integer >= 1, got ${d.n}`, 'n');
    if (d.settings.injection.length !== 2) throw new InputError('the vowel network has two RF sources (A, B)', 'settings.injection');
    const cols = d.arch === 'reference' ? 1 : 3;
    if (weights.length !== d.n || weights.some((r) => r.length !== cols)) throw new InputError(`weights must be ${d.n} x ${cols}`, 'weights');
    this.weights = tf.variable(tf.tensor2d(weights), true);
    this.decoder = decoder;
  }

  /** Scaled inputs z in [0, 1]^2 (scaledInput) as a tensor. */
  scale(fsMhz: readonly (readonly number[])[]): tf.Tensor2D {
    return tf.tensor2d(fsMhz.map((f) => scaledInput(this.description.mapping, f)));
  }

  /** Natural frequencies (batch x n, MHz) for source frequencies, clipped to the tuning band; differentiable in the weights. Same values as naturalFrequencies(). */
  frequencies(fsMhz: readonly (readonly number[])[]): tf.Tensor2D {
    const d = this.description;
    const [lo, hi] = d.tuningRangeMHz;
    return tf.tidy(() => {
      const raw =
        d.arch === 'reference'
          ? this.weights.transpose().tile([fsMhz.length, 1])
          : tf.concat([this.scale(fsMhz), tf.ones([fsMhz.length, 1])], 1).matMul(this.weights, false, true);
      return tf.clipByValue(raw.mul(d.frequencyUnitMHz), lo, hi) as tf.Tensor2D;
    });
  }

  /** Natural frequencies (MHz) as plain numbers. */
  frequencyValues(fsMhz: readonly (readonly number[])[]): number[][] {
    return tf.tidy(() => this.frequencies(fsMhz).arraySync() as number[][]);
  }

  /** Bias currents (A) that set those frequencies on stnoPhase devices with default F0, kappa: the circuit's knobs. */
  biasCurrents(fsMhz: readonly (readonly number[])[]): number[][] {
    const p = stnoPhase.defaults();
    return this.frequencyValues(fsMhz).map((row) => row.map((F) => stnoPhaseBiasFor(p, F * 1e6)));
  }

  get parameterCount(): number {
    return this.weights.size;
  }

  weightValues(): number[][] {
    return this.weights.arraySync() as number[][];
  }

  setWeights(w: number[][]): void {
    this.weights.assign(tf.tensor2d(w));
  }
}

/** Scaled input z in [0, 1]^2 of source frequencies f = [f_A, f_B] (MHz): each relative to its source's band. */
export function scaledInput(mapping: InputMapping, [a, b]: readonly number[]): [number, number] {
  const { A, B } = mapping;
  return [(a - A.bandMHz[0]) / (A.bandMHz[1] - A.bandMHz[0]), (b - B.bandMHz[0]) / (B.bandMHz[1] - B.bandMHz[0])];
}

/** Natural frequency (MHz) of one oscillator with weight row w (reference [F], extended [w_A, w_B, bias]; weight units) at scaled input z, clipped to the tuning band. */
export function rowFrequency(d: VowelNetworkDescription, w: readonly number[], z: readonly number[]): number {
  const [lo, hi] = d.tuningRangeMHz;
  return Math.min(hi, Math.max(lo, (d.arch === 'reference' ? w[0] : w[0] * z[0] + w[1] * z[1] + w[2]) * d.frequencyUnitMHz));
}

/** Natural frequencies (MHz) of a network with `weights` for source frequencies fs (MHz), in plain float64 (searches). */
export function naturalFrequencies(d: VowelNetworkDescription, weights: readonly (readonly number[])[], fs: readonly (readonly number[])[]): number[][] {
  return fs.map((f) => {
    const z = scaledInput(d.mapping, f);
    return weights.map((w) => rowFrequency(d, w, z));
  });
}
