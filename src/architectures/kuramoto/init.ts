// Seeded initialisation search: the best of the candidates by initial training error E_tot, among those whose output
// pair is synchronized for some examples and not for others.
//
// Why: eqs. 3-4 give no gradient where the output pair is deep in lock (D = 0 and d f_bar / d F = 1/N) or far from it
// (the sigmoid saturates for D >> 1). A start with every example in one of those zones never learns (E_tot stays at
// the fraction of negatives or of positives), and such starts even score well on E_tot. So a draw must put between
// 10 % and 90 % of the training examples in sync (else its score gets +1); the lowest score wins. Paper 000 does not
// state its init. Candidates (extended, one output pair): six data-driven starts computed from the training set only
// (two least-squares slabs, four radial clusters, see linearSlab and radialCluster), then K seeded random draws.
// Training moves sync boundaries only ~1 MHz per iteration, so where it starts decides most of the result (a random
// start on the 2D circle learns a band: 86 %; the radial start gives a round region from the outset).
import type { KuramotoPool } from '../../surrogate/kuramoto/pool.ts';
import * as tf from '@tensorflow/tfjs';
import { createRng, seedFor } from '../../random/rng.ts';
import { createClassifier, type CreateOptions, type KuramotoClassifier } from './model.ts';
import { errorOf, predict } from './predict.ts';
import type { Examples } from './tasks.ts';

export interface InitSearch {
  /** Number of random draws scored (default 32: about as much work as 3 training iterations). */
  readonly candidates?: number;
  readonly pool?: KuramotoPool;
  /** Include the least-squares slab candidates (extended, one output pair); default true. */
  readonly linear?: boolean;
}

/** Widths of the least-squares slab candidates, as a fraction of the 2-oscillator lock range 4k. */
const LINEAR_WIDTHS = [0.9, 0.6];
/** Natural-frequency spread (MHz) of the radial cluster candidates at the positives' radius. */
const RADIAL_SPREADS = [24, 27, 30, 33];

/** Result: the chosen model and every candidate's score. */
export async function searchInitialization(
  o: CreateOptions,
  data: Examples,
  search: InitSearch = {},
): Promise<{ model: KuramotoClassifier; chosen: number; errors: number[] }> {
  const K = search.candidates ?? 32;
  let best: KuramotoClassifier | null = null;
  let chosen = 0;
  const errors: number[] = [];
  const linear = search.linear ?? true;
  const extended = o.arch === 'extended' && (o.outputPairs?.length ?? 1) === 1;
  const extra = linear && extended ? LINEAR_WIDTHS.length + RADIAL_SPREADS.length : 0;
  for (let c = 0; c < K + extra; c++) {
    // candidates 0..extra-1: data-driven starts (linearSlab, radialCluster); then K random draws whose spreads cycle
    // from a mostly locked to a mostly free network and whose weights go from gentle to steep input dependence
    const r = c - extra;
    const spread = { spreadMHz: 60 + (120 * (((r % 4) + 4) % 4)) / 3, inputWeightMHz: 40 + 40 * Math.floor(Math.max(r, 0) / 4) };
    const model = createClassifier({ ...o, seed: seedFor(o.seed, Math.max(r, 0)) }, spread);
    if (c < LINEAR_WIDTHS.length && c < extra) linearSlab(model, data, LINEAR_WIDTHS[c]);
    else if (c < extra) radialCluster(model, data, RADIAL_SPREADS[c - LINEAR_WIDTHS.length], seedFor(o.seed, 3000 + c));
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
  return { model: best!, chosen, errors };
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

/**
 * A data-driven start (training set only): least squares of +-1 targets on [z; 1] gives a direction u; the threshold on
 * u.z with the best training accuracy splits the examples. The output pair (i, j) then gets F_i - F_j = 2k - s (u.z - c),
 * locked (|F_i - F_j| <= 2k for two oscillators) from u.z = c up to `width` of the positives' span, and the other
 * oscillators are parked at fixed frequencies 60-80 MHz away (zero input weights). Training starts from a linear
 * classifier and bends it with the rest of the network. No-op if the pair is not (0..n-1) distinct or data is one class.
 */
function linearSlab(model: KuramotoClassifier, data: Examples, width: number): void {
  const d = model.description;
  const [i, j] = d.outputPairs[0];
  const z = tf.tidy(() => model.scale(data.x).arraySync() as number[][]);
  const dim = z[0].length;
  const A = z.map((r) => [...r, 1]);
  const t = data.y.map((v) => (v ? 1 : -1));
  // ridge-regularised normal equations, (A^T A + 1e-6 I) beta = A^T t
  const M = Array.from({ length: dim + 1 }, (_, p) => Array.from({ length: dim + 1 }, (_, q) => A.reduce((a, r) => a + r[p] * r[q], 0) + (p === q ? 1e-6 : 0)));
  const rhs = Array.from({ length: dim + 1 }, (_, p) => A.reduce((a, r, m) => a + r[p] * t[m], 0));
  const beta = solve(M, rhs);
  if (!beta) return;
  const u = z.map((r) => r.reduce((a, v, q) => a + v * beta[q], beta[dim]));
  // threshold: best training accuracy of "positive iff u > c" over midpoints of sorted margins
  const sorted = [...u].sort((a, b) => a - b);
  let bestC = 0;
  let bestAcc = -1;
  for (let q = 0; q + 1 < sorted.length; q++) {
    const c = (sorted[q] + sorted[q + 1]) / 2;
    const acc = u.reduce((a, v, m) => a + ((v > c) === data.y[m] ? 1 : 0), 0);
    if (acc > bestAcc) [bestAcc, bestC] = [acc, c];
  }
  const span = Math.max(...u.filter((v, m) => data.y[m] && v > bestC).map((v) => v - bestC), 1e-9);
  const kMHz = d.settings.coupling / 1e6;
  const s = (width * 4 * kMHz) / span;
  const unit = d.frequencyUnitMHz;
  const [lo, hi] = d.tuningRangeMHz;
  const mid = (lo + hi) / 2;
  const W = model.weightValues();
  const parked = [mid - 80, mid + 80, mid - 60, mid + 60, mid - 70, mid + 70];
  let p = 0;
  for (let a = 0; a < d.n; a++) {
    W[a] = Array.from({ length: dim + 1 }, () => 0);
    if (a === j) W[a][dim] = mid / unit;
    else if (a === i) {
      for (let q = 0; q < dim; q++) W[a][q] = (-s * beta[q]) / unit;
      W[a][dim] = (mid + 2 * kMHz - s * (beta[dim] - bestC)) / unit;
    } else W[a][dim] = parked[p++ % parked.length] / unit;
  }
  model.weights.assign(tf.tensor2d(W));
}

/** Gaussian elimination with partial pivoting; null if singular. */
function solve(M: number[][], b: number[]): number[] | null {
  const n = b.length;
  const A = M.map((r, p) => [...r, b[p]]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(A[r][c]) > Math.abs(A[piv][c])) piv = r;
    if (Math.abs(A[piv][c]) < 1e-12) return null;
    [A[c], A[piv]] = [A[piv], A[c]];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = A[r][c] / A[c][c];
      for (let q = c; q <= n; q++) A[r][q] -= f * A[c][q];
    }
  }
  return A.map((r, p) => r[n] / A[p][p]);
}

/**
 * A second data-driven start (training set only), for a compact positive class: every oscillator gets
 * F_a = mid + s v_a . (z - z0), with z0 the positives' centroid and unit directions v_a spread around the circle (2D)
 * or drawn at random (v_j = -v_i for the output pair). At z0 the whole network is locked; moving away in any direction
 * spreads the natural frequencies by ~2 s |z - z0| until the cluster (and with it the pair) unlocks: a roughly round
 * sync region. s puts a spread of `spreadMHz` at the positives' RMS radius.
 */
function radialCluster(model: KuramotoClassifier, data: Examples, spreadMHz: number, seed: number): void {
  const d = model.description;
  const [i, j] = d.outputPairs[0];
  const z = tf.tidy(() => model.scale(data.x).arraySync() as number[][]);
  const dim = z[0].length;
  const pos = z.filter((_, m) => data.y[m]);
  if (pos.length === 0) return;
  const z0 = Array.from({ length: dim }, (_, q) => pos.reduce((a, r) => a + r[q], 0) / pos.length);
  const r0 = Math.sqrt(pos.reduce((a, r) => a + r.reduce((b, v, q) => b + (v - z0[q]) ** 2, 0), 0) / pos.length) || 1;
  const s = spreadMHz / r0;
  const rng = createRng(seed);
  const others = Array.from({ length: d.n }, (_, a) => a).filter((a) => a !== i && a !== j);
  const dirs: number[][] = Array.from({ length: d.n }, () => []);
  const unitVec = (v: number[]) => {
    const l = Math.hypot(...v) || 1;
    return v.map((x) => x / l);
  };
  if (dim === 2) {
    dirs[i] = [1, 0];
    dirs[j] = [-1, 0];
    others.forEach((a, q) => {
      const ang = (Math.PI * (q + 1 + (q >= (others.length >> 1) ? 1 : 0))) / ((others.length >> 1) + 1);
      dirs[a] = [Math.cos(ang), Math.sin(ang)];
    });
  } else {
    const gauss = () => Math.sqrt(-2 * Math.log(1 - rng.uniform())) * Math.cos(2 * Math.PI * rng.uniform());
    dirs[i] = unitVec(Array.from({ length: dim }, gauss));
    dirs[j] = dirs[i].map((v) => -v);
    for (const a of others) dirs[a] = unitVec(Array.from({ length: dim }, gauss));
  }
  const unit = d.frequencyUnitMHz;
  const mid = (d.tuningRangeMHz[0] + d.tuningRangeMHz[1]) / 2;
  const W = dirs.map((v) => [...v.map((x) => (s * x) / unit), (mid - s * v.reduce((a, x, q) => a + x * z0[q], 0)) / unit]);
  model.weights.assign(tf.tensor2d(W));
}
