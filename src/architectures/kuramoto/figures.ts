// SVG figures of a Kuramoto classifier: learning curves and the synchronization region over an input plane.
import { lineChart, responseMap } from '../../report/index.ts';
import type { KuramotoPool } from '../../surrogate/kuramoto/pool.ts';
import type { KuramotoClassifier } from './model.ts';
import { predict } from './predict.ts';
import type { Task } from './tasks.ts';
import type { TrainHistory } from './train.ts';

/** Training error rate (%) per iteration as measured during training (coupling margin included), one line per run. */
export function learningCurveSvg(runs: readonly { name: string; history: TrainHistory }[], task: string): Promise<string> {
  return lineChart({
    title: `Training error rate, ${task}`,
    xLabel: 'iteration',
    yLabel: 'misclassified training examples (%)',
    series: runs.map((r) => ({ name: r.name, x: r.history.accuracy.map((_, t) => t), y: r.history.accuracy.map((a) => 100 * (1 - a)) })),
  });
}

/**
 * Response map: 'sync' / 'no sync' of the first output pair over an input plane, training points on top. 2D tasks:
 * the whole (x1, x2) plane. Iris: petal length x petal width, the sepal features held at their training means.
 */
export async function responseMapSvg(model: KuramotoClassifier, task: Task, seed: number, pool?: KuramotoPool, side = 34): Promise<string> {
  const planar = task.features.length === 2;
  const [a, b] = planar ? [0, 1] : [2, 3];
  const { min, max } = task.featureRange;
  const axis = (j: number) => Array.from({ length: side }, (_, i) => min[j] + ((max[j] - min[j]) * i) / (side - 1));
  const xs = axis(a);
  const ys = axis(b);
  const means = task.train.x[0].map((_, j) => task.train.x.reduce((s, r) => s + r[j], 0) / task.train.x.length);
  const points = ys.flatMap((y) =>
    xs.map((x) => {
      const row = [...means];
      row[a] = x;
      row[b] = y;
      return row;
    }),
  );
  const p = await predict(model, points, { seed, pool });
  const value = ys.map((_, iy) => xs.map((_, ix) => (p.positive[iy * side + ix] ? 'sync' : 'no sync')));
  return responseMap({
    title: `${model.description.arch} classifier, ${task.name}: output pair (${model.description.outputPairs[0].map((i) => i + 1).join(', ')})`,
    xLabel: task.features[a],
    yLabel: task.features[b],
    grid: { x: xs, y: ys, value },
    points: task.train.x.map((r, m) => ({ x: r[a], y: r[b], label: task.train.y[m] ? 'positive' : 'negative' })),
    valueLabel: 'response',
  });
}
