// A small Iris-versicolor classifier with hand-set weights for circuit tests: a locked pair (output) and two far-apart oscillators.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KuramotoClassifier } from '../../src/architectures/kuramoto/model.ts';
import { versions, writeClassifier } from '../../src/architectures/kuramoto/persist.ts';
import { loadTask } from '../../src/architectures/kuramoto/tasks.ts';
import { resolveSettings } from '../../src/surrogate/kuramoto/params.ts';

/**
 * N = 4, weights in units of 30 MHz: oscillators 0 and 1 near 522-528 MHz (|dF| < 2k = 20 MHz: locked), 2 at ~600 and
 * 3 at ~666 MHz (unlocked, quasi-periodic: no chaos), input weights of a few MHz so that examples differ.
 */
export function fixtureModel(weights?: number[][]): { model: KuramotoClassifier; file: string; dir: string } {
  const task = loadTask('iris-versicolor', 0);
  const model = new KuramotoClassifier(
    {
      arch: 'extended',
      n: 4,
      inputs: 4,
      outputPairs: [[0, 1]],
      tuningRangeMHz: [500, 680],
      frequencyUnitMHz: 30,
      settings: resolveSettings({ dt: 10e-12 }),
      squash: true,
      gradientHorizon: 20e-9,
    },
    task.featureRange,
    weights ?? [
      [0.1, -0.05, 0.08, 0, 17.4],
      [-0.05, 0.1, 0, 0.06, 17.6],
      [0.2, 0, -0.1, 0.1, 20.0],
      [0, 0.15, 0.1, -0.2, 22.2],
    ],
  );
  const dir = mkdtempSync(join(tmpdir(), 'spinspice-model-'));
  const file = join(dir, 'model.json');
  const acc = { accuracy: 0 };
  writeClassifier(file, model, {
    task: 'iris-versicolor',
    splitSeed: 0,
    seed: 1,
    iterations: 0,
    learningRate: 0.03,
    init: { chosen: 0, scores: [] },
    losses: [],
    accuracies: [],
    bestIteration: 0,
    evalSeed: 77,
    train: acc,
    test: acc,
    seconds: 0,
    versions: versions(),
  });
  return { model, file, dir };
}
