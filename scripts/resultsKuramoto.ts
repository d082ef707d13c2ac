// Reproduces paper 000's results with the Kuramoto classifiers and rewrites the kuramoto section of docs/RESULTS.md.
//
//   npm run results:kuramoto [-- --parts iris,maps,scaling,online] [--seed 1]
//
// Each run is cached in runs/results-kuramoto/<name>/ (model.json, metrics.json, figures); the Markdown is rebuilt from
// every cached run, so parts can be rerun alone. Figures are copied to docs/figures/kuramoto/.
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic, writeJsonAtomic } from '../src/io/atomic.ts';
import { replaceSection, markdownTable, lineChart } from '../src/report/index.ts';
import { runExperiment, writeExperiment, metricsOf, type ExperimentOptions } from '../src/architectures/kuramoto/experiment.ts';
import { createClassifier } from '../src/architectures/kuramoto/model.ts';
import { trainOnline } from '../src/architectures/kuramoto/online.ts';
import { trainPerceptron, trainTanhNetwork } from '../src/architectures/kuramoto/baselines.ts';
import { accuracy, predict } from '../src/architectures/kuramoto/predict.ts';
import { responseMapSvg } from '../src/architectures/kuramoto/figures.ts';
import { loadTask } from '../src/architectures/kuramoto/tasks.ts';
import { KuramotoPool } from '../src/surrogate/kuramoto/pool.ts';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const parts = new Set(arg('parts', 'iris,maps,scaling,online').split(','));
const seed = Number(arg('seed', '1'));
const ROOT = new URL('..', import.meta.url).pathname;
const RUNS = join(ROOT, 'runs/results-kuramoto');
const FIGS = join(ROOT, 'docs/figures/kuramoto');
const RESULTS = join(ROOT, 'docs/RESULTS.md');
/** 2D maps train on 1156 examples: a 100 ps step keeps each run near two minutes; Iris uses the default 50 ps. */
const MAP_DT = 100e-12;
const SPECIES = ['setosa', 'versicolor', 'virginica'] as const;

const pool = new KuramotoPool();
mkdirSync(FIGS, { recursive: true });

async function run(name: string, o: Omit<ExperimentOptions, 'seed' | 'pool'>, publishFigures = true) {
  const t0 = Date.now();
  const r = await runExperiment({ ...o, seed, pool });
  const dir = join(RUNS, name);
  await writeExperiment(dir, r, pool);
  if (publishFigures) for (const f of ['response-map.svg', 'learning-curves.svg']) copyFileSync(join(dir, f), join(FIGS, `${name}-${f}`));
  console.log(`${name}: train ${(100 * r.record.train.accuracy).toFixed(1)} % test ${(100 * r.record.test.accuracy).toFixed(1)} % (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  return r;
}

if (parts.has('iris')) {
  for (const s of SPECIES) {
    await run(`iris-${s}-extended`, { task: `iris-${s}`, arch: 'extended', iterations: 100 });
    await run(`iris-${s}-reference`, { task: `iris-${s}`, arch: 'reference', iterations: 100 });
    const task = loadTask(`iris-${s}`, 0);
    const p = trainPerceptron(task.train, task.test, task.featureRange, 100, seed);
    writeJsonAtomic(join(RUNS, `iris-${s}-perceptron`, 'metrics.json'), { task: task.name, arch: 'perceptron', seed, iterations: 100, train: { accuracy: p.train }, test: { accuracy: p.test } });
  }
}

if (parts.has('maps')) {
  for (const task of ['circle', 'concave'] as const) {
    for (const arch of ['extended', 'reference'] as const) {
      const r = await run(`${task}-${arch}`, { task, arch, iterations: 100, dt: MAP_DT });
      writeJsonAtomic(join(RUNS, `${task}-${arch}`, 'curve.json'), r.history.accuracy);
    }
  }
  const curves = (task: string) =>
    (['extended', 'reference'] as const).map((arch) => {
      const acc = JSON.parse(readFileSync(join(RUNS, `${task}-${arch}`, 'curve.json'), 'utf8')) as number[];
      return { name: arch, x: acc.map((_, t) => t), y: acc.map((a) => 100 * (1 - a)) };
    });
  for (const task of ['circle', 'concave']) {
    writeFileAtomic(join(FIGS, `${task}-error-rates.svg`), await lineChart({ title: `Error rate during offline learning, ${task}`, xLabel: 'iteration', yLabel: 'misclassified (%)', series: curves(task) }));
  }
}

if (parts.has('online')) {
  await run('diagonal-reference-offline', { task: 'diagonal', arch: 'reference', iterations: 20, dt: MAP_DT });
  const task = loadTask('diagonal');
  const model = createClassifier({ arch: 'reference', n: 6, scaling: task.featureRange, seed, settings: { dt: MAP_DT } });
  const t0 = Date.now();
  const acc = trainOnline(model, task.train, 20, seed);
  const final = accuracy(await predict(model, task.test.x, { seed: seed + 7, pool }), task.test.y);
  const dir = join(RUNS, 'diagonal-reference-online');
  writeJsonAtomic(join(dir, 'metrics.json'), { task: 'diagonal', arch: 'reference-online', seed, iterations: 20, train: { accuracy: acc.at(-1) }, test: { accuracy: final }, seconds: (Date.now() - t0) / 1000 });
  writeFileAtomic(join(FIGS, 'diagonal-reference-online-response-map.svg'), await responseMapSvg(model, task, seed + 7, pool));
  console.log(`diagonal online: ${(100 * final).toFixed(1)} %`);
}

if (parts.has('scaling')) {
  const task = loadTask('iris-versicolor', 0);
  const rows: { kind: string; parameters: number; test: number }[] = [];
  for (const n of [2, 3, 4, 6, 8]) {
    const r = await run(`scaling-extended-n${n}`, { task: 'iris-versicolor', arch: 'extended', n, iterations: 100 }, false);
    rows.push({ kind: 'extended', parameters: r.model.parameterCount, test: r.record.test.accuracy });
  }
  for (const h of [1, 2, 3, 4, 5, 7]) {
    const accs = [0, 1, 2, 3, 4].map((k) => trainTanhNetwork(task.train, task.test, task.featureRange, h, 100, seed * 100 + k));
    rows.push({ kind: 'tanh', parameters: accs[0].parameters, test: accs.reduce((a, v) => a + v.test, 0) / accs.length });
  }
  writeJsonAtomic(join(RUNS, 'scaling.json'), rows);
}

await pool.close();

function metrics(name: string): ReturnType<typeof metricsOf> | null {
  const p = join(RUNS, name, 'metrics.json');
  return existsSync(p) ? JSON.parse(readFileSync(p, 'utf8')) : null;
}

function pct(v: number | undefined | null): string {
  return v === undefined || v === null ? 'n/a' : `${(100 * v).toFixed(1)} %`;
}

function writeResults(): void {
  const L: string[] = [];
  L.push('## Kuramoto classifiers (paper 000)', '');
  L.push('Written by `npm run results:kuramoto` (scripts/resultsKuramoto.ts); every run is kept in `runs/results-kuramoto/`.');
  L.push(`Seed ${seed} for initialisation and initial phases; Iris split seed 0 (30 train / 20 test per species). Training: offline,`);
  L.push('Adam lr 0.03 (weights in 30 MHz units), tanh-squashed Jacobian rows of the read-out pair by an adjoint pass with a 20 ns');
  L.push('horizon; where the pair is locked (D < 0.05) for an example that should not synchronize, the gradient goes through the');
  L.push('natural detuning |F_i - F_j| / 2k instead (eqs. 3-4 have none there). Initialisation: the best start by training E_tot');
  L.push('among 32 seeded random draws and, for the extended classifier, six data-driven starts computed from the training set');
  L.push('only (two slabs on the least-squares direction of the targets, four');
  L.push('"radial" networks F_a = mid + s v_a . (z - z0) locked at the positives\' centroid z0, see src/architectures/kuramoto/init.ts).');
  L.push('The weights kept are those of the iteration with the lowest training E_tot. Test rates are scored with');
  L.push('fresh initial phases; "@10 ps" re-scores the same weights with the paper\'s 10 ps Euler step.', '');
  L.push('### Iris, one species vs rest (test set, 60 examples)', '');
  const iris = (arch: string) => SPECIES.map((s) => metrics(`iris-${s}-${arch}`));
  const paper = { extended: ['100 %', '98 %', '100 %'], reference: ['67 %', '87 %', '67 %'], perceptron: ['100 %', '73 %', '97 %'] };
  const rows = (['extended', 'reference', 'perceptron'] as const).map((arch) => [
    arch === 'extended' ? 'extended (N = 6)' : arch === 'reference' ? 'reference (N_I = 4, N_T = 2)' : 'perceptron',
    ...iris(arch).map((m, k) => `${pct(m?.test.accuracy)} (paper ${paper[arch][k]})`),
  ]);
  L.push(markdownTable(['architecture', 'setosa', 'versicolor', 'virginica'], rows), '');
  L.push(`Extended, re-scored at 10 ps: ${iris('extended').map((m) => pct(m?.test.accuracyAt10ps)).join(' / ')}.`, '');
  L.push('### 2D maps (M = 1156 points of a 34 x 34 grid, scored on the grid itself as in the paper; 100 ps step)', '');
  const mapRow = (task: string, paperExt: string, paperRef: string) => [
    task,
    `${pct(metrics(`${task}-extended`)?.test.accuracy)} (paper ${paperExt})`,
    `${pct(metrics(`${task}-reference`)?.test.accuracy)} (paper ${paperRef})`,
  ];
  L.push(markdownTable(['target region', 'extended N = 6', 'reference N_I = 2, N_T = 4'], [mapRow('circle', '99.4 %', '87.7 %'), mapRow('concave', '99.8 %', '77.6 %')]), '');
  L.push(
    `Basic diagonal task, reference classifier: online rule, 20 iterations ${pct(metrics('diagonal-reference-online')?.test.accuracy)} (paper 91.7 %); ` +
      `offline, 20 iterations ${pct(metrics('diagonal-reference-offline')?.test.accuracy)} (paper 99.7 %). The online rule is our reading of ` +
      "the paper's one-sentence description (src/architectures/kuramoto/online.ts, step sizes ours); it oscillates between " +
      'a too-wide and a too-narrow sync region and does not reproduce the paper.',
    '',
  );
  L.push('Response maps (green/sync region of the output pair, training points on top) and learning curves:', '');
  for (const f of readdirSync(FIGS).filter((f) => f.endsWith('.svg')).sort()) L.push(`- [${f}](figures/kuramoto/${f})`);
  L.push('');
  const scalingPath = join(RUNS, 'scaling.json');
  if (existsSync(scalingPath)) {
    const s = JSON.parse(readFileSync(scalingPath, 'utf8')) as { kind: string; parameters: number; test: number }[];
    L.push('### Scaling on Iris versicolor (test rate vs learned parameters)', '');
    L.push('Extended classifier with N = 2, 3, 4, 6, 8 oscillators (5N parameters), one seed; two-layer tanh network with');
    L.push('h hidden units (6h + 1 parameters), mean of 5 seeds, same lr and iterations. Paper: extended ahead from 15 parameters up.', '');
    L.push(markdownTable(['model', 'parameters', 'test rate'], s.map((r) => [r.kind, String(r.parameters), pct(r.test)])), '');
    L.push('![scaling](figures/kuramoto/scaling.svg)', '');
  }
  L.push('### Targets of the issue, checked against the numbers above', '');
  const status = (ok: boolean | null) => (ok === null ? 'not run' : ok ? 'met' : '**missed**');
  const at = (name: string) => metrics(name)?.test.accuracy ?? null;
  const atLeast = (name: string, min: number) => (at(name) === null ? null : at(name)! >= min);
  const below = (a: string, b: string) => (at(a) === null || at(b) === null ? null : at(a)! < at(b)!);
  L.push(
    markdownTable(
      ['target', 'status'],
      [
        ['Iris extended setosa >= 97 %', status(atLeast('iris-setosa-extended', 0.97))],
        ['Iris extended versicolor >= 95 %', status(atLeast('iris-versicolor-extended', 0.95))],
        ['Iris extended virginica >= 97 %', status(atLeast('iris-virginica-extended', 0.97))],
        ['circle extended >= 98.5 %', status(atLeast('circle-extended', 0.985))],
        ['concave extended >= 98.5 %', status(atLeast('concave-extended', 0.985))],
        ['reference below extended on circle and concave', status(below('circle-reference', 'circle-extended') === null ? null : below('circle-reference', 'circle-extended')! && below('concave-reference', 'concave-extended')!)],
      ],
    ),
    '',
  );
  L.push(
    'Notes (observed while tuning; every choice was made on training error or training accuracy, never on the test set):',
    '- Inside a locked region D = 0 and f_bar_i = f_bar_j whatever F does, so eqs. 3-4 give no gradient there: negatives',
    '  inside a sync region were invisible and training could grow a sync region but hardly shrink it. The lock surrogate',
    '  (locked negatives only) fixes that; applying it to locked positives too flattened sync bands and was dropped.',
    '- Over the full 1 us the N = 6 network is chaotic where it is not locked and the exact Jacobian (tanh-squashed or',
    '  not) was not a descent direction in line searches, hence the 20 ns gradient horizon (on Iris virginica with random',
    '  starts, exact vs 20 ns: 83-89 % training accuracy either way; not re-checked with the data-driven starts).',
    '- Adam moves a weight ~0.9 MHz per iteration (30 MHz units; 100 MHz units: circle 94.1 vs 95.0 % training accuracy,',
    '  Iris virginica within one or two training examples, so 30 MHz was kept), so the',
    '  start decides most of the result. Random starts learn a band on the circle (86 % before the data-driven starts);',
    '  the radial start gives a round sync region from iteration 0 (~93 %), which training then refines.',
    '- Iris versicolor and virginica reach ~98 % on the training set; the test rates below target come from a few',
    '  test flowers near the class boundary (60 test examples: one error = 1.7 %).',
    '',
  );
  const doc = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : '# Results\n\nReproductions of the source papers; each section is written by its own script.\n';
  writeFileAtomic(RESULTS, replaceSection(doc, 'kuramoto', L.join('\n')));
}

if (existsSync(join(RUNS, 'scaling.json'))) {
  const s = JSON.parse(readFileSync(join(RUNS, 'scaling.json'), 'utf8')) as { kind: string; parameters: number; test: number }[];
  const series = ['extended', 'tanh'].map((kind) => ({ name: kind, x: s.filter((r) => r.kind === kind).map((r) => r.parameters), y: s.filter((r) => r.kind === kind).map((r) => 100 * r.test) }));
  writeFileAtomic(join(FIGS, 'scaling.svg'), await lineChart({ title: 'Iris versicolor: test rate vs learned parameters', xLabel: 'learned parameters', yLabel: 'test rate (%)', series, markers: true }));
}
writeResults();
