// The Kuramoto network as one TensorFlow.js op: F (MHz) -> f_bar (MHz), gradient from a hand-written float64 Jacobian.
//
// The float64 kernels run outside tfjs (in this thread or on a worker pool), then `apply` wraps their result in a
// tf.customGrad op: forward returns the computed f_bar, backward returns tanh(J)^T gbar (paper 000: tanh squashing of
// the Jacobian, on by default) or J^T gbar. No tfjs tape over time steps.
import * as tf from '@tensorflow/tfjs';
import { seedFor } from '../../random/rng.ts';
import { computeBatch, type KuramotoJob, type KuramotoResult } from './compute.ts';
import { resolveSettings, TUNING_RANGE_HZ, type KuramotoSettings } from './params.ts';
import type { KuramotoPool } from './pool.ts';

const MHZ = 1e6;

export interface OperatorOptions {
  /** Physics and integration settings (defaults: paper 000). */
  readonly settings?: Partial<KuramotoSettings>;
  /**
   * Oscillators whose f_bar the loss reads (the output pairs). Only these Jacobian rows are computed (adjoint, one
   * reverse sweep); gradients arriving on other outputs are an error. Default: all rows (forward sensitivities, eq. 7).
   */
  readonly rows?: readonly number[];
  /** Apply tanh to the Jacobian before back-propagating (paper 000's gradient clipping). Default true. */
  readonly squash?: boolean;
  /**
   * Truncated back-propagation through time (s): the adjoint forgets at rate 1/horizon. Needs `rows`.
   * Default Infinity: the exact Jacobian.
   */
  readonly horizon?: number;
}

/** A computed batch: inputs (Hz), seeds, f_bar (Hz) and, for training, the Jacobian rows. */
export interface Evaluation extends KuramotoResult {
  readonly F: Float64Array;
  readonly batch: number;
  readonly seed: number;
}

/** The oscillator network operator for N oscillators with fixed settings. */
export class KuramotoOperator {
  readonly settings: KuramotoSettings;
  readonly rows: readonly number[];
  readonly squash: boolean;
  private readonly job: KuramotoJob;

  constructor(
    readonly n: number,
    options: OperatorOptions = {},
  ) {
    this.settings = resolveSettings(options.settings);
    this.squash = options.squash ?? true;
    this.rows = options.rows ? [...options.rows] : Array.from({ length: n }, (_, i) => i);
    for (const r of this.rows) if (!Number.isInteger(r) || r < 0 || r >= n) throw new RangeError(`row ${r} outside 0..${n - 1}`);
    const horizon = options.horizon ?? Infinity;
    if (!(horizon > 0)) throw new RangeError(`horizon must be > 0 s, got ${horizon}`);
    if (Number.isFinite(horizon) && !options.rows) throw new RangeError('a finite gradient horizon needs Jacobian rows (adjoint)');
    this.job = options.rows ? { kind: 'rows', rows: this.rows, horizon } : { kind: 'sensitivity' };
  }

  /**
   * Runs every row of `Fmhz` (batch x n natural frequencies in MHz). Example b starts from phases drawn with
   * seedFor(seed, b), or from `seeds[b]` when given. With `jacobian`, also computes the Jacobian rows (noiseless
   * settings required).
   */
  async evaluate(Fmhz: ArrayLike<number>, seed: number, jacobian: boolean, pool?: KuramotoPool, seeds?: readonly number[]): Promise<Evaluation> {
    const input = this.batchOf(Fmhz, seed, seeds);
    const job: KuramotoJob = jacobian ? this.job : { kind: 'forward' };
    if (jacobian && this.settings.linewidth > 0) throw new Error('gradients are defined for the noiseless model only (paper 000)');
    const r = pool ? await pool.run(input, this.settings, job) : computeBatch(input, this.settings, job);
    return { ...r, F: input.F, batch: input.batch, seed };
  }

  /** Synchronous evaluate in the calling thread. */
  evaluateSync(Fmhz: ArrayLike<number>, seed: number, jacobian: boolean): Evaluation {
    const input = this.batchOf(Fmhz, seed);
    const r = computeBatch(input, this.settings, jacobian ? this.job : { kind: 'forward' });
    return { ...r, F: input.F, batch: input.batch, seed };
  }

  /**
   * The differentiable op: F (batch x n, MHz) -> f_bar (batch x n, MHz). `evaluation` must have been computed from
   * the same F values (with jacobian = true); when omitted it is computed here, in this thread, seeded with `seed`.
   */
  apply(F: tf.Tensor2D, evaluation?: Evaluation, seed = 0): tf.Tensor2D {
    const ev = evaluation ?? this.evaluateSync(F.dataSync(), seed, true);
    this.checkSame(F, ev);
    // The op's value does not depend on the tensor x beyond the checked F values; x only anchors the gradient.
    const op = tf.customGrad((..._inputs: (tf.Tensor | tf.GradSaveFunc)[]) => {
      return {
        value: tf.tensor2d(Float32Array.from(ev.fbar, (v) => v / MHZ), [ev.batch, this.n]),
        gradFunc: (dy: tf.Tensor) => [tf.tensor2d(this.backward(ev, dy.dataSync()), [ev.batch, this.n])],
      };
    });
    return op(F) as tf.Tensor2D;
  }

  /** grad_a = sum_r squash(J_{row r, a}) * gbar_{row r}, per example. */
  private backward(ev: Evaluation, gbar: ArrayLike<number>): Float32Array {
    if (!ev.jacobian) throw new Error('evaluation has no Jacobian: evaluate with jacobian = true before apply');
    const { n, rows } = this;
    const R = rows.length;
    const grad = new Float32Array(ev.batch * n);
    const inRows = new Set(rows);
    for (let b = 0; b < ev.batch; b++) {
      for (let i = 0; i < n; i++) {
        if (!inRows.has(i) && gbar[b * n + i] !== 0) throw new Error(`gradient on oscillator ${i}, which is not among the Jacobian rows`);
      }
      for (let r = 0; r < R; r++) {
        const g = gbar[b * n + rows[r]];
        if (g === 0) continue;
        const o = (b * R + r) * n;
        for (let a = 0; a < n; a++) {
          const J = ev.jacobian[o + a];
          grad[b * n + a] += g * (this.squash ? Math.tanh(J) : J);
        }
      }
    }
    return grad;
  }

  private batchOf(Fmhz: ArrayLike<number>, seed: number, perExample?: readonly number[]) {
    if (Fmhz.length % this.n !== 0) throw new RangeError(`F has ${Fmhz.length} values, not a multiple of n = ${this.n}`);
    const batch = Fmhz.length / this.n;
    if (perExample && perExample.length !== batch) throw new RangeError(`${perExample.length} seeds for ${batch} examples`);
    const F = Float64Array.from(Fmhz, (v) => v * MHZ);
    const seeds = Uint32Array.from({ length: batch }, (_, b) => perExample?.[b] ?? seedFor(seed, b));
    return { F, batch, n: this.n, seeds };
  }

  private checkSame(F: tf.Tensor2D, ev: Evaluation): void {
    const x = F.dataSync();
    if (x.length !== ev.F.length || x.some((v, q) => v * MHZ !== ev.F[q])) {
      throw new Error('KuramotoOperator.apply: evaluation was computed for different natural frequencies');
    }
  }
}

/** Tuning range of paper 000 in MHz, [500, 680]. */
export const TUNING_RANGE_MHZ: readonly [number, number] = [TUNING_RANGE_HZ[0] / MHZ, TUNING_RANGE_HZ[1] / MHZ];

/**
 * The paper's hard min-max clip of natural frequencies (MHz tensor) to the STNO tuning range; the gradient is zero
 * outside it. The one place the classifier's frequency limits come from (the stnoPhase device can supply its own).
 */
export function clipNaturalFrequencies(F: tf.Tensor, range: readonly [number, number] = TUNING_RANGE_MHZ): tf.Tensor {
  return tf.clipByValue(F, range[0], range[1]);
}
