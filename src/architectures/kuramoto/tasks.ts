// Classification tasks of paper 000: the 2D synthetic maps (34 x 34 grid, M = 1156) and Iris one-species-vs-rest.
import { InputError } from '../../errors.ts';
import { IRIS_FEATURES, IRIS_SPECIES, loadIris, splitIris } from '../../data/iris.ts';

export const TASK_NAMES = ['iris-setosa', 'iris-versicolor', 'iris-virginica', 'circle', 'concave', 'diagonal'] as const;
export type TaskName = (typeof TASK_NAMES)[number];

/** Examples with binary targets: `y[m]` true when the output pair must synchronize. */
export interface Examples {
  readonly x: number[][];
  readonly y: boolean[];
}

export interface Task {
  readonly name: TaskName;
  readonly features: readonly string[];
  readonly train: Examples;
  /** For the 2D maps the paper scores the 1156 grid points themselves, so test = train there. */
  readonly test: Examples;
  /** Seed of the train/test split (Iris), null for the fixed 2D grids. */
  readonly splitSeed: number | null;
  /** Feature ranges used to scale inputs to [0, 1] (fitted on the training set). */
  readonly featureRange: { readonly min: number[]; readonly max: number[] };
}

/** Side of the 2D grid: 34 x 34 = 1156 examples (paper 000). */
export const GRID_SIDE = 34;

/**
 * Target regions over the unit square (x1, x2) in [0, 1]^2, sized to the paper's class balance:
 * diagonal band |x1 - x2| <= 2 grid steps (86 % negatives); off-diagonal circle of radius 0.2 centred at (0.3, 0.7)
 * (88 %, paper 87.5 %); concave region = the L-shape x1 <= 0.225 or x2 <= 0.225 (58.5 %, paper 59.9 %).
 */
const REGIONS: Record<'circle' | 'concave' | 'diagonal', (x1: number, x2: number) => boolean> = {
  diagonal: (x1, x2) => Math.abs(x1 - x2) <= (2 + 1e-9) / (GRID_SIDE - 1),
  circle: (x1, x2) => (x1 - 0.3) ** 2 + (x2 - 0.7) ** 2 <= 0.2 ** 2,
  concave: (x1, x2) => x1 <= 0.225 || x2 <= 0.225,
};

/** The 2D grid points in [0, 1]^2, row-major over x2 then x1. */
export function gridPoints(side = GRID_SIDE): number[][] {
  const pts: number[][] = [];
  for (let r = 0; r < side; r++) for (let c = 0; c < side; c++) pts.push([c / (side - 1), r / (side - 1)]);
  return pts;
}

/** Builds a task; `splitSeed` picks the Iris 30/20 split per species. */
export function loadTask(name: string, splitSeed = 0): Task {
  if (!(TASK_NAMES as readonly string[]).includes(name)) {
    throw new InputError(`unknown task '${name}' (one of ${TASK_NAMES.join(', ')})`, 'task');
  }
  const task = name as TaskName;
  if (task.startsWith('iris-')) {
    const species = IRIS_SPECIES.indexOf(task.slice(5) as (typeof IRIS_SPECIES)[number]);
    const data = loadIris();
    const split = splitIris(data, splitSeed);
    const pick = (rows: number[]): Examples => ({ x: rows.map((i) => data.x[i]), y: rows.map((i) => data.species[i] === species) });
    const train = pick(split.train);
    return { name: task, features: IRIS_FEATURES, train, test: pick(split.test), splitSeed, featureRange: rangeOf(train.x) };
  }
  const region = REGIONS[task as keyof typeof REGIONS];
  const x = gridPoints();
  const examples = { x, y: x.map(([a, b]) => region(a, b)) };
  return { name: task, features: ['x1', 'x2'], train: examples, test: examples, splitSeed: null, featureRange: { min: [0, 0], max: [1, 1] } };
}

function rangeOf(x: number[][]): { min: number[]; max: number[] } {
  const d = x[0].length;
  const min = Array.from({ length: d }, (_, j) => Math.min(...x.map((r) => r[j])));
  const max = Array.from({ length: d }, (_, j) => Math.max(...x.map((r) => r[j])));
  return { min, max };
}
