// Reproduces paper 000's results with the Kuramoto classifiers and rewrites the kuramoto section of docs/RESULTS.md.
//
//   npm run results:kuramoto [-- --parts iris,noise,maps,online,scaling] [--seed 1] [--scaling-seeds 3] [--resume]
//
// Each run is cached in runs/results-kuramoto/<name>/ (model.json, metrics.json, figures); the Markdown is rebuilt from
// every cached run, so parts can be rerun alone (--resume keeps the finished scaling runs of an interrupted invocation).
// Figures are copied to docs/figures/kuramoto/.
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic, writeJsonAtomic } from '../src/io/atomic.ts';
import { replaceSection, markdownTable, lineChart } from '../src/report/index.ts';
import { runExperiment, writeExperiment, metricsOf, TRAINING_COUPLING_MARGIN, type ExperimentOptions } from '../src/architectures/kuramoto/experiment.ts';
import { createClassifier, FREQUENCY_UNIT_MHZ, REFINEMENT_FREQUENCY_UNIT_MHZ } from '../src/architectures/kuramoto/model.ts';
import { ONLINE_STEP, trainOnline } from '../src/architectures/kuramoto/online.ts';
import { readClassifier } from '../src/architectures/kuramoto/persist.ts';
import { seedFor } from '../src/random/rng.ts';
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
const parts = new Set(arg('parts', 'iris,noise,maps,online,scaling').split(','));
const seed = Number(arg('seed', '1'));
const scalingSeeds = Number(arg('scaling-seeds', '3'));
const resume = args.includes('--resume');
/** Paper 000 Fig. 8 at the typical STNO linewidth: 100 noisy trials, new initial phases and noise stream each. */
const NOISE_LINEWIDTH = 1e6;
const NOISE_TRIALS = 100;
/** Scaling: extended N = 3..8 (5N parameters) against tanh networks with h hidden units (6h + 1 parameters). */
const SCALING_OSCILLATORS = [3, 4, 5, 6, 7, 8];
const SCALING_HIDDEN = [1, 2, 3, 4, 5, 6, 7];
const TANH_SEEDS = 5;
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

if (parts.has('noise')) {
  // the trained Iris versicolor model in the noisy network (eq. 8) at the paper's 10 ps step
  const { model } = readClassifier(join(RUNS, 'iris-versicolor-extended', 'model.json'));
  const task = loadTask('iris-versicolor', 0);
  const rates: number[] = [];
  for (let q = 0; q < NOISE_TRIALS; q++) {
    const p = await predict(model, task.test.x, { seed: seedFor(seed, 7000 + q), pool, settings: { linewidth: NOISE_LINEWIDTH, dt: 10e-12 } });
    rates.push(accuracy(p, task.test.y));
  }
  const mean = rates.reduce((a, v) => a + v, 0) / rates.length;
  writeJsonAtomic(join(RUNS, 'noise.json'), { linewidth: NOISE_LINEWIDTH, trials: NOISE_TRIALS, dt: 10e-12, seed, rates, mean, min: Math.min(...rates), max: Math.max(...rates) });
  console.log(`noise: mean ${(100 * mean).toFixed(1)} %, worst ${(100 * Math.min(...rates)).toFixed(1)} %`);
}

if (parts.has('online')) {
  await run('diagonal-reference-offline', { task: 'diagonal', arch: 'reference', iterations: 20, dt: MAP_DT });
  const task = loadTask('diagonal');
  const model = createClassifier({ arch: 'reference', n: 6, scaling: task.featureRange, seed, settings: { dt: MAP_DT } });
  const t0 = Date.now();
  const h = await trainOnline(model, task.train, 20, seed, { pool });
  const final = accuracy(await predict(model, task.test.x, { seed: seed + 7, pool }), task.test.y);
  const dir = join(RUNS, 'diagonal-reference-online');
  writeJsonAtomic(join(dir, 'metrics.json'), { task: 'diagonal', arch: 'reference-online', seed, iterations: 20, train: { accuracy: h.accuracy.at(-1) }, test: { accuracy: final }, seconds: (Date.now() - t0) / 1000 });
  writeFileAtomic(join(FIGS, 'diagonal-reference-online-response-map.svg'), await responseMapSvg(model, task, seed + 7, pool));
  const series = h.tuningMHz[0].map((_, q) => ({ name: `F${q + 3}`, x: h.tuningMHz.map((_, t) => t + 1), y: h.tuningMHz.map((T) => T[q]) }));
  writeFileAtomic(join(FIGS, 'diagonal-reference-online-tuning.svg'), await lineChart({ title: 'Online rule: tuning frequencies (paper Fig. 4b)', xLabel: 'iteration', yLabel: 'natural frequency (MHz)', series }));
  console.log(`diagonal online: ${(100 * final).toFixed(1)} %`);
}

if (parts.has('scaling')) {
  const task = loadTask('iris-versicolor', 0);
  const rows: { kind: string; size: number; parameters: number; tests: number[] }[] = [];
  for (const n of SCALING_OSCILLATORS) {
    const tests: number[] = [];
    for (let k = 0; k < scalingSeeds; k++) {
      const name = `scaling-extended-n${n}-s${seed + k}`;
      const kept = resume ? metrics(name) : null;
      if (kept) {
        tests.push(kept.test.accuracy);
        continue;
      }
      const r = await runExperiment({ task: 'iris-versicolor', arch: 'extended', n, iterations: 100, seed: seed + k, pool });
      await writeExperiment(join(RUNS, name), r, pool);
      tests.push(r.record.test.accuracy);
    }
    rows.push({ kind: 'extended', size: n, parameters: 5 * n, tests });
    console.log(`scaling extended N = ${n}: ${tests.map((t) => (100 * t).toFixed(1)).join(', ')}`);
  }
  for (const h of SCALING_HIDDEN) {
    const accs = Array.from({ length: TANH_SEEDS }, (_, k) => trainTanhNetwork(task.train, task.test, task.featureRange, h, 100, seed * 100 + k));
    rows.push({ kind: 'tanh', size: h, parameters: accs[0].parameters, tests: accs.map((a) => a.test) });
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

const mean = (v: readonly number[]) => v.reduce((a, x) => a + x, 0) / v.length;

function readJson<T>(path: string): T | null {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T) : null;
}

interface ScalingRow {
  kind: string;
  size: number;
  parameters: number;
  tests: number[];
}

function writeResults(): void {
  const L: string[] = [];
  const start = (name: string) => readJson<{ training?: { init?: { start?: string } } }>(join(RUNS, name, 'model.json'))?.training?.init?.start ?? 'n/a';
  L.push('## Kuramoto classifiers (paper 000)', '');
  L.push('Written by `npm run results:kuramoto` (scripts/resultsKuramoto.ts); every run is kept in `runs/results-kuramoto/`.');
  L.push(`Seed ${seed} for initialisation and initial phases; Iris split seed 0 (30 train / 20 test per species). Training: offline,`);
  L.push(`Adam lr 0.03, 100 iterations, tanh-squashed Jacobian rows of the read-out pair by an adjoint pass with a 20 ns horizon;`);
  L.push(`weights in ${REFINEMENT_FREQUENCY_UNIT_MHZ} MHz units for the extended classifier (0.3 MHz per Adam step) and ${FREQUENCY_UNIT_MHZ} MHz for the reference.`);
  L.push(`Iris trains with a coupling margin of ${TRAINING_COUPLING_MARGIN}: examples that must synchronize run with k (1 - ${TRAINING_COUPLING_MARGIN}) and the others with`);
  L.push(`k (1 + ${TRAINING_COUPLING_MARGIN}), so a lock must survive a weaker coupling and a drift a stronger one (scoring uses nominal k); the 2D maps,`);
  L.push('scored on their own training grid, train without (the learning curves show the error rate as measured in training).');
  L.push('Where the pair is locked (D < 0.05) for an example that should not synchronize, the gradient goes through the natural');
  L.push('detuning |F_i - F_j| / 2k (eqs. 3-4 have none there). The weights kept are those of the iteration with the lowest training');
  L.push('E_tot (the start included). Test rates are scored with fresh initial phases; "@10 ps" re-scores the same weights with the');
  L.push("paper's 10 ps Euler step.", '');
  L.push('Initialisation: the best start by training E_tot among 32 seeded random draws and, for the extended classifier, data-driven');
  L.push('starts computed from the training set only (src/architectures/kuramoto/starts.ts), each an oscillator mechanism whose sync');
  L.push('region already has a shape: a *slab* (the output pair alone at mid +- k h(z), locked where |h| <= 1: a band or half-space');
  L.push('fitted by logistic regression on the two-oscillator lock condition), a *bridged cluster* (the pair 56-64 MHz apart, too');
  L.push('far to lock alone, locked only when the four other oscillators, F_a = mid + s v_a . (z - z0), gather between its');
  L.push('frequencies near the positives\' centroid: a round region), and an *OR gate* (the pair at the floor of the tuning range');
  L.push('and 28-34 MHz above, locked when two mediators clipped to the floor sit on its lower member: a union of two fitted');
  L.push('half-planes). Method choices (starts, units, margin) were made on the 2D maps (scored on their training grid, as the');
  L.push('paper does) and on Iris splits 1-4; the reported split 0 test set was not used to choose anything.', '');

  L.push('### Iris, one species vs rest (test set, 60 examples)', '');
  const iris = (arch: string) => SPECIES.map((s) => metrics(`iris-${s}-${arch}`));
  const paper = { extended: ['100 %', '98 %', '100 %'], reference: ['67 %', '87 %', '67 %'], perceptron: ['100 %', '73 %', '97 %'] };
  const rows = (['extended', 'reference', 'perceptron'] as const).map((arch) => [
    arch === 'extended' ? 'extended (N = 6)' : arch === 'reference' ? 'reference (N_I = 4, N_T = 2)' : 'perceptron',
    ...iris(arch).map((m, k) => `${pct(m?.test.accuracy)} (paper ${paper[arch][k]})`),
  ]);
  L.push(markdownTable(['architecture', 'setosa', 'versicolor', 'virginica'], rows), '');
  L.push(
    `Extended: training rates ${iris('extended').map((m) => pct(m?.train.accuracy)).join(' / ')}; re-scored at 10 ps ` +
      `${iris('extended').map((m) => pct(m?.test.accuracyAt10ps)).join(' / ')}; starts chosen: ${SPECIES.map((s) => start(`iris-${s}-extended`)).join(' / ')}.`,
    '',
  );
  const noise = readJson<{ mean: number; min: number; max: number; trials: number }>(join(RUNS, 'noise.json'));
  if (noise) {
    L.push('### Phase noise (paper Fig. 8 at the typical STNO linewidth)', '');
    L.push(
      `The trained Iris versicolor model in the noisy network (eq. 8, linewidth 1 MHz, 10 ps step), ${noise.trials} trials with new ` +
        `initial phases and noise streams: mean test rate **${pct(noise.mean)}**, worst ${pct(noise.min)}, best ${pct(noise.max)} ` +
        '(paper: mean 94.6 %, worst 90 %).',
      '',
    );
  }

  L.push('### 2D maps (M = 1156 points of a 34 x 34 grid, scored on the grid itself as in the paper; 100 ps step)', '');
  const mapRow = (task: string, paperExt: string, paperRef: string) => [
    task,
    `${pct(metrics(`${task}-extended`)?.test.accuracy)} (paper ${paperExt})`,
    `${pct(metrics(`${task}-reference`)?.test.accuracy)} (paper ${paperRef})`,
    start(`${task}-extended`),
  ];
  L.push(markdownTable(['target region', 'extended N = 6', 'reference N_I = 2, N_T = 4', 'extended start'], [mapRow('circle', '99.4 %', '87.7 %'), mapRow('concave', '99.8 %', '77.6 %')]), '');
  L.push(
    `Basic diagonal task, reference classifier: online rule, 20 iterations ${pct(metrics('diagonal-reference-online')?.test.accuracy)} (paper 91.7 %); ` +
      `offline, 20 iterations ${pct(metrics('diagonal-reference-offline')?.test.accuracy)} (paper 99.7 %). The online rule is our reading of ` +
      `the paper's description (src/architectures/kuramoto/online.ts): after each pass over the examples the output pair moves by the ` +
      `sum over its errors (pulled by the observed frequency difference where it should lock, pushed by k/2 where it should not), ` +
      `step ${ONLINE_STEP}; it only resizes the sync region.`,
    '',
  );
  L.push('Response maps (sync region of the output pair, training points on top), learning curves and the online tuning frequencies:', '');
  for (const f of readdirSync(FIGS).filter((f) => f.endsWith('.svg')).sort()) L.push(`- [${f}](figures/kuramoto/${f})`);
  L.push('');

  const scaling = readJson<ScalingRow[]>(join(RUNS, 'scaling.json'));
  if (scaling) {
    L.push('### Scaling on Iris versicolor (test rate vs learned parameters)', '');
    L.push(`Extended classifier with N = ${SCALING_OSCILLATORS.join(', ')} oscillators (5N parameters), seeds ${seed}..${seed + scalingSeeds - 1};`);
    L.push(`two-layer tanh network with h hidden units (6h + 1 parameters), ${TANH_SEEDS} seeds, full-batch Adam, same lr and iterations.`);
    L.push('Paper (Fig. 7): the extended classifier ahead from 15 parameters up.', '');
    L.push(
      markdownTable(
        ['model', 'size', 'parameters', 'mean test rate', 'per seed'],
        scaling.map((r) => [r.kind, r.kind === 'extended' ? `N = ${r.size}` : `h = ${r.size}`, String(r.parameters), pct(mean(r.tests)), r.tests.map((t) => (100 * t).toFixed(1)).join(', ')]),
      ),
      '',
    );
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
        ['phase noise 1 MHz: mean within 3 points of 94.6 %, worst >= 88 %', status(noise ? Math.abs(noise.mean - 0.946) <= 0.03 && noise.min >= 0.88 : null)],
      ],
    ),
    '',
  );
  L.push(
    'Notes (observed while tuning; every choice was made on training error, on the 2D grids or on Iris splits 1-4):',
    '- Inside a locked region D = 0 and f_bar_i = f_bar_j whatever F does, so eqs. 3-4 give no gradient there: negatives',
    '  inside a sync region were invisible and training could grow a sync region but hardly shrink it. The lock surrogate',
    '  (locked negatives only) fixes that; applying it to locked positives too flattened sync bands and was dropped.',
    '- Over the full 1 us the N = 6 network is chaotic where it is not locked and the exact Jacobian (tanh-squashed or',
    '  not) was not a descent direction in line searches, hence the 20 ns gradient horizon.',
    '- Two oscillators with linear natural frequencies lock on a whole band of input space (|F_i - F_j| <= 2k), so a pair',
    '  that locks by itself draws a straight band across the map: the earlier "radial" start (pair at mid +- s v . (z - z0))',
    '  scored 93.9 % on the circle, all errors on that band. Holding the pair too far apart to lock alone and letting the',
    '  other oscillators bridge it removes the band (bridged cluster: 99.7 % before training).',
    '- With data-driven starts, training mostly refines: on Iris splits 1-4 the mean test rate of versicolor / virginica was',
    '  97.5 / 97.9 % at the start, 97.1 / 95.4 % after 100 iterations with 30 MHz units and no margin, 97.1 / 97.5 % with',
    '  10 MHz units and margin 0.15 (the setting used here); 60 test examples: one error = 1.7 %. On the circle the same',
    '  margin cost accuracy on the grid (99.7 % at the start, 98.6 % after training with it: the bridged lock needs the',
    '  full coupling), hence no margin for the maps.',
    '- Iris virginica misses the 97 % target by one of 60 test flowers. Tried afterwards, judged on splits 1-4 only (mean',
    '  virginica test rate; split 0 untouched): the current recipe 97.5 %; an extra slab start of sharpness 16 (the rule fit',
    '  alone: 97.5 % for virginica, 100 % training fit on split 0) 97.5 %, the same rate on every split; coupling margin 0.10 97.5 %,',
    '  0.20 96.3 % (0.30: 95.4 %, none: 95.0 %); a stronger L2 penalty on the slab fit (1e-2, 3e-2) lowered the rule fit',
    '  alone to 96.7 / 95.8 %. Nothing beat the recipe on the validation splits, so it was left unchanged.',
    '- Independent restarts (`spinspice train kuramoto --restarts K`: the whole run from seeds derived from the run seed,',
    '  the restart with the lowest training E_tot kept), measured on split 0 and not adopted: every restart lands at the',
    '  same rates, train / test setosa 100 / 100 % (3 restarts), versicolor 98.9 / 96.7 %',
    '  (3), virginica 98.9 / 96.7 % (5). The two virginica test errors are versicolor flowers (5.9, 3.2, 4.8, 1.8 and',
    '  6.0, 2.7, 5.1, 1.6) locked deep inside the sync region (D = 0.00 and 0.08), beside the one training error, a',
    '  virginica (6.3, 2.8, 5.1, 1.5) left outside: the overlap of the two species, which a restart does not move.',
    '',
  );
  const doc = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : '# Results\n\nReproductions of the source papers; each section is written by its own script.\n';
  writeFileAtomic(RESULTS, replaceSection(doc, 'kuramoto', L.join('\n')));
}

const scalingRows = readJson<ScalingRow[]>(join(RUNS, 'scaling.json'));
if (scalingRows?.[0]?.tests) {
  const series = ['extended', 'tanh'].map((kind) => {
    const r = scalingRows.filter((s) => s.kind === kind);
    return { name: kind === 'extended' ? 'extended classifier' : 'two-layer tanh network', x: r.map((s) => s.parameters), y: r.map((s) => 100 * mean(s.tests)) };
  });
  writeFileAtomic(join(FIGS, 'scaling.svg'), await lineChart({ title: 'Iris versicolor: test rate vs learned parameters', xLabel: 'learned parameters', yLabel: 'mean test rate (%)', series, markers: true }));
}
writeResults();
