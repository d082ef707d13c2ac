// Kuramoto classifiers: error function (eqs. 3-4), Iris split, model JSON round trip, a recover-the-teacher training
// run, restarts, the truncated gradient on a locked state, baselines, and the CLI's argument errors.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { totalError, pairError } from '../../src/architectures/kuramoto/loss.ts';
import { createClassifier, KuramotoClassifier } from '../../src/architectures/kuramoto/model.ts';
import { fromSaved, toSaved } from '../../src/architectures/kuramoto/persist.ts';
import { accuracy, errorOf, predict } from '../../src/architectures/kuramoto/predict.ts';
import { restartSeed, runExperiment } from '../../src/architectures/kuramoto/experiment.ts';
import { searchInitialization } from '../../src/architectures/kuramoto/init.ts';
import { fitSlab, fitUnion } from '../../src/architectures/kuramoto/ruleFit.ts';
import { trainOffline } from '../../src/architectures/kuramoto/train.ts';
import { trainPerceptron } from '../../src/architectures/kuramoto/baselines.ts';
import { trainOnline } from '../../src/architectures/kuramoto/online.ts';
import { loadTask } from '../../src/architectures/kuramoto/tasks.ts';
import { loadIris, splitIris } from '../../src/data/iris.ts';
import { kuramotoJacobianRows } from '../../src/surrogate/kuramoto/kernel.ts';
import { resolveSettings } from '../../src/surrogate/kuramoto/params.ts';
import { createRng, seedFor } from '../../src/random/rng.ts';
import { main } from '../../src/cli/main.ts';

test('pair error: continuous at D = 1, complementary, and totalError is its mean over examples', () => {
  assert.ok(Math.abs(pairError(1, true) - 0.5) < 1e-12 && Math.abs(pairError(1 + 1e-12, true) - 0.5) < 1e-9);
  for (const D of [0, 0.3, 1, 1.7, 4]) assert.ok(Math.abs(pairError(D, true) + pairError(D, false) - 1) < 1e-12);
  const fbar = [[600, 603, 610], [600, 600.5, 640], [600, 620, 601]];
  const targets = [[true], [false], [true]];
  const tfE = totalError(tf.tensor2d(fbar), [[0, 2]], targets, 10).dataSync()[0];
  const jsE = fbar.reduce((a, f, m) => a + pairError(Math.abs(f[0] - f[2]) / 5, targets[m][0]), 0) / 3;
  assert.ok(Math.abs(tfE - jsE) < 1e-5, `${tfE} vs ${jsE}`);
});

test('lock surrogate: a locked negative gets a gradient pushing its pair apart; positives and unlocked pairs keep eqs. 3-4', () => {
  const F = tf.tensor2d([[600, 608, 650], [600, 608, 650]]);
  const fbar = tf.tensor2d([[604, 604, 650], [604, 604, 650]]); // pair (0, 1) locked for both examples
  const grad = (natural: boolean, target: boolean) =>
    tf.grad((f: tf.Tensor) => totalError(fbar, [[0, 1]], [[target], [target]], 10, natural ? (f as tf.Tensor2D) : undefined).add(f.sum().mul(0)))(F).arraySync() as number[][];
  const plain = grad(false, false);
  assert.ok(plain.flat().every((v) => v === 0), 'eqs. 3-4 alone: no gradient in lock');
  const g = grad(true, false);
  assert.ok(g[0][0] > 0 && g[0][1] < 0, `descent pushes F_0 down and F_1 up: ${g[0]}`);
  assert.ok(grad(true, true).flat().every((v) => v === 0), 'locked positives: unchanged');
  // the value is still the paper's E_tot only when no pair is locked-and-negative
  const unlocked = tf.tensor2d([[600, 640, 650]]);
  const a = totalError(unlocked, [[0, 1]], [[false]], 10).dataSync()[0];
  const b = totalError(unlocked, [[0, 1]], [[false]], 10, tf.tensor2d([[600, 640, 650]])).dataSync()[0];
  assert.ok(Math.abs(a - b) < 1e-7);
});

/** A side x side grid over the unit square, labelled by `region`. */
function gridTask(side: number, region: (x1: number, x2: number) => boolean) {
  const x: number[][] = [];
  for (let r = 0; r < side; r++) for (let c = 0; c < side; c++) x.push([c / (side - 1), r / (side - 1)]);
  return { x, y: x.map(([a, b]) => region(a, b)) };
}

test('data-driven starts (training data only): a bridged cluster draws a disk, an OR gate an L-shape', async () => {
  const o = { arch: 'extended' as const, n: 6, scaling: { min: [0, 0], max: [1, 1] }, seed: 1, settings: { dt: 100e-12 } };
  const cases = [
    { shape: 'disk', data: gridTask(14, (a, b) => (a - 0.35) ** 2 + (b - 0.6) ** 2 <= 0.25 ** 2), start: /^bridged cluster/ },
    { shape: 'L', data: gridTask(14, (a, b) => a <= 0.25 || b <= 0.25), start: /^OR gate/ },
  ];
  for (const c of cases) {
    const { model, start } = await searchInitialization(o, c.data, { candidates: 0 });
    const acc = accuracy(await predict(model, c.data.x, { seed: 2 }), c.data.y);
    assert.match(start, c.start, `${c.shape}: chosen ${start}`);
    assert.ok(acc >= 0.95, `${c.shape}: accuracy ${acc} before training`);
  }
});

test('rule fits recover known rules: a lock slab |a . z + c| <= 1 and a union of two half-planes', () => {
  const rng = createRng(3);
  const z = Array.from({ length: 200 }, () => [rng.uniform(), rng.uniform()]);
  const slab = { a: [3, -2], c: -0.4 };
  const inSlab = z.map(([p, q]) => Math.abs(slab.a[0] * p + slab.a[1] * q + slab.c) <= 1);
  const s = fitSlab(z, inSlab, { seed: 1 });
  assert.ok(s.accuracy >= 0.97, `slab accuracy ${s.accuracy}`);
  // same band up to the sign of (a, c): compare normalised directions
  const cos = Math.abs(s.a[0][0] * slab.a[0] + s.a[0][1] * slab.a[1]) / (Math.hypot(...s.a[0]) * Math.hypot(...slab.a));
  assert.ok(cos > 0.98, `slab direction: cos ${cos}`);
  const inUnion = z.map(([p, q]) => p <= 0.3 || q <= 0.2);
  const u = fitUnion(z, inUnion, { seed: 1 });
  assert.ok(u.accuracy >= 0.97, `union accuracy ${u.accuracy}`);
});

test('Iris: 150 rows, 30/20 split per species, disjoint, reproducible from its seed', () => {
  const data = loadIris();
  const a = splitIris(data, 3);
  const b = splitIris(data, 3);
  assert.equal(a, b);
  assert.is(a.train.length, 90);
  assert.is(a.test.length, 60);
  assert.is(new Set([...a.train, ...a.test]).size, 150);
  for (let s = 0; s < 3; s++) assert.is(a.train.filter((i) => data.species[i] === s).length, 30);
  assert.not.equal(splitIris(data, 4).train, a.train);
});

test('2D tasks: 34 x 34 = 1156 grid points', () => {
  for (const t of ['circle', 'concave', 'diagonal']) assert.is(loadTask(t).train.x.length, 1156);
});

test('model JSON round trip: same natural frequencies and the same predictions', async () => {
  const task = loadTask('iris-virginica', 1);
  const settings = { duration: 200e-9, window: 100e-9 };
  for (const arch of ['extended', 'reference'] as const) {
    const model = createClassifier({ arch, n: 6, scaling: task.featureRange, seed: 9, settings });
    const loaded = fromSaved(JSON.parse(JSON.stringify(toSaved(model, null)))).model;
    assert.equal(loaded.naturalFrequenciesHz(task.test.x), model.naturalFrequenciesHz(task.test.x));
    const p1 = await predict(model, task.test.x, { seed: 4 });
    const p2 = await predict(loaded, task.test.x, { seed: 4 });
    assert.equal(p2.fbarHz, p1.fbarHz);
  }
  assert.throws(() => fromSaved({ format: 'other' }), /format/);
});

test('training recovers a known 2-oscillator teacher (sync band |F2 - F1| <= 2k) on a 1D input', async () => {
  // teacher: F1 = 590 MHz, F2 = 560 + 60 z MHz -> locked (Adler) iff z in [1/6, 5/6]
  const x = Array.from({ length: 41 }, (_, m) => [m / 40]);
  const y = x.map(([z]) => Math.abs(560 + 60 * z - 590) <= 20);
  const data = { x, y };
  const settings = { dt: 100e-12 }; // the paper's 1 us run: the 0.5 us window spans several beats near the band edges
  const { model } = await searchInitialization({ arch: 'extended', n: 2, scaling: { min: [0], max: [1] }, seed: 3, settings, gradientHorizon: null }, data, { candidates: 8, dataDriven: false });
  const history = await trainOffline(model, data, { iterations: 100, seed: 5 });
  const final = accuracy(await predict(model, x, { seed: 6 }), y);
  assert.ok(final >= 0.95, `accuracy ${final}, curve ${history.accuracy.slice(-5)}`);
  assert.ok(history.loss[history.best] < history.loss[0], 'training lowered E_tot');
});

test('truncated gradient: converges to the exact Jacobian as the horizon grows (and is biased at 20 ns)', () => {
  const n = 4;
  const F = Float64Array.from([596e6, 601e6, 604e6, 609e6]); // a locked network: exact Jacobian 1/N everywhere
  const input = { F, batch: 1, n, seeds: [seedFor(1, 0)] };
  const errorAt = (horizon: number) =>
    Math.max(...kuramotoJacobianRows(input, resolveSettings(), [0, 3], horizon).jacobian.map((v) => Math.abs(v - 1 / n)));
  const errors = [20e-9, 200e-9, 2e-6, 20e-6, Infinity].map(errorAt);
  for (let q = 1; q < errors.length; q++) assert.ok(errors[q] < errors[q - 1], `errors ${errors}`);
  assert.ok(errors[4] < 1e-6, `exact: ${errors[4]}`);
});

test('online rule: pulls a desynchronized pair together for a positive example and pushes a synchronized one apart for a negative', async () => {
  const settings = { dt: 100e-12 };
  const model = createClassifier({ arch: 'reference', n: 6, scaling: { min: [0, 0], max: [1, 1] }, seed: 2, settings });
  const [i, j] = model.description.outputPairs[0].map((o) => o - model.description.inputs);
  const gap = () => {
    const T = model.weightValues();
    return Math.abs(T[i][0] - T[j][0]);
  };
  model.weights.assign(tf.tensor2d([[19.0], [19.5], [21.5], [18.0]])); // pair 60 MHz apart: not in sync
  const before = gap();
  await trainOnline(model, { x: [[0.5, 0.5]], y: [true] }, 1, 1);
  assert.ok(gap() < before, `pulled: ${gap()} vs ${before}`);
  model.weights.assign(tf.tensor2d([[19.0], [19.6], [19.65], [18.0]])); // pair 1.5 MHz apart: in sync
  const close = gap();
  await trainOnline(model, { x: [[0.5, 0.5]], y: [false] }, 1, 1);
  assert.ok(gap() > close, `pushed: ${gap()} vs ${close}`);
  model.weights.assign(tf.tensor2d([[19.0], [19.5], [21.5], [18.0]]));
  await trainOnline(model, { x: [[0.5, 0.5]], y: [false] }, 1, 1);
  assert.is(gap(), before, 'a correctly classified example moves nothing');
});

test('coupling margin: a positive locked at nominal k but not at k (1 - m) costs error and is pulled together', async () => {
  // two oscillators, 1D input: F_1 = 600 MHz, F_2 = 619 MHz for every z (detuning 19 MHz < 2k = 20 MHz: locked)
  const make = () => new KuramotoClassifier({ ...createClassifier({ arch: 'extended', n: 2, scaling: { min: [0], max: [1] }, seed: 1 }).description, frequencyUnitMHz: 10 }, { min: [0], max: [1] }, [[0, 60], [0, 61.9]]);
  const data = { x: [[0.2], [0.7]], y: [true, true] };
  const plain = make();
  const h0 = await trainOffline(plain, data, { iterations: 1, seed: 3 });
  const strict = make();
  const h1 = await trainOffline(strict, data, { iterations: 2, seed: 3, couplingMargin: 0.15 }); // 2 k (1 - m) = 17 MHz < 19 MHz
  assert.ok(h0.loss[0] < 1e-3, `locked pair, no margin: E = ${h0.loss[0]}`);
  assert.ok(h1.loss[0] > 0.3, `with margin the pair drifts: E = ${h1.loss[0]}`);
  const detuning = (W: number[][]) => W[1][1] + W[1][0] * 0.5 - W[0][1] - W[0][0] * 0.5;
  assert.ok(detuning(h1.weights[1]) < detuning(h1.weights[0]), `one step pulls the pair together: ${detuning(h1.weights[0])} -> ${detuning(h1.weights[1])}`);
});

test('restarts: the kept restart has the lowest training E_tot, restart 0 is the plain run, the same seed gives the same model', async () => {
  const o = { task: 'iris-virginica' as const, arch: 'extended' as const, iterations: 2, seed: 3, candidates: 1, dt: 100e-12 };
  const a = await runExperiment({ ...o, restarts: 3 });
  const r = a.record.restarts!;
  assert.is(r.count, 3);
  assert.equal(r.seeds, [0, 1, 2].map((k) => restartSeed(o.seed, k)));
  assert.is(new Set(r.seeds).size, 3);
  assert.ok(new Set(r.trainingErrors).size > 1, `restarts differ: ${r.trainingErrors}`);
  assert.is(r.trainingErrors[r.kept], Math.min(...r.trainingErrors));
  const task = loadTask(o.task, 0);
  const kept = errorOf(await predict(a.model, task.train.x, { seed: a.record.evalSeed }), task.train.y);
  assert.is(kept, r.trainingErrors[r.kept], 'the returned model is the kept restart');
  const plain = await runExperiment(o);
  assert.is(plain.record.restarts!.trainingErrors[0], r.trainingErrors[0]);
  const again = await runExperiment({ ...o, restarts: 3 });
  assert.equal(again.model.weightValues(), a.model.weightValues());
  assert.equal(again.record.restarts, r);
  const zero = await runExperiment({ ...o, restarts: 0 }).then(() => null, (e: Error) => e.message);
  assert.match(zero ?? '', /restarts/);
});

test('perceptron separates a linearly separable set', () => {
  const x = Array.from({ length: 50 }, (_, m) => [(m * 7) % 50 / 50, (m * 13) % 50 / 50]);
  const ex = { x, y: x.map(([a, b]) => a + 0.5 * b > 0.6) };
  const r = trainPerceptron(ex, ex, { min: [0, 0], max: [1, 1] }, 200, 1);
  assert.is(r.train, 1);
});

test('classifier rejects malformed descriptions', () => {
  const model = createClassifier({ arch: 'extended', n: 3, scaling: { min: [0], max: [1] }, seed: 1 });
  assert.throws(() => new KuramotoClassifier({ ...model.description, outputPairs: [[0, 5]] }, model.scaling, model.weightValues()), /output pair/);
  assert.throws(() => new KuramotoClassifier(model.description, model.scaling, [[1, 2]]), /weights/);
});

test('CLI: bad arguments give exit code 2', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kuramoto-cli-'));
  const prev = process.stderr.write.bind(process.stderr);
  process.stderr.write = (() => true) as typeof process.stderr.write;
  try {
    assert.is(await main(['train', 'kuramoto', '--task', 'iris-nope', '--out', dir]), 2);
    assert.is(await main(['train', 'kuramoto', '--task', 'circle', '--iterations', '-3', '--out', dir]), 2);
    assert.is(await main(['train', 'kuramoto', '--task', 'circle', '--out', '/proc/not-writable']), 2);
    assert.is(await main(['train', 'kuramoto', '--task', 'circle', '--arch', 'big', '--out', dir]), 2);
    assert.is(await main(['train', 'warp', '--out', dir]), 2);
  } finally {
    process.stderr.write = prev;
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
