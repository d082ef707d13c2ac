// readCnnProgress: metrics.json of a finished run, checkpoint.json of an unfinished one or of a continuation; target epoch and loaded epochs.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { epochReaching, loadedEpochs, readCnnProgress } from '../../src/architectures/cnn/runProgress.ts';
import type { EpochRecord } from '../../src/surrogate/cnn/train.ts';

const epoch = (e: number, testAccuracy: number, imagesPerSecond: number): EpochRecord => ({ epoch: e, lr: 0.003, trainLoss: 0.1, trainAccuracy: 0.95, testAccuracy, seconds: 60000 / imagesPerSecond, imagesPerSecond });
const history = [epoch(0, 0.975, 20), epoch(1, 0.98, 13), epoch(2, 0.991, 246), epoch(3, 0.99, 240)];
const run = { task: 'mnist', network: 'spintronic', seed: 1, sigma: 0, variabilitySeed: 1, batchSize: 64, lr: 0.003, lrDecay: 0.85 };
const metrics = (h: EpochRecord[]) => ({ task: 'mnist', arch: 'paper-mnist', network: 'spintronic', seed: 1, epochs: h.length, sigma: 0, train: { accuracy: 0.999, loss: 0.01 }, test: { accuracy: h[h.length - 1].testAccuracy, loss: 0.04 }, seconds: 1000, imagesPerSecond: 50, training: { batchSize: 64, lr: 0.003, lrDecay: 0.85 }, history: h });
const folder = (files: Record<string, unknown>) => {
  const dir = mkdtempSync(join(tmpdir(), 'spinspice-cnn-progress-'));
  for (const [name, doc] of Object.entries(files)) writeFileSync(join(dir, name), JSON.stringify(doc));
  return dir;
};

test('a finished run reads metrics.json (whole-set accuracies); an empty folder reads nothing', () => {
  const p = readCnnProgress(folder({ 'metrics.json': metrics(history), 'checkpoint.json': { run, history, seconds: 1000, batch: 0 } }))!;
  assert.ok(p.finished);
  assert.is(p.trainAccuracy, 0.999);
  assert.is(p.history.length, 4);
  assert.is(readCnnProgress(folder({})), undefined);
});

test('an unfinished run, or a continuation with more epochs in its checkpoint than in metrics.json, reads checkpoint.json', () => {
  const p = readCnnProgress(folder({ 'checkpoint.json': { run, history: history.slice(0, 2), seconds: 500, batch: 300 } }))!;
  assert.not.ok(p.finished);
  assert.equal([p.history.length, p.batch, p.testAccuracy, p.arch], [2, 300, 0.98, 'paper-mnist']);
  const c = readCnnProgress(folder({ 'metrics.json': metrics(history.slice(0, 2)), 'checkpoint.json': { run, history: history.slice(0, 3), seconds: 800, batch: 10 } }))!;
  assert.not.ok(c.finished);
  assert.is(c.history.length, 3);
});

test('the first epoch at a target accuracy, and the epochs under half the fastest rate', () => {
  assert.is(epochReaching(history, 0.989), 3);
  assert.is(epochReaching(history, 0.995), undefined);
  assert.equal(loadedEpochs(history), [1, 2]);
});

test.run();
