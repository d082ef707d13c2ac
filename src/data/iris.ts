// Fisher's Iris data (data/iris/iris.csv, shipped with the project) and the paper-000 one-species-vs-rest split.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRng, permutation } from '../random/rng.ts';

export const IRIS_SPECIES = ['setosa', 'versicolor', 'virginica'] as const;
export type IrisSpecies = (typeof IRIS_SPECIES)[number];
export const IRIS_FEATURES = ['sepal length (cm)', 'sepal width (cm)', 'petal length (cm)', 'petal width (cm)'] as const;

export interface IrisData {
  /** 150 rows of 4 features (cm). */
  readonly x: number[][];
  /** Species index 0..2 per row. */
  readonly species: number[];
}

const IRIS_CSV = fileURLToPath(new URL('../../data/iris/iris.csv', import.meta.url));

/** Loads the 150 Iris rows. */
export function loadIris(path = IRIS_CSV): IrisData {
  const lines = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  const x: number[][] = [];
  const species: number[] = [];
  for (const line of lines.slice(1)) {
    const v = line.split(',').map(Number);
    x.push(v.slice(0, 4));
    species.push(v[4]);
  }
  if (x.length !== 150) throw new Error(`${path}: expected 150 rows, got ${x.length}`);
  return { x, species };
}

/** Row indices of a split: per species, `trainPerSpecies` random rows for training and the rest for test. */
export interface IrisSplit {
  readonly train: number[];
  readonly test: number[];
  readonly seed: number;
}

/** Paper 000's split: 30 of each species' 50 rows for training (90), the other 20 for test (60), drawn with `seed`. */
export function splitIris(data: IrisData, seed: number, trainPerSpecies = 30): IrisSplit {
  const rng = createRng(seed);
  const train: number[] = [];
  const test: number[] = [];
  for (let s = 0; s < IRIS_SPECIES.length; s++) {
    const rows = data.species.flatMap((c, i) => (c === s ? [i] : []));
    const order = permutation(rows.length, rng);
    order.forEach((p, q) => (q < trainPerSpecies ? train : test).push(rows[p]));
  }
  return { train, test, seed };
}
