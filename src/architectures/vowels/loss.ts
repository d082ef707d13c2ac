// Training error of the vowel network: paper 000's pair error E (eqs. 3-4) per (oscillator, source) pair, summed against code words.
import * as tf from '@tensorflow/tfjs';
import { LOCKED_D } from '../kuramoto/loss.ts';
import type { LockPattern } from './readout.ts';

/**
 * Pair errors of every example against both targets: `sync[b][q]` = E if pair q (oscillator i = q / m, source s = q % m)
 * should be locked, `desync[b][q]` = E if it should not (batch x n m each), differentiable in f_bar (batch x n, MHz) and,
 * through the lock surrogate, in the natural frequencies F (batch x n, MHz). D = |f_bar_i - f_s| / (k_s / 4).
 * Lock surrogate: a pair locked to its source (D < LOCKED_D) has f_bar_i = f_s whatever F_i does, so E has no gradient
 * there; its "should not be locked" error is 1 + (1 - |F_i - f_s| / k_s) / 2 instead. That falls towards the lock
 * edge |F_i - f_s| = k_s, where it meets the unlocked pair's error (just outside the lock the beat, hence D, is ~0 and
 * E = 1 - D^2/2 ~ 1): the error is continuous in F_i and its gradient pushes F_i out of the locking window. (Standing the
 * clipped margin in for D, as src/architectures/kuramoto/loss.ts does, drops the error to 1/2 at the edge and back to
 * ~1 just outside: a step the gradient cannot see.)
 */
export function pairErrors(
  fbar: tf.Tensor2D,
  F: tf.Tensor2D,
  fsMhz: readonly (readonly number[])[],
  injectionMhz: readonly number[],
): { sync: tf.Tensor2D; desync: tf.Tensor2D } {
  const m = injectionMhz.length;
  const [batch, n] = fbar.shape;
  return tf.tidy(() => {
    const sync: tf.Tensor2D[] = [];
    const desync: tf.Tensor2D[] = [];
    for (let s = 0; s < m; s++) {
      const fs = tf.tensor2d(fsMhz.map((r) => [r[s]]));
      const D = fbar.sub(fs).abs().div(injectionMhz[s] / 4);
      const Dv = D.dataSync();
      // masks are built from values, so the tape only sees the differentiable branches
      const mask = (pick: (v: number) => boolean) => tf.tensor2d(Array.from(Dv, (v) => (pick(v) ? 1 : 0)), [batch, n], 'bool');
      const Esync = tf.where(mask((v) => v <= 1), D.square().div(2), tf.sigmoid(D.sub(1).mul(4))) as tf.Tensor2D;
      const lockedError = tf.scalar(1.5).sub(F.sub(fs).abs().div(injectionMhz[s]).minimum(1).div(2));
      sync.push(Esync);
      desync.push(tf.where(mask((v) => v < LOCKED_D), lockedError, tf.scalar(1).sub(Esync)) as tf.Tensor2D);
    }
    // columns in pair order q = i * m + s
    const interleave = (parts: tf.Tensor2D[]) => tf.stack(parts, 2).reshape([batch, n * m]) as tf.Tensor2D;
    return { sync: interleave(sync), desync: interleave(desync) };
  });
}

/** Soft distance of every example to every code word: sum over pairs of E against the word's bit (batch x words). */
export function codeDistances(errors: { sync: tf.Tensor2D; desync: tf.Tensor2D }, words: readonly LockPattern[]): tf.Tensor2D {
  const pairs = errors.sync.shape[1];
  return tf.tidy(() => {
    const bits = tf.tensor2d(words.map((w) => Array.from({ length: pairs }, (_, q) => (w >> q) & 1)), [words.length, pairs]);
    return errors.sync.matMul(bits, false, true).add(errors.desync.matMul(tf.scalar(1).sub(bits), false, true)) as tf.Tensor2D;
  });
}

/**
 * Training loss: cross-entropy of softmax(-beta * distance to each code word) against the token's class word. A token
 * deep inside its own word's region costs ~nothing, so the gradient comes from tokens near or across region borders
 * (summing E to the target word for every token, paper 000's E_tot, also pushes the margins of tokens already right,
 * and these pushes stalled training here). `targets[b]` = index into `words` of token b's word, -1 to leave it out.
 */
export function codeCrossEntropy(errors: { sync: tf.Tensor2D; desync: tf.Tensor2D }, words: readonly LockPattern[], targets: readonly number[], beta = 4): tf.Scalar {
  return tf.tidy(() => {
    const keep = targets.flatMap((t, b) => (t >= 0 ? [b] : []));
    const logits = codeDistances(errors, words).mul(-beta).gather(keep);
    const labels = tf.oneHot(tf.tensor1d(keep.map((b) => targets[b]), 'int32'), words.length);
    return tf.losses.softmaxCrossEntropy(labels, logits) as tf.Scalar;
  });
}
