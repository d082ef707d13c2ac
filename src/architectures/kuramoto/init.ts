// Seeded initialisation search: the best of the candidates by initial training error E_tot, among those whose output
// pair is synchronized for some examples and not for others.
//
// Why: eqs. 3-4 give no gradient where the output pair is deep in lock (D = 0 and d f_bar / d F = 1/N) or far from it
// (the sigmoid saturates for D >> 1). A start with every example in one of those zones never learns (E_tot stays at
// the fraction of negatives or of positives), and such starts even score well on E_tot. So a draw must put between
// 10 % and 90 % of the training examples in sync (else its score gets +1); the lowest score wins. Paper 000 does not
// state its init. Candidates (extended, one output pair): the data-driven starts of starts.ts (slabs, bridged clusters,
// OR gates; training set only), then K seeded random draws. Training moves sync boundaries only ~1 MHz per iteration,
// so where it starts decides most of the result (a random start on the 2D circle learns a band: 86 %).
import type { KuramotoPool } from '../../surrogate/kuramoto/pool.ts';
import * as tf from '@tensorflow/tfjs';
import { createRng, seedFor } from '../../random/rng.ts';
import { createClassifier, type CreateOptions, type KuramotoClassifier } from './model.ts';
import { errorOf, predict } from './predict.ts';
import { dataDrivenStarts } from './starts.ts';
import type { Examples } from './tasks.ts';

export interface InitSearch {
  /** Number of random draws scored (default 32: about as much work as 3 training iterations). */
  readonly candidates?: number;
  readonly pool?: KuramotoPool;
  /** Include the data-driven starts (extended, one output pair); default true. */
  readonly dataDriven?: boolean;
}

/** Result: the chosen model and every candidate's score. */
export async function searchInitialization(
  o: CreateOptions,
  data: Examples,
  search: InitSearch = {},
): Promise<{ model: KuramotoClassifier; chosen: number; start: string; errors: number[] }> {
  const K = search.candidates ?? 32;
  let best: KuramotoClassifier | null = null;
  let chosen = 0;
  const errors: number[] = [];
  const extended = o.arch === 'extended' && (o.outputPairs?.length ?? 1) === 1;
  const starts = (search.dataDriven ?? true) && extended ? dataDrivenStarts(seedFor(o.seed, 4000)) : [];
  const extra = starts.length;
  const name = (c: number) => (c < extra ? starts[c].name : `random draw ${c - extra}`);
  for (let c = 0; c < K + extra; c++) {
    // candidates 0..extra-1: data-driven starts; then K random draws whose spreads cycle from a mostly locked to a
    // mostly free network and whose weights go from gentle to steep input dependence
    const r = c - extra;
    const spread = { spreadMHz: 60 + (120 * (((r % 4) + 4) % 4)) / 3, inputWeightMHz: 40 + 40 * Math.floor(Math.max(r, 0) / 4) };
    const model = createClassifier({ ...o, seed: seedFor(o.seed, Math.max(r, 0)) }, spread);
    if (c < extra) starts[c].apply(model, data);
    else if (model.description.arch === 'extended') anchorPairs(model, data.x[createRng(seedFor(o.seed, 2000 + r)).int(data.x.length)]);
    const p = await predict(model, data.x, { seed: seedFor(o.seed, 1000 + Math.max(r, 0) + (c < extra ? 5000 + c : 0)), pool: search.pool });
    const synced = p.positive.filter(Boolean).length / p.positive.length;
    const e = errorOf(p, data.y) + (synced < 0.1 || synced > 0.9 ? 1 : 0);
    errors.push(e);
    if (best === null || e < errors[chosen]) {
      best?.weights.dispose();
      best = model;
      chosen = c;
    } else {
      model.weights.dispose();
    }
  }
  return { model: best!, chosen, start: name(chosen), errors };
}

/**
 * Shifts the bias of each output pair's second oscillator so that the pair has equal natural frequencies at the
 * example `x`: the pair's synchronization band (|F_i - F_j| <~ 2k, a slab in input space whose width is set by the
 * difference of the two weight rows) then starts through the data instead of beside it.
 */
function anchorPairs(model: KuramotoClassifier, x: number[]): void {
  const W = model.weightValues();
  const z = tf.tidy(() => model.scale([x]).arraySync()[0]);
  const d = z.length;
  for (const [i, j] of model.description.outputPairs) {
    let diff = W[i][d] - W[j][d];
    for (let q = 0; q < d; q++) diff += (W[i][q] - W[j][q]) * z[q];
    W[j][d] += diff;
  }
  model.weights.assign(tf.tensor2d(W));
}
