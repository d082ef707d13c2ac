// The forced oscillator network as one TensorFlow.js op: F (MHz) -> f_bar (MHz) at given source frequencies, float64 Jacobian.
//
// Like the Kuramoto operator (src/surrogate/kuramoto/op.ts): the float64 kernel runs outside tfjs, `apply` wraps its
// result in a tf.customGrad op whose backward pass is squash(J)^T gbar with J = d f_bar / d F from forward
// sensitivities. The source frequencies are inputs of the example, not trained: no gradient flows to them.
import * as tf from '@tensorflow/tfjs';
import { seedFor } from '../../random/rng.ts';
import { forcedForward, forcedSensitivity, type ForcedBatch } from './kernel.ts';
import { resolveForcedSettings, type ForcedSettings } from './params.ts';

const MHZ = 1e6;

export interface ForcedOperatorOptions {
  /** Physics and integration settings; `injection` gives the number of sources. */
  readonly settings: Partial<ForcedSettings> & { injection: readonly number[] };
  /** tanh on the Jacobian before back-propagating (paper 000's clipping). Default true. */
  readonly squash?: boolean;
  /** Truncated sensitivity horizon (s); default Infinity (exact Jacobian). */
  readonly horizon?: number;
}

/** A computed batch: inputs (Hz), f_bar (Hz, batch x n) and, for training, d f_bar / d F (batch x n x n). */
export interface ForcedEvaluation {
  readonly F: Float64Array;
  readonly fs: Float64Array;
  readonly batch: number;
  readonly seed: number | readonly number[];
  readonly fbar: Float64Array;
  readonly jacobian: Float64Array | null;
}

/** N oscillators on one line driven by M sources, with fixed settings. */
export class ForcedOperator {
  readonly settings: ForcedSettings;
  readonly m: number;
  readonly squash: boolean;
  readonly horizon: number;

  constructor(
    readonly n: number,
    options: ForcedOperatorOptions,
  ) {
    this.settings = resolveForcedSettings(options.settings);
    this.m = this.settings.injection.length;
    this.squash = options.squash ?? true;
    this.horizon = options.horizon ?? Infinity;
  }

  /**
   * Runs every example: `Fmhz` batch x n natural frequencies, `fsMhz` batch x m source frequencies (MHz). Example b
   * starts from phases drawn with seedFor(seed, b), or with seed[b] when `seed` is a list of per-example seeds. With
   * `jacobian`, also d f_bar / d F (noiseless settings only).
   */
  evaluate(Fmhz: ArrayLike<number>, fsMhz: ArrayLike<number>, seed: number | readonly number[], jacobian: boolean): ForcedEvaluation {
    const input = this.batchOf(Fmhz, fsMhz, seed);
    const r = jacobian ? forcedSensitivity(input, this.settings, this.horizon) : { fbar: forcedForward(input, this.settings), jacobian: null };
    return { F: input.F, fs: input.fs, batch: input.batch, seed, fbar: r.fbar, jacobian: r.jacobian };
  }

  /**
   * The differentiable op: F (batch x n, MHz) -> f_bar (batch x n, MHz); `evaluation` must come from the same F values
   * (evaluated with jacobian = true).
   */
  apply(F: tf.Tensor2D, evaluation: ForcedEvaluation): tf.Tensor2D {
    const x = F.dataSync();
    if (x.length !== evaluation.F.length || x.some((v, q) => v * MHZ !== evaluation.F[q])) {
      throw new Error('ForcedOperator.apply: evaluation was computed for different natural frequencies');
    }
    const op = tf.customGrad((..._inputs: (tf.Tensor | tf.GradSaveFunc)[]) => ({
      value: tf.tensor2d(Float32Array.from(evaluation.fbar, (v) => v / MHZ), [evaluation.batch, this.n]),
      gradFunc: (dy: tf.Tensor) => [tf.tensor2d(this.backward(evaluation, dy.dataSync()), [evaluation.batch, this.n])],
    }));
    return op(F) as tf.Tensor2D;
  }

  /** grad_a = sum_i squash(J_ia) gbar_i per example. */
  private backward(ev: ForcedEvaluation, gbar: ArrayLike<number>): Float32Array {
    if (!ev.jacobian) throw new Error('evaluation has no Jacobian: evaluate with jacobian = true before apply');
    const { n } = this;
    const grad = new Float32Array(ev.batch * n);
    for (let b = 0; b < ev.batch; b++) {
      for (let i = 0; i < n; i++) {
        const g = gbar[b * n + i];
        if (g === 0) continue;
        for (let a = 0; a < n; a++) {
          const J = ev.jacobian[(b * n + i) * n + a];
          grad[b * n + a] += g * (this.squash ? Math.tanh(J) : J);
        }
      }
    }
    return grad;
  }

  private batchOf(Fmhz: ArrayLike<number>, fsMhz: ArrayLike<number>, seed: number | readonly number[]): ForcedBatch {
    if (Fmhz.length % this.n !== 0) throw new RangeError(`F has ${Fmhz.length} values, not a multiple of n = ${this.n}`);
    const batch = Fmhz.length / this.n;
    if (fsMhz.length !== batch * this.m) throw new RangeError(`source frequencies: expected ${batch} x ${this.m} values, got ${fsMhz.length}`);
    if (typeof seed !== 'number' && seed.length !== batch) throw new RangeError(`expected ${batch} per-example seeds, got ${seed.length}`);
    return {
      F: Float64Array.from(Fmhz, (v) => v * MHZ),
      fs: Float64Array.from(fsMhz, (v) => v * MHZ),
      batch,
      n: this.n,
      m: this.m,
      seeds: Uint32Array.from({ length: batch }, (_, b) => (typeof seed === 'number' ? seedFor(seed, b) : seed[b])),
    };
  }
}
