// Sequential digits: shipped data and split, model.json round trip and inference, trajectories, CLI argument errors.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDigits, splitDigits } from '../../src/data/digits.ts';
import { cumulativeDrive, seqDigitsConfig } from '../../src/architectures/dynamical/seqDigits.ts';
import { drawMasks, initParams, synapseCount } from '../../src/surrogate/dynamical/params.ts';
import { fromModelJson, loadModel, predict, saveModel, toModelJson, trajectories } from '../../src/surrogate/dynamical/model.ts';
import { evaluate } from '../../src/surrogate/dynamical/train.ts';
import { parseDynamicalOptions } from '../../src/cli/commands/trainDynamical.ts';
import { InputError } from '../../src/errors.ts';

test('digits: 1797 images of 64 pixels in 0..16, class counts as published', () => {
  const d = loadDigits();
  assert.is(d.count, 1797);
  assert.is(d.pixels.length, 1797 * 64);
  const counts = new Array(10).fill(0);
  d.labels.forEach((l) => counts[l]++);
  assert.equal(counts, [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]);
  assert.equal(Array.from(d.pixels.subarray(0, 8)), [0, 0, 5, 13, 9, 1, 0, 0]);
});

test('split: 898 / 899, disjoint, deterministic in its seed', () => {
  const d = loadDigits();
  const a = splitDigits(d, 0);
  const b = splitDigits(d, 0);
  const c = splitDigits(d, 1);
  assert.is(a.train.count, 898);
  assert.is(a.test.count, 899);
  assert.equal(Array.from(a.train.labels), Array.from(b.train.labels));
  assert.not.equal(Array.from(a.train.labels), Array.from(c.train.labels));
  const key = (s: typeof a.train, i: number) => s.pixels.subarray(i * 64, i * 64 + 64).join(',') + '|' + s.labels[i];
  const all = new Set([...Array.from({ length: 898 }, (_, i) => key(a.train, i)), ...Array.from({ length: 899 }, (_, i) => key(a.test, i))]);
  const full = new Set(Array.from({ length: 1797 }, (_, i) => key(d as typeof a.train, i)));
  assert.is(all.size, full.size);
});

test("paper network: 96 neurons and ~2896 synapses at density 0.5 (320 readout + half of 5152)", () => {
  const cfg = seqDigitsConfig({ model: 'spintronic' });
  const n = synapseCount(cfg, drawMasks(cfg, 1));
  assert.ok(Math.abs(n - 2896) < 80, `${n}`);
  assert.is(cfg.layers * cfg.width, 96);
  assert.ok(Math.abs(cfg.bFixedPerNs - 2 / 14.12) < 1e-15);
});

test('cumulative drive follows I = S <|W|> sqrt(N_fanin)', () => {
  const cfg = seqDigitsConfig({ model: 'spintronic', density: 1 });
  const masks = drawMasks(cfg, 2);
  const p = initParams(cfg, masks, 2);
  [...p.wext, ...p.wint].forEach((w) => w.fill(-0.25));
  const { drive, driveTimesDt } = cumulativeDrive(cfg, masks, p);
  assert.ok(Math.abs(drive - 0.5 * 0.25 * 8) < 1e-9, `${drive}`);
  assert.is(driveTimesDt, drive);
});

test('model.json round trip: same predictions, same accuracy, trajectories of every neuron', () => {
  const cfg = seqDigitsConfig({ model: 'spintronic' });
  const masks = drawMasks(cfg, 3);
  const params = initParams(cfg, masks, 3);
  const m = { cfg, masks, params, seed: 3, splitSeed: 0, task: 'seqdigits' };
  const dir = mkdtempSync(join(tmpdir(), 'dyn-'));
  saveModel(join(dir, 'model.json'), toModelJson(m, { steps: 64, dataset: { name: 'digits' } }));
  const back = loadModel(join(dir, 'model.json'));
  const { test: set } = splitDigits(loadDigits(), 0);
  const inputs = set.pixels.subarray(0, 20 * 64);
  const p1 = predict(m, inputs, 20);
  const p2 = predict(back, inputs, 20);
  assert.equal(Array.from(p1.classes), Array.from(p2.classes));
  p1.logits.forEach((v, i) => assert.ok(Math.abs(v - p2.logits[i]) < 1e-6));
  const seq = { inputs, labels: set.labels.subarray(0, 20), count: 20, steps: 64 };
  const ev = evaluate(back.cfg, back.masks, back.params, seq);
  assert.equal(Array.from(ev.predictions), Array.from(p1.classes));
  const tr = trajectories(back, inputs.subarray(0, 64));
  assert.is(tr.tNs.length, 64 * cfg.substeps + 1);
  assert.is(tr.x.length, 96);
  assert.ok(Math.abs(tr.tNs[tr.tNs.length - 1] - 64) < 1e-9);
  assert.is(tr.x[0][0], 0.5);
  assert.is(tr.y[0][0], 0);
  assert.ok(Math.abs(tr.drive[40][0] - cfg.bFixedPerNs) < 1e-12, 'at t = 0 all y = 0 and b = 0: I = b_fixed');
  // the last layer's y at the end is what the readout sees
  const yEnd = tr.y.slice(64).map((row) => row[row.length - 1]);
  const logit0 = params.bout[0] + yEnd.reduce((s, y, i) => s + params.wout[i] * y, 0);
  assert.ok(Math.abs(logit0 - p1.logits[0]) < 1e-9);
});

test('model.json with a wrong field is an InputError naming it', () => {
  const cfg = seqDigitsConfig({ model: 'ctrnn' });
  const masks = drawMasks(cfg, 1);
  const doc = toModelJson({ cfg, masks, params: initParams(cfg, masks, 1), seed: 1, splitSeed: 0, task: 'seqdigits' }, { steps: 64, dataset: {} });
  const bad = JSON.parse(JSON.stringify(doc));
  bad.config.tauNs = 'fast';
  assert.throws(() => fromModelJson(bad, 'm.json'), (e: Error) => e instanceof InputError && /config\.tauNs/.test(e.message));
  bad.config.tauNs = 14.12;
  bad.weights.wint.pop();
  assert.throws(() => fromModelJson(bad), (e: Error) => e instanceof InputError && /wint/.test(e.message));
});

test('CLI options: quantities parsed, bad values are InputErrors naming the flag', () => {
  const o = parseDynamicalOptions({ out: 'x', dtInput: '2.5 ns', tau: '14.12ns', density: '0.3', epochs: '3', seed: '4', lr0: '0.02', initDrive: '1' });
  assert.is(o.dtInputNs, 2.5);
  assert.is(o.lr0, 0.02);
  assert.is(o.initDrive, 1);
  assert.is(parseDynamicalOptions({ out: 'x' }).lr0, undefined);
  assert.ok(Math.abs(o.tauNs - 14.12) < 1e-9);
  assert.is(o.density, 0.3);
  assert.is(o.threads, 1);
  assert.is(parseDynamicalOptions({ out: 'x', threads: '2' }).threads, 2);
  const bad: [Record<string, string>, RegExp][] = [
    [{ out: 'x', task: 'mnist' }, /--task/],
    [{ out: 'x', model: 'lif' }, /--model/],
    [{ out: 'x', dtInput: '1 V' }, /--dt-input/],
    [{ out: 'x', density: '0' }, /--density/],
    [{ out: 'x', epochs: '1.5' }, /--epochs/],
    [{ out: 'x', lr0: '-1' }, /--lr0/],
    [{ out: 'x', initDrive: 'big' }, /--init-drive/],
    [{ out: 'x', threads: '3' }, /--threads/],
    [{}, /--out/],
  ];
  for (const [opts, re] of bad) assert.throws(() => parseDynamicalOptions(opts), (e: Error) => e instanceof InputError && re.test(e.message));
});

test('CLI handler writes model.json, metrics.json (fractions) and learning curves', async () => {
  const { trainDynamicalHandler } = await import('../../src/cli/commands/trainDynamical.ts');
  const out = mkdtempSync(join(tmpdir(), 'dyncli-'));
  process.env.SPINSPICE_QUIET = '1';
  const write = process.stdout.write;
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    await trainDynamicalHandler({ out, epochs: '1', model: 'ctrnn', density: '0.2', dtInput: '0.4ns' });
  } finally {
    process.stdout.write = write;
  }
  const metrics = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8'));
  for (const k of ['task', 'arch', 'seed', 'epochs', 'train', 'test', 'seconds']) assert.ok(k in metrics, k);
  assert.ok(metrics.test.accuracy >= 0 && metrics.test.accuracy <= 1);
  assert.is(metrics.task, 'seqdigits');
  const model = loadModel(join(out, 'model.json'));
  assert.is(model.cfg.dtInputNs, 0.4);
  assert.ok(existsSync(join(out, 'learning-curves.svg')));
});

test.run();
