// `spinspice report` on a CNN run folder: training and learning curve, model estimates, variability, validation and mc sections.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { taskData } from '../../src/architectures/cnn/tasks.ts';
import { evaluateUnderVariability } from '../../src/architectures/cnn/variabilitySweep.ts';
import { evenlySpaced, pickImages } from '../../src/data/images.ts';
import type { CnnArch } from '../../src/surrogate/cnn/arch.ts';
import { modelEstimates } from '../../src/surrogate/cnn/estimates.ts';
import { fromModelJson, initSpintronic, toModelJson, type CnnModel } from '../../src/surrogate/cnn/model.ts';
import { runCli } from './runCli.ts';

const dir = mkdtempSync(join(tmpdir(), 'spinspice-cnn-report-'));
const run = join(dir, 'digits');
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
const headings = (html: string) => [...html.matchAll(/<h2>(.*?)<\/h2>/g)].map((m) => m[1]);
const pct = (v: number, digits = 2) => `${(100 * v).toFixed(digits)} %`;
let backend = '';
test.before(async () => {
  await tf.ready();
  backend = tf.getBackend();
});
test.after(async () => {
  await tf.setBackend(backend);
});

test('report of a trained digits run with variability, validation and mc folders: every section, numbers from the records', async () => {
  assert.is((await runCli(['train', 'rfcnn', '--task', 'digits', '--epochs', '1', '--seed', '1', '--out', run])).code, 0);
  const trained = fromModelJson(readJson(join(run, 'model.json')));
  const test100 = pickImages(taskData('digits').test, evenlySpaced(taskData('digits').test.count, 100));
  const points = evaluateUnderVariability(trained, test100, [0, 0.1, 1], [1]);
  writeFileSync(join(run, 'variability.json'), JSON.stringify({ task: 'digits', modelSeed: 1, images: 100, points }));
  // circuit studies on a tiny network (a digits-sized one takes minutes per image in ngspice)
  const arch: CnnArch = { name: 'tiny', input: { height: 8, width: 8, channels: 1 }, convs: [{ filters: 2, kernel: 3, pad: 1, pool: 2 }, { filters: 2, kernel: 3, pad: 1, pool: 2 }], classes: 10 };
  const init = initSpintronic(arch, 3);
  const tiny = join(dir, 'tiny.json');
  writeFileSync(tiny, JSON.stringify(toModelJson({ ...init, params: { ...init.params, gains: [0.08, 0.15, 0.5] } } as CnnModel, { task: 'digits' })));
  assert.is((await runCli(['validate', tiny, '--examples', '1', '--workers', '1', '--out', join(run, 'validate')])).code, 0);
  const mcArgs = ['mc', tiny, '--level', 'surrogate', '--trials', '2', '--sensitivity-trials', '1', '--spread', 'sigma=0.3', '--examples', '50', '--out', join(run, 'mc')];
  assert.is((await runCli(mcArgs)).code, 0);

  const r = await runCli(['report', run]);
  assert.is(r.code, 0, r.err);
  const html = readFileSync(join(run, 'report.html'), 'utf8');
  const h = headings(html);
  for (const heading of ['Devices, power, latency, area (.)', 'Training (.)', 'Learning curve (.)', 'Validation: whole network in ngspice vs surrogate (validate)', 'Per-layer errors, circuit vs float64 reference (validate)', 'Mismatch Monte Carlo, surrogate level (mc)', 'Sensitivity ranking (mc)']) {
    assert.ok(h.includes(heading), `${heading} in ${h.join(' | ')}`);
  }
  assert.ok(h.includes('Resonance-frequency variability: variability.json (.)'), h.join(' | '));
  assert.ok(h.indexOf('Training (.)') < h.indexOf('Validation: whole network in ngspice vs surrogate (validate)'), 'story order');
  const m = readJson(join(run, 'metrics.json'));
  assert.ok(html.includes(`<td>${pct(m.test.accuracy)}</td>`), 'test accuracy of metrics.json');
  assert.ok(html.includes(`<td>${modelEstimates(trained).powerW.toPrecision(3)} W</td>`), 'power estimated from the trained model');
  assert.ok(html.includes(`<td>${pct(points[1].accuracy)}</td>`), 'accuracy at sigma 0.1');
  const v = readJson(join(run, 'validate', 'validation.json'));
  assert.ok(html.includes(`<td>${pct(v.agreement, 1)}</td>`), 'agreement of validation.json');
  const s = readJson(join(run, 'mc', 'summary.json'));
  assert.ok(html.includes(`<td>${pct(s.mean)}</td>`), 'mean accuracy of summary.json');
  assert.ok((html.match(/<svg/g) ?? []).length >= 4, 'learning curve, variability, mc accuracy and sensitivity figures');
});

test('report of a run not finished (checkpoint.json only): its finished epochs, status, estimates from the architecture', async () => {
  const running = join(dir, 'running');
  mkdirSync(running);
  copyFileSync(join(run, 'checkpoint.json'), join(running, 'checkpoint.json'));
  const r = await runCli(['report', running]);
  assert.is(r.code, 0, r.err);
  const html = readFileSync(join(running, 'report.html'), 'utf8');
  assert.match(html, 'not finished: 1 epoch done, checkpoint.json resumes at epoch 2, batch 0');
  assert.ok(headings(html).includes('Learning curve (.)'));
  assert.match(html, 'the digits architecture (no model.json yet)');
});

test.run();
