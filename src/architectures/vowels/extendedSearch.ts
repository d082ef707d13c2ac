// Rows of the extended network's W by coordinate search: a lone-oscillator lock table proposes, the coupled network accepts.
//
// Gradient steps from the nested reference barely tilt the lock regions (over 100 Adam iterations the input-weight
// columns moved <= 5 MHz): lock or no lock is a step in F, and a token on the wrong side of a region edge sends no
// gradient across it. This search moves one oscillator's whole row (input weights and bias) at a time. The oscillators
// feel each other only through k = 1 MHz against 15 MHz of injection, so a lone oscillator driven by both sources (same
// step and window, k = 0) locks about where it does in the network: a table of its f_bar over the tuning band, per
// training token, scores any row on the whole training set in microseconds. Every row of a grid is scored so with the
// other oscillators held; the `top` best are re-scored on the coupled network (mean training accuracy over `draws` phase
// draws, the code re-learned each time), and the best of those replaces the row if it beats the current network there.
// The table alone is optimistic by a few points (edges placed on single tokens move with the phases and the mutual
// pull), which is why it only proposes. Sweeps over the oscillators until one changes nothing.
import { InputError } from '../../errors.ts';
import { createRng, permutation, seedFor } from '../../random/rng.ts';
import { ForcedOperator } from '../../surrogate/forced/op.ts';
import { rowFrequency, scaledInput, type VowelNetwork } from './model.ts';
import { predictVowels } from './predict.ts';
import { sourceDesynchronization } from './readout.ts';
import { codeAccuracy, relearnCode } from './targets.ts';
import type { VowelExamples } from './task.ts';

/** A grid axis: from, to, step (MHz). */
export type GridAxis = readonly [number, number, number];

export interface ExtendedSearch {
  /** Grid of a row's input weights on z_A and z_B (MHz per unit z; f_A itself rises 90 MHz over z_A in [0, 1]). */
  readonly inputWeightsMHz: readonly [GridAxis, GridAxis];
  /** Grid of a row's bias (MHz). */
  readonly biasMHz: GridAxis;
  /** Spacing of the lone-oscillator table over the tuning band (MHz); f_bar is interpolated linearly between. */
  readonly tableStepMHz: number;
  /** Rows per oscillator re-scored on the coupled network. */
  readonly top: number;
  /** Phase draws per coupled score. */
  readonly draws: number;
  /** Sweeps over the oscillators at most (the search stops after a sweep without a change). */
  readonly sweeps: number;
}

/**
 * Input weights from -90 to 180 MHz on z_A (up to twice the slope of f_A: a row at 90 tracks source A) and +-90 MHz on
 * z_B, 10 MHz apart; biases 2 MHz apart over the reach of such rows; 40 proposals, 2 phase draws, 2 sweeps.
 */
export const DEFAULT_EXTENDED_SEARCH: ExtendedSearch = {
  inputWeightsMHz: [
    [-90, 180, 10],
    [-90, 90, 10],
  ],
  biasMHz: [380, 800, 2],
  tableStepMHz: 0.5,
  top: 40,
  draws: 2,
  sweeps: 2,
};

export interface ExtendedSearchResult {
  /** Seed of the table's and the draws' initial phases and of the proposal order. */
  readonly seed: number;
  /** Coupled-network training accuracy (mean over the draws) at the start and at the end. */
  readonly startScore: number;
  readonly score: number;
  /** Lone-oscillator table score of the start and end weights. */
  readonly tableStartScore: number;
  readonly tableScore: number;
  /** Rows replaced, sweeps run. */
  readonly moves: number;
  readonly sweeps: number;
}

const axis = ([from, to, step]: GridAxis, field: string): number[] => {
  if (!(step > 0) || !(to >= from)) throw new InputError(`must be [from, to, step] with step > 0 and to >= from, got [${from}, ${to}, ${step}]`, field);
  return Array.from({ length: Math.floor((to - from) / step + 1e-9) + 1 }, (_, j) => from + j * step);
};

/**
 * Searches the rows of the extended network `net` (weights and code are changed in place, the best coupled score kept)
 * on the training set. `onStep(step, score)` after each oscillator's turn.
 */
export function searchExtendedWeights(
  net: VowelNetwork,
  data: VowelExamples,
  seed: number,
  o: ExtendedSearch = DEFAULT_EXTENDED_SEARCH,
  onStep?: (step: number, score: number) => void,
): ExtendedSearchResult {
  const d = net.description;
  if (d.arch !== 'extended') throw new InputError(`the search moves rows of the extended network, got '${d.arch}'`, 'arch');
  for (const [key, min] of [['top', 1], ['draws', 1], ['sweeps', 0]] as const) {
    if (!Number.isInteger(o[key]) || o[key] < min) throw new InputError(`must be an integer >= ${min}, got ${o[key]}`, key);
  }
  const table = new LockTable(net, data, seedFor(seed, 0), o.tableStepMHz);
  const drawSeeds = Array.from({ length: o.draws }, (_, q) => seedFor(seed, 1 + q));
  const coupledScore = (rows: number[][]): number => {
    net.setWeights(rows.map((r) => r.map((v) => v / d.frequencyUnitMHz)));
    return drawSeeds.reduce((a, s) => a + relearnCode(net, predictVowels(net, data.fs, { seed: s }), data.y), 0) / o.draws;
  };
  const [wA, wB, bias] = [axis(o.inputWeightsMHz[0], 'inputWeightsMHz[0]'), axis(o.inputWeightsMHz[1], 'inputWeightsMHz[1]'), axis(o.biasMHz, 'biasMHz')];
  const grid = wA.flatMap((a) => wB.flatMap((b) => bias.map((c) => [a, b, c])));
  // a seeded order, so that rows tied on the table are proposed without a bias towards one corner of the grid
  const order = permutation(grid.length, createRng(seedFor(seed, o.draws + 1)));
  const rows = net.weightValues().map((r) => r.map((v) => v * d.frequencyUnitMHz));
  const columns = rows.map((r) => table.column(r));
  const tableStartScore = table.score(columns);
  const startScore = coupledScore(rows);
  let score = startScore;
  let moves = 0;
  let sweep = 0;
  while (sweep < o.sweeps) {
    sweep++;
    let changed = false;
    for (let i = 0; i < d.n; i++) {
      const proposals = order
        .map((g) => ({ row: grid[g], s: table.score(columns.map((c, q) => (q === i ? table.column(grid[g]) : c))) }))
        .sort((a, b) => b.s - a.s)
        .slice(0, o.top);
      let chosen: number[] | null = null;
      for (const { row } of proposals) {
        const s = coupledScore(rows.map((r, q) => (q === i ? row : r)));
        if (s > score) [score, chosen] = [s, row];
      }
      if (chosen) {
        rows[i] = chosen;
        columns[i] = table.column(chosen);
        moves++;
        changed = true;
      }
      onStep?.((sweep - 1) * d.n + i, score);
    }
    if (!changed) break;
  }
  // the network ends at the accepted rows with the code of the first draw
  net.setWeights(rows.map((r) => r.map((v) => v / d.frequencyUnitMHz)));
  relearnCode(net, predictVowels(net, data.fs, { seed: drawSeeds[0] }), data.y);
  return { seed, startScore, score, tableStartScore, tableScore: table.score(columns), moves, sweeps: sweep };
}

/** f_bar of one oscillator alone (k = 0) under both sources, per training token, over the tuning band; scores rows. */
class LockTable {
  private readonly fbar: Float64Array[];
  private readonly z: [number, number][];
  private readonly lo: number;
  private readonly hi: number;
  private readonly step: number;
  private readonly points: number;
  private readonly injectionMhz: readonly number[];
  /** D rows reused by score(): tokens x (n m). */
  private readonly rows: number[][];

  constructor(
    private readonly net: VowelNetwork,
    private readonly data: VowelExamples,
    seed: number,
    stepMHz: number,
  ) {
    const d = net.description;
    [this.lo, this.hi] = d.tuningRangeMHz;
    if (!(stepMHz > 0 && stepMHz <= this.hi - this.lo)) throw new InputError(`must be in (0, ${this.hi - this.lo}] MHz, got ${stepMHz}`, 'tableStepMHz');
    this.points = Math.round((this.hi - this.lo) / stepMHz) + 1;
    this.step = (this.hi - this.lo) / (this.points - 1);
    const F = Array.from({ length: this.points }, (_, j) => this.lo + j * this.step);
    const lone = new ForcedOperator(1, { settings: { ...d.settings, coupling: 0 } });
    this.fbar = data.fs.map((f, t) => {
      const ev = lone.evaluate(F, F.flatMap(() => f), seedFor(seed, t), false);
      return Float64Array.from(ev.fbar, (v) => v / 1e6);
    });
    this.z = data.fs.map((f) => scaledInput(d.mapping, f));
    this.injectionMhz = d.settings.injection.map((k) => k / 1e6);
    this.rows = data.fs.map(() => new Array<number>(d.n * this.injectionMhz.length).fill(0));
  }

  /** D of one oscillator with row w = [w_A, w_B, bias] (MHz) against each source, per token: [D_A, D_B, D_A, ...]. */
  column(w: readonly number[]): Float64Array {
    const d = this.net.description;
    const m = this.injectionMhz.length;
    const row = w.map((v) => v / d.frequencyUnitMHz);
    const out = new Float64Array(this.data.fs.length * m);
    this.data.fs.forEach((f, t) => {
      const F = rowFrequency(d, row, this.z[t]);
      const x = (F - this.lo) / this.step;
      const j = Math.min(this.points - 2, Math.floor(x));
      const fb = this.fbar[t][j] + (x - j) * (this.fbar[t][j + 1] - this.fbar[t][j]);
      for (let s = 0; s < m; s++) out[t * m + s] = sourceDesynchronization(fb, f[s], this.injectionMhz[s]);
    });
    return out;
  }

  /** Training accuracy of oscillators with these columns, the code learned for them (as relearnCode). */
  score(columns: readonly Float64Array[]): number {
    const m = this.injectionMhz.length;
    this.rows.forEach((row, t) =>
      columns.forEach((c, i) => {
        for (let s = 0; s < m; s++) row[i * m + s] = c[t * m + s];
      }),
    );
    return codeAccuracy(this.rows, this.data.y, this.net.description.classes.length).accuracy;
  }
}
