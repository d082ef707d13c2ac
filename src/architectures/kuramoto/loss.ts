// Read-out and error of paper 000: desynchronization D of an output pair (eq. 2) and the pair error E (eqs. 3, 4).
import * as tf from '@tensorflow/tfjs';

/** D = |f_bar_i - f_bar_j| / (k / 2); the pair is synchronized iff D <= 1. Any consistent unit. */
export function desynchronization(fi: number, fj: number, coupling: number): number {
  return Math.abs(fi - fj) / (coupling / 2);
}

/** E for one pair and one example: D^2/2 (D <= 1) or s(D) = 1/(1+exp(-4(D-1))) if expected synchronized; 1 - that otherwise. */
export function pairError(D: number, expectSync: boolean): number {
  const e = D <= 1 ? (D * D) / 2 : 1 / (1 + Math.exp(-4 * (D - 1)));
  return expectSync ? e : 1 - e;
}

/** Below this D a pair counts as locked for the training surrogate (one phase slip in the window gives D ~ 0.4). */
export const LOCKED_D = 0.05;

/**
 * E_tot = mean over examples of the sum over output pairs (eq. 1), differentiable in f_bar.
 * `fbar` is batch x n (MHz), `targets[m][p]` says whether pair p must synchronize for example m.
 */
export function totalError(
  fbar: tf.Tensor2D,
  pairs: readonly (readonly [number, number])[],
  targets: readonly (readonly boolean[])[],
  couplingMHz: number,
  natural?: tf.Tensor2D,
): tf.Scalar {
  return tf.tidy(() => {
    const terms = pairs.map(([i, j], p) => {
      const fi = fbar.slice([0, i], [-1, 1]);
      const fj = fbar.slice([0, j], [-1, 1]);
      let D = fi.sub(fj).abs().div(couplingMHz / 2);
      if (natural) {
        // Locked pairs (D ~ 0): f_bar_i = f_bar_j whatever F does, so eqs. 3-4 have no gradient there. For examples
        // expected desynchronized, stand in the natural detuning |F_i - F_j| / 2k (the 2-oscillator Adler lock margin,
        // clipped to 1) for D: a negative inside a sync region then pushes the pair's natural frequencies apart.
        // (Doing the same for locked positives, pulling them together, flattened sync bands in tests: not done.)
        const Dv = D.dataSync();
        const locked = tf.tensor2d(targets.map((t, m) => [Dv[m] < LOCKED_D && !t[p] ? 1 : 0]), D.shape as [number, number], 'bool');
        const Fi = natural.slice([0, i], [-1, 1]);
        const Fj = natural.slice([0, j], [-1, 1]);
        const margin = Fi.sub(Fj).abs().div(2 * couplingMHz).minimum(1);
        D = tf.where(locked, margin, D);
      }
      // the branch mask is a constant (built from values), so the tape only sees the two differentiable branches
      const inside = tf.tensor2d(Array.from(D.dataSync(), (v) => [v <= 1 ? 1 : 0]), D.shape as [number, number], 'bool');
      const sync = tf.where(inside, D.square().div(2), tf.sigmoid(D.sub(1).mul(4)));
      const expect = tf.tensor2d(targets.map((t) => [t[p] ? 1 : 0]));
      return expect.mul(sync).add(tf.scalar(1).sub(expect).mul(tf.scalar(1).sub(sync)));
    });
    return tf.addN(terms).mean() as tf.Scalar;
  });
}
