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

/** Decision coordinate g(h) (positive iff g <= 0) and dg/dh_r. */
type Rule = (h: readonly number[]) => { g: number; dg: number[] };

const slabRule: Rule = ([h]) => ({ g: Math.abs(h) - 1, dg: [Math.sign(h)] });
const unionRule: Rule = (h) => {
  const r = h[0] <= h[1] ? 0 : 1;
  return { g: h[r] - 0.5, dg: r === 0 ? [1, 0] : [0, 1] };
};

/** h_r(z) for every rule row. */
export const ruleCoordinates = (f: Pick<RuleFit, 'a' | 'c'>, z: readonly number[]): number[] =>
  f.a.map((a, r) => z.reduce((u, v, q) => u + v * a[q], f.c[r]));

/** The lock slab |a . z + c| <= 1 of one isolated pair (one row). */
export function fitSlab(z: readonly (readonly number[])[], y: readonly boolean[], o: RuleFitOptions): RuleFit {
  return fitRule(z, y, 1, slabRule, o);
}

/** The union of two half-planes h_1 <= 1/2 or h_2 <= 1/2 (two rows). */
export function fitUnion(z: readonly (readonly number[])[], y: readonly boolean[], o: RuleFitOptions): RuleFit {
  return fitRule(z, y, 2, unionRule, o);
}

/** Best of seeded restarts (input weights uniform in +-4, offsets in +-2). */
function fitRule(z: readonly (readonly number[])[], y: readonly boolean[], rows: number, rule: Rule, o: RuleFitOptions): RuleFit {
  const rng = createRng(o.seed);
  const d = z[0].length;
  let best: RuleFit | null = null;
  for (let r = 0; r < (o.restarts ?? 24); r++) {
    const w = Array.from({ length: rows }, () => [...Array.from({ length: d }, () => 8 * (rng.uniform() - 0.5)), 4 * (rng.uniform() - 0.5)]);
    const fitted = descend(z, y, w, rule, o);
    if (best === null || fitted.loss < best.loss) best = fitted;
  }
  return best!;
}

/** Adam on the rows w[r] = [a_r; c_r] from a start; returns the rule, its loss and its training accuracy. */
function descend(z: readonly (readonly number[])[], y: readonly boolean[], w: number[][], rule: Rule, o: RuleFitOptions): RuleFit {
  const beta = o.sharpness ?? 8;
  const l2 = o.l2 ?? 1e-3;
  const d = z[0].length;
  const M = z.length;
  const split = () => ({ a: w.map((r) => r.slice(0, d)), c: w.map((r) => r[d]) });
  const m1 = w.map((r) => r.map(() => 0));
  const m2 = w.map((r) => r.map(() => 0));
  const evaluate = (withGradient: boolean) => {
    const g = w.map((r) => r.map(() => 0));
    let loss = 0;
    let correct = 0;
    const f = split();
    for (let m = 0; m < M; m++) {
      const rg = rule(ruleCoordinates(f, z[m]));
      const sign = y[m] ? 1 : -1;
      const arg = beta * sign * rg.g;
      loss += arg > 30 ? arg : Math.log1p(Math.exp(arg));
      if ((rg.g <= 0) === y[m]) correct++;
      if (!withGradient) continue;
      const dLdg = (beta * sign) / (1 + Math.exp(-arg)) / M;
      rg.dg.forEach((dh, r) => {
        if (dh === 0) return;
        for (let q = 0; q < d; q++) g[r][q] += dLdg * dh * z[m][q];
        g[r][d] += dLdg * dh;
      });
    }
    let penalty = 0;
    w.forEach((row, r) => {
      for (let q = 0; q < d; q++) {
        g[r][q] += l2 * row[q];
        penalty += (l2 / 2) * row[q] * row[q];
      }
    });
    return { g, loss: loss / M + penalty, accuracy: correct / M };
  };
  for (let t = 1; t <= (o.iterations ?? 1500); t++) {
    const { g } = evaluate(true);
    w.forEach((row, r) =>
      row.forEach((_, q) => {
        m1[r][q] = 0.9 * m1[r][q] + 0.1 * g[r][q];
        m2[r][q] = 0.999 * m2[r][q] + 0.001 * g[r][q] * g[r][q];
        row[q] -= (0.05 * m1[r][q]) / (1 - 0.9 ** t) / (Math.sqrt(m2[r][q] / (1 - 0.999 ** t)) + 1e-8);
      }),
    );
  }
  const { loss, accuracy } = evaluate(false);
  return { ...split(), loss, accuracy };
}
