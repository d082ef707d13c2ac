// Oscillator classifiers of paper 000: extended (F = W [x; 1]) and reference (input + tuning oscillators), JSON round trip.
import * as tf from '@tensorflow/tfjs';
import { InputError } from '../../errors.ts';
import { createRng } from '../../random/rng.ts';
import { clipNaturalFrequencies, TUNING_RANGE_MHZ } from '../../surrogate/kuramoto/op.ts';
import { resolveSettings, type KuramotoSettings } from '../../surrogate/kuramoto/params.ts';

export type Architecture = 'extended' | 'reference';
export const ARCHITECTURES: readonly Architecture[] = ['extended', 'reference'];

/**
 * Trainable parameters are natural frequencies in units of 30 MHz, so Adam's lr 0.03 moves each weight by about
 * 0.9 MHz a step: ~k/10, fine enough to place synchronization boundaries (paper 000 does not give its units).
 * Used for random starts, which must travel far (the reference classifier).
 */
export const FREQUENCY_UNIT_MHZ = 30;

/**
 * Unit for an extended classifier trained from a data-driven start (starts.ts): 10 MHz, 0.3 MHz per Adam step. The
 * start already places the boundaries; with 30 MHz the first steps move a natural frequency by up to ~4 MHz (five
 * weights), more than the start's margin, and the kept iterate fitted training outliers instead (Iris, splits 1-4).
 */
export const REFINEMENT_FREQUENCY_UNIT_MHZ = 10;

/**
 * Default truncated-BPTT horizon of the training gradient (s). Over the full 1 us the N = 6 network is chaotic and
 * the exact Jacobian (tanh-squashed or not) was not a descent direction in line searches on Iris; forgetting
 * sensitivities older than ~20 ns gave one. The price: a bias even where the exact gradient is fine (a locked N = 4
 * network gets Jacobian entries 0.38 instead of 1/4); the exact Jacobian is one null away (gradientHorizon: null).
 */
export const DEFAULT_GRADIENT_HORIZON = 20e-9;

/** Everything that defines a classifier except its trained values. JSON-serialisable. */
export interface ClassifierDescription {
  readonly arch: Architecture;
  /** Number of oscillators N. */
  readonly n: number;
  /** Input dimension dim(x). Reference: oscillators 0..inputs-1 are the input oscillators (N_I = inputs). */
  readonly inputs: number;
  /** Output pairs (0-based oscillator indices); a pair reads 'synchronized' when D <= 1. */
  readonly outputPairs: readonly (readonly [number, number])[];
  /** Natural-frequency clip range (MHz); reference inputs are mapped linearly onto it. */
  readonly tuningRangeMHz: readonly [number, number];
  readonly frequencyUnitMHz: number;
  /** Oscillator network settings (SI). */
  readonly settings: KuramotoSettings;
  /** tanh squashing of the Jacobian during training. */
  readonly squash: boolean;
  /** Truncated-BPTT horizon (s) of the training gradient; null = exact Jacobian. */
  readonly gradientHorizon: number | null;
}

/** Feature scaling x -> z = (x - min) / (max - min), part of the model. */
export interface InputScaling {
  readonly min: readonly number[];
  readonly max: readonly number[];
}

/** A classifier: description, input scaling and trainable weights (tf.Variable). */
export class KuramotoClassifier {
  /** Extended: W, n x (inputs + 1). Reference: tuning frequencies, (n - inputs) x 1. In units of frequencyUnitMHz. */
  readonly weights: tf.Variable;

  constructor(
    readonly description: ClassifierDescription,
    readonly scaling: InputScaling,
    weights: number[][],
  ) {
    checkDescription(description, scaling);
    const shape = weightShape(description);
    if (weights.length !== shape[0] || weights.some((r) => r.length !== shape[1])) {
      throw new InputError(`weights must be ${shape[0]} x ${shape[1]}`, 'weights');
    }
    this.weights = tf.variable(tf.tensor2d(weights), true);
  }

  /** Scaled inputs z in [0, 1] for raw features x (batch x inputs). */
  scale(x: number[][]): tf.Tensor2D {
    const { min, max } = this.scaling;
    return tf.tensor2d(x.map((r) => r.map((v, j) => (v - min[j]) / (max[j] - min[j] || 1))));
  }

  /** Natural frequencies F (batch x n, MHz) for scaled inputs z, clipped to the tuning range. Differentiable in the weights. */
  frequencies(z: tf.Tensor2D): tf.Tensor2D {
    const d = this.description;
    const unit = d.frequencyUnitMHz;
    return tf.tidy(() => {
      if (d.arch === 'extended') {
        const ones = tf.ones([z.shape[0], 1]);
        return clipNaturalFrequencies(tf.concat([z, ones], 1).matMul(this.weights, false, true).mul(unit)) as tf.Tensor2D;
      }
      const [lo, hi] = d.tuningRangeMHz;
      const inputs = z.mul(hi - lo).add(lo);
      const tuning = clipNaturalFrequencies(this.weights.transpose().mul(unit)).tile([z.shape[0], 1]);
      return tf.concat([inputs, tuning], 1) as tf.Tensor2D;
    });
  }

  /** Natural frequencies (Hz) for raw features: the values to program into the STNO biases. */
  naturalFrequenciesHz(x: number[][]): number[][] {
    return tf.tidy(() => (this.frequencies(this.scale(x)).mul(1e6).arraySync() as number[][]));
  }

  /** Number of trained parameters. */
  get parameterCount(): number {
    return this.weights.size;
  }

  /** Current weights as plain arrays. */
  weightValues(): number[][] {
    return this.weights.arraySync() as number[][];
  }
}

/** Options to create a fresh classifier. */
export interface CreateOptions {
  readonly arch: Architecture;
  readonly n: number;
  readonly scaling: InputScaling;
  readonly outputPairs?: readonly (readonly [number, number])[];
  readonly settings?: Partial<KuramotoSettings>;
  readonly squash?: boolean;
  /** Training-gradient horizon (s), null for the exact Jacobian. Default DEFAULT_GRADIENT_HORIZON. */
  readonly gradientHorizon?: number | null;
  /** Seed of the weight initialisation. */
  readonly seed: number;
  /** Unit of the trainable weights (MHz), default FREQUENCY_UNIT_MHZ: sets how far one Adam step moves a frequency. */
  readonly frequencyUnitMHz?: number;
}

/** Spread of a random initial draw: bias frequencies uniform in mid +- spreadMHz/2, input weights uniform in +-inputWeightMHz. */
export interface InitialSpread {
  readonly spreadMHz: number;
  readonly inputWeightMHz: number;
}

/**
 * A new classifier with seeded initial weights. Extended: every oscillator's bias uniform in mid +- spread/2, input
 * weights uniform in +-inputWeightMHz. Reference: tuning frequencies uniform in mid +- spread/2.
 * Default output pair: the last two oscillators (extended); the paper's pair (4, 5) of 6, i.e. the second and third
 * tuning oscillators, when the reference has 4 tuning oscillators, else its last two.
 */
export function createClassifier(o: CreateOptions, spread: InitialSpread = { spreadMHz: 120, inputWeightMHz: 30 }): KuramotoClassifier {
  const inputs = o.scaling.min.length;
  const rng = createRng(o.seed);
  const [lo, hi] = TUNING_RANGE_MHZ;
  const unit = o.frequencyUnitMHz ?? FREQUENCY_UNIT_MHZ;
  const nT = o.n - inputs;
  const mid = (lo + hi) / 2;
  const defaultPair: [number, number] = o.arch === 'reference' && nT >= 4 ? [inputs + 1, inputs + 2] : [o.n - 2, o.n - 1];
  const description: ClassifierDescription = {
    arch: o.arch,
    n: o.n,
    inputs,
    outputPairs: o.outputPairs ?? [defaultPair],
    tuningRangeMHz: [lo, hi],
    frequencyUnitMHz: unit,
    settings: resolveSettings(o.settings),
    squash: o.squash ?? true,
    gradientHorizon: o.gradientHorizon === undefined ? DEFAULT_GRADIENT_HORIZON : o.gradientHorizon,
  };
  const bias = () => (mid + spread.spreadMHz * (rng.uniform() - 0.5)) / unit;
  const weights =
    o.arch === 'extended'
      ? Array.from({ length: o.n }, () => [...Array.from({ length: inputs }, () => (spread.inputWeightMHz / unit) * 2 * (rng.uniform() - 0.5)), bias()])
      : Array.from({ length: nT }, () => [bias()]);
  return new KuramotoClassifier(description, o.scaling, weights);
}

function weightShape(d: ClassifierDescription): [number, number] {
  return d.arch === 'extended' ? [d.n, d.inputs + 1] : [d.n - d.inputs, 1];
}

function checkDescription(d: ClassifierDescription, s: InputScaling): void {
  if (!ARCHITECTURES.includes(d.arch)) throw new InputError(`unknown architecture '${d.arch}' (extended or reference)`, 'arch');
  if (!Number.isInteger(d.n) || d.n < 2) throw new InputError(`must be an integer >= 2, got ${d.n}`, 'n');
  if (s.min.length !== d.inputs || s.max.length !== d.inputs) throw new InputError(`scaling must have ${d.inputs} entries`, 'scaling');
  if (d.arch === 'reference' && d.n - d.inputs < 1) throw new InputError(`reference needs n > inputs (${d.n} <= ${d.inputs})`, 'n');
  for (const [i, j] of d.outputPairs) {
    if (!(i >= 0 && j >= 0 && i < d.n && j < d.n && i !== j)) throw new InputError(`bad output pair (${i}, ${j})`, 'outputPairs');
  }
}
