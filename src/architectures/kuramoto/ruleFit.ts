// Fits piecewise-linear decision rules of a few oscillators to labelled data (logistic loss, Adam, seeded restarts).
//
// The rules are what small oscillator groups compute when their natural frequencies are linear in the inputs:
// - slab: two oscillators at mid +- k h(z) lock iff |2 k h| <= 2k (Adler), i.e. iff |h| <= 1, with h = a . z + c linear:
//   a bounded band of input space (Iris versicolor lies between the other two species) or, one edge far, a half-space;
// - union: "positive iff h_1(z) <= 1/2 or h_2(z) <= 1/2", the OR gate of two half-planes (see starts.ts).
// Fitting them here, without the network, gives the extended classifier starts that are already good classifiers with
// a margin on both sides of the boundary.
import { createRng } from '../../random/rng.ts';

export interface RuleFitOptions {
  /** Seed of the random restarts. */
  readonly seed: number;
  /** Random restarts; the lowest final loss wins. Default 24. */
  readonly restarts?: number;
  /** Adam iterations per restart (lr 0.05). Default 1500. */
  readonly iterations?: number;
  /**
   * Logistic sharpness beta on the rule's decision coordinate g (positive iff g <= 0): an example costs
   * softplus(beta g) if positive and softplus(-beta g) if negative, so examples within ~1/beta of the boundary still
   * pull on it (a margin of ~1/beta in units of h). Default 8.
   */
  readonly sharpness?: number;
  /** L2 penalty on the input weights (keeps the rule from growing steeper than the data needs). Default 1e-3. */
  readonly l2?: number;
}

/** A fitted rule: linear functions h_r(z) = a[r] . z + c[r], the final loss and the training accuracy. */
export interface RuleFit {
  readonly a: number[][];
  readonly c: number[];
  readonly loss: number;
  readonly accuracy: number;
}

/** Which rule: the slab |h_1| <= 1 or the union min(h_1, h_2) <= 1/2. */
type Rule = 'slab' | 'union';

/** h_r(z) for every rule row. */
export const ruleCoordinates = (f: Pick<RuleFit, 'a' | 'c'>, z: readonly number[]): number[] =>
  f.a.map((a, r) => z.reduce((u, v, q) => u + v * a[q], f.c[r]));

/** The lock slab |a . z + c| <= 1 of one isolated pair (one row). */
export function fitSlab(z: readonly (readonly number[])[], y: readonly boolean[], o: RuleFitOptions): RuleFit {
  return fitRule(z, y, 'slab', o);
}

/** The union of two half-planes h_1 <= 1/2 or h_2 <= 1/2 (two rows). */
export function fitUnion(z: readonly (readonly number[])[], y: readonly boolean[], o: RuleFitOptions): RuleFit {
  return fitRule(z, y, 'union', o);
}

/** Best of seeded restarts (input weights uniform in +-4, offsets in +-2). */
function fitRule(z: readonly (readonly number[])[], y: readonly boolean[], rule: Rule, o: RuleFitOptions): RuleFit {
  const rng = createRng(o.seed);
  const d = z[0].length;
  const rows = rule === 'slab' ? 1 : 2;
  const flat = Float64Array.from(z.flat());
  const sign = Float64Array.from(y, (v) => (v ? 1 : -1));
  let best: RuleFit | null = null;
  for (let r = 0; r < (o.restarts ?? 24); r++) {
    const w = new Float64Array(rows * (d + 1));
    for (let q = 0; q < rows; q++) {
      for (let p = 0; p < d; p++) w[q * (d + 1) + p] = 8 * (rng.uniform() - 0.5);
      w[q * (d + 1) + d] = 4 * (rng.uniform() - 0.5);
    }
    const fitted = descend(flat, sign, d, w, rule, o);
    if (best === null || fitted.loss < best.loss) best = fitted;
  }
  return best!;
}

/**
 * Adam on the rows w = [a_1; c_1; a_2; c_2] (flat) from a start; returns the rule, its loss and training accuracy.
 * Examples: `z` flat (M x d), `sign` +1 for positives and -1 for negatives.
 */
function descend(z: Float64Array, sign: Float64Array, d: number, w: Float64Array, rule: Rule, o: RuleFitOptions): RuleFit {
  const beta = o.sharpness ?? 8;
  const l2 = o.l2 ?? 1e-3;
  const M = sign.length;
  const stride = d + 1;
  const m1 = new Float64Array(w.length);
  const m2 = new Float64Array(w.length);
  const g = new Float64Array(w.length);
  const h = new Float64Array(2);
  const evaluate = (withGradient: boolean) => {
    g.fill(0);
    let loss = 0;
    let correct = 0;
    for (let m = 0; m < M; m++) {
      for (let r = 0; r * stride < w.length; r++) {
        let u = w[r * stride + d];
        for (let q = 0; q < d; q++) u = u + z[m * d + q] * w[r * stride + q];
        h[r] = u;
      }
      // decision coordinate gm (positive iff gm <= 0), the row it depends on and dgm/dh of that row
      const row = rule === 'slab' || h[0] <= h[1] ? 0 : 1;
      const gm = rule === 'slab' ? Math.abs(h[0]) - 1 : h[row] - 0.5;
      const dh = rule === 'slab' ? Math.sign(h[0]) : 1;
      const arg = beta * sign[m] * gm;
      if (!withGradient) {
        loss += arg > 30 ? arg : Math.log1p(Math.exp(arg));
        if ((gm <= 0) === sign[m] > 0) correct++;
        continue;
      }
      if (dh === 0) continue;
      const dLdg = (beta * sign[m]) / (1 + Math.exp(-arg)) / M;
      for (let q = 0; q < d; q++) g[row * stride + q] += dLdg * dh * z[m * d + q];
      g[row * stride + d] += dLdg * dh;
    }
    let penalty = 0;
    for (let r = 0; r * stride < w.length; r++) {
      for (let q = 0; q < d; q++) {
        g[r * stride + q] += l2 * w[r * stride + q];
        penalty += (l2 / 2) * w[r * stride + q] * w[r * stride + q];
      }
    }
    return { loss: loss / M + penalty, accuracy: correct / M };
  };
  for (let t = 1; t <= (o.iterations ?? 1500); t++) {
    evaluate(true);
    const c1 = 1 - 0.9 ** t;
    const c2 = 1 - 0.999 ** t;
    for (let q = 0; q < w.length; q++) {
      m1[q] = 0.9 * m1[q] + 0.1 * g[q];
      m2[q] = 0.999 * m2[q] + 0.001 * g[q] * g[q];
      w[q] -= (0.05 * m1[q]) / c1 / (Math.sqrt(m2[q] / c2) + 1e-8);
    }
  }
  const { loss, accuracy } = evaluate(false);
  const rows = Array.from({ length: w.length / stride }, (_, r) => Array.from(w.subarray(r * stride, (r + 1) * stride)));
  return { a: rows.map((r) => r.slice(0, d)), c: rows.map((r) => r[d]), loss, accuracy };
}
