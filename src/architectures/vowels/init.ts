// Initial natural frequencies for training: a seeded search on the uncoupled (Adler) lock map, the best few checked on the full model.
//
// With mutual coupling k much weaker than the injection k_s, oscillator i locks to source s about where a lone forced
// oscillator does, and its beat outside is Adler's sqrt(dF^2 - k_s^2). That map costs microseconds per token instead of
// milliseconds, so thousands of candidate frequency sets can be scored: random draws over the tuning band, then
// Gaussian perturbations of the best (a small evolution strategy). The finalists are re-scored on the coupled network.
import { createRng, seedFor, type Rng } from '../../random/rng.ts';
import { VowelNetwork, type VowelNetworkDescription } from './model.ts';
import { predictVowels } from './predict.ts';
import { patternOf, sourceDesynchronization } from './readout.ts';
import { relearnCode } from './targets.ts';
import type { VowelExamples } from './task.ts';

/** D rows (as readout.desynchronizations) of the uncoupled network: each oscillator a lone forced oscillator (Adler). */
export function adlerDesynchronizations(F: readonly number[], fs: readonly (readonly number[])[], injection: readonly number[]): number[][] {
  const m = injection.length;
  return fs.map((f) =>
    F.flatMap((Fi) =>
      Array.from({ length: m }, (_, s) => {
        const dF = Fi - f[s];
        return sourceDesynchronization(f[s] + Math.sqrt(Math.max(0, dF * dF - injection[s] * injection[s])), f[s], injection[s]);
      }),
    ),
  );
}

export interface InitialSearch {
  /** Draws, perturbation rounds, survivors per round, finalists re-scored on the coupled model. */
  readonly draws: number;
  readonly rounds: number;
  readonly survivors: number;
  readonly finalists: number;
}

export const DEFAULT_SEARCH: InitialSearch = { draws: 1000, rounds: 15, survivors: 8, finalists: 4 };

/** Training accuracy of frequencies F (MHz) on the Adler map, output code learned for them. */
function adlerScore(F: number[], data: VowelExamples, description: VowelNetworkDescription): number {
  const net = new VowelNetwork({ ...description, arch: 'reference' }, F.map((v) => [v / description.frequencyUnitMHz]));
  const D = adlerDesynchronizations(F, data.fs, description.settings.injection.map((k) => k / 1e6));
  const score = relearnCode(net, { F: [], fbar: [], D, patterns: D.map(patternOf), predicted: [] }, data.y);
  net.weights.dispose();
  return score;
}

/**
 * Searches natural frequencies (MHz) for the reference network on the training set: `draws` uniform draws over the
 * tuning band, then `rounds` of 15 Gaussian perturbations (2 MHz) of each of the best `survivors`; the best
 * `finalists` are re-scored on the coupled network and the best of those is returned with every finalist's score.
 */
export function searchInitialFrequencies(data: VowelExamples, description: VowelNetworkDescription, seed: number, o: InitialSearch = DEFAULT_SEARCH) {
  const rng: Rng = createRng(seed);
  const [lo, hi] = description.tuningRangeMHz;
  const clip = (v: number) => Math.min(hi, Math.max(lo, v));
  let pool = Array.from({ length: o.draws }, () => Array.from({ length: description.n }, () => lo + (hi - lo) * rng.uniform())).map((F) => ({ F, score: adlerScore(F, data, description) }));
  const best = () => [...pool].sort((a, b) => b.score - a.score).slice(0, o.survivors);
  for (let r = 0; r < o.rounds; r++) {
    const parents = best();
    const children = parents.flatMap((p) => Array.from({ length: 15 }, () => p.F.map((v) => clip(v + 2 * rng.normal()))));
    pool = [...parents, ...children.map((F) => ({ F, score: adlerScore(F, data, description) }))];
  }
  const finalists = best().slice(0, o.finalists);
  const coupled = finalists.map((c, q) => {
    const net = new VowelNetwork({ ...description, arch: 'reference' }, c.F.map((v) => [v / description.frequencyUnitMHz]));
    const score = relearnCode(net, predictVowels(net, data.fs, { seed: seedFor(seed, q) }), data.y);
    net.weights.dispose();
    return score;
  });
  const chosen = coupled.indexOf(Math.max(...coupled));
  return { F: finalists[chosen].F, chosen, adlerScores: finalists.map((c) => c.score), coupledScores: coupled };
}
