// Initial weights for training: reference, a seeded search on the uncoupled (Adler) lock map; extended, the trained reference nested in W (then extendedSearch.ts).
//
// With mutual coupling k much weaker than the injection k_s, oscillator i locks to source s about where a lone forced
// oscillator does, and its beat outside is Adler's sqrt(dF^2 - k_s^2). That map costs microseconds per token instead of
// milliseconds, so thousands of candidate weights can be scored: random draws, then Gaussian perturbations of the best
// (a small evolution strategy). The finalists are re-scored on the coupled network (where the other source and the
// other oscillators also pull, so the Adler score is optimistic by a few points).
import { InputError } from '../../errors.ts';
import { createRng, seedFor, type Rng } from '../../random/rng.ts';
import { naturalFrequencies, VowelNetwork, type VowelNetworkDescription } from './model.ts';
import { predictVowels } from './predict.ts';
import { sourceDesynchronization } from './readout.ts';
import { codeAccuracy, relearnCode } from './targets.ts';
import type { VowelExamples } from './task.ts';

/** D rows (as readout.desynchronizations) of an uncoupled network: natural frequencies F (tokens x n, MHz), each a lone forced oscillator. */
export function adlerDesynchronizations(F: readonly (readonly number[])[], fs: readonly (readonly number[])[], injection: readonly number[]): number[][] {
  const m = injection.length;
  return fs.map((f, b) =>
    F[b].flatMap((Fi) =>
      Array.from({ length: m }, (_, s) => {
        const dF = Fi - f[s];
        return sourceDesynchronization(f[s] + Math.sqrt(Math.max(0, dF * dF - injection[s] * injection[s])), f[s], injection[s]);
      }),
    ),
  );
}

export interface InitialSearch {
  /** Random draws (reference only), perturbation rounds, survivors per round, finalists re-scored on the coupled model. */
  readonly draws: number;
  readonly rounds: number;
  readonly survivors: number;
  readonly finalists: number;
}

export const DEFAULT_SEARCH: InitialSearch = { draws: 1000, rounds: 15, survivors: 8, finalists: 4 };

/** Training accuracy of weights on the Adler map, output code learned for them. */
function adlerScore(weights: number[][], data: VowelExamples, description: VowelNetworkDescription): number {
  const D = adlerDesynchronizations(naturalFrequencies(description, weights, data.fs), data.fs, description.settings.injection.map((k) => k / 1e6));
  return codeAccuracy(D, data.y, description.classes.length).accuracy;
}

/** Evolution strategy on the Adler map from `pool`, perturbing weight column j by sigma[j] (weight units). */
function evolve(pool: { w: number[][]; score: number }[], sigma: readonly number[], data: VowelExamples, description: VowelNetworkDescription, rng: Rng, o: InitialSearch) {
  const best = () => [...pool].sort((a, b) => b.score - a.score).slice(0, o.survivors);
  for (let r = 0; r < o.rounds; r++) {
    const parents = best();
    const children = parents.flatMap((p) => Array.from({ length: 15 }, () => p.w.map((row) => row.map((v, j) => v + sigma[j] * rng.normal()))));
    pool = [...parents, ...children.map((w) => ({ w, score: adlerScore(w, data, description) }))];
  }
  return best();
}

/**
 * Searches initial natural frequencies of the reference network on the training set: `draws` frequency sets uniform over
 * the tuning band, then `rounds` of 15 Gaussian perturbations (2 MHz) of each of the best `survivors`. The best
 * `finalists` are re-scored on the coupled network; the best of those is returned with all their scores.
 */
export function searchInitialWeights(data: VowelExamples, description: VowelNetworkDescription, seed: number, o: InitialSearch = DEFAULT_SEARCH) {
  if (description.arch !== 'reference') throw new Error('the search initialises the reference network; the extended one starts from it (nestedNetwork)');
  const rng = createRng(seed);
  const [lo, hi] = description.tuningRangeMHz;
  const unit = description.frequencyUnitMHz;
  const draws = Array.from({ length: o.draws }, () => Array.from({ length: description.n }, () => [(lo + (hi - lo) * rng.uniform()) / unit]));
  const finalists = evolve(draws.map((w) => ({ w, score: adlerScore(w, data, description) })), [2 / unit], data, description, rng, o).slice(0, o.finalists);
  const coupled = finalists.map((c, q) => {
    const net = new VowelNetwork(description, c.w);
    const score = relearnCode(net, predictVowels(net, data.fs, { seed: seedFor(seed, q) }), data.y);
    net.weights.dispose();
    return score;
  });
  const chosen = coupled.indexOf(Math.max(...coupled));
  return { weights: finalists[chosen].w, chosen, adlerScores: finalists.map((c) => c.score), coupledScores: coupled };
}

/**
 * The extended network F = W [z; 1] that is the trained reference network: input-weight columns 0, bias column the
 * reference's natural frequencies, same output code. It predicts exactly what the reference does (0 z + F is F in any
 * float arithmetic), so the row search (extendedSearch.ts) and gradient training start from the 4-current solution and,
 * each keeping its best training score, can only match or improve it on the training set. Throws InputError unless both describe the same task and physics.
 */
export function nestedNetwork(reference: VowelNetwork, description: VowelNetworkDescription): VowelNetwork {
  const r = reference.description;
  if (r.arch !== 'reference') throw new InputError(`the extended network starts from a reference network, got '${r.arch}'`, 'initFrom');
  if (description.arch !== 'extended') throw new InputError(`only the extended network nests the reference, got '${description.arch}'`, 'arch');
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  for (const key of ['n', 'settings', 'tuningRangeMHz', 'frequencyUnitMHz', 'mapping', 'classes'] as const) {
    if (!same(r[key], description[key])) throw new InputError(`the reference network's ${key} differs from this task's`, 'initFrom');
  }
  return new VowelNetwork(description, reference.weightValues().map(([F]) => [0, 0, F]), { entries: reference.decoder.entries.map((e) => ({ ...e })) });
}
