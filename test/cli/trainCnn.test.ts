// `spinspice train rfcnn` (alias `train cnn`) and `spinspice decks`: outputs and their fields, exit code 2 on bad arguments.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { main } from '../../src/cli/main.ts';

const dir = mkdtempSync(join(tmpdir(), 'spinspice-cnn-cli-'));
let backend = '';
const quiet = async (args: string[]) => {
  const write = process.stderr.write.bind(process.stderr);
  const out = process.stdout.write.bind(process.stdout);
  let err = '';
  process.stderr.write = ((s: string) => ((err += s), true)) as typeof process.stderr.write;
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    return { code: await main(args), err };
  } finally {
    process.stderr.write = write;
    process.stdout.write = out;
  }
};

test.before(async () => {
  await tf.ready();
  backend = tf.getBackend();
});
test.after(async () => {
  await tf.setBackend(backend);
});

test('train rfcnn --task digits writes model.json and metrics.json with task, arch, seed, epochs, accuracies, seconds', async () => {
  const out = join(dir, 'digits');
  assert.is((await quiet(['train', 'rfcnn', '--task', 'digits', '--epochs', '1', '--seed', '2', '--out', out])).code, 0);
  const m = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8'));
  assert.is(m.task, 'digits');
  assert.is(m.arch, 'digits-small');
  assert.is(m.seed, 2);
  assert.is(m.epochs, 1);
  assert.ok(m.train.accuracy > 0.5 && m.test.accuracy > 0.5, `one epoch learns: ${m.test.accuracy}`);
  assert.ok(m.seconds > 0);
  const model = JSON.parse(readFileSync(join(out, 'model.json'), 'utf8'));
  assert.is(model.format, 'spinspice-cnn/1');
  assert.is(model.frequencyPlan.qOsc, 6400);
  assert.ok(existsSync(join(out, 'checkpoint.json')));
});

test('train cnn is an alias of train rfcnn: it resumes the same run (same identity) and asks for the same options', async () => {
  const out = join(dir, 'digits');
  const first = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8'));
  assert.is((await quiet(['train', 'cnn', '--task', 'digits', '--epochs', '1', '--seed', '2', '--out', out])).code, 0);
  const m = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8'));
  assert.equal(m.history, first.history, 'the finished epoch comes from the rfcnn checkpoint, not retrained');
  assert.is(m.test.accuracy, first.test.accuracy);
  const r = await quiet(['train', 'cnn', '--task', 'digits', '--iterations', '3', '--out', out]);
  assert.is(r.code, 2);
  assert.match(r.err, "not an option of 'train rfcnn'");
});

test('bad arguments exit 2 with the flag named', async () => {
  for (const [args, flag] of [
    [['train', 'rfcnn', '--task', 'cifar', '--out', dir], '--task'],
    [['train', 'rfcnnn', '--task', 'digits', '--out', dir], 'architecture'],
    [['train', 'cnn', '--task', 'digits', '--network', 'optical', '--out', dir], '--network'],
    [['train', 'cnn', '--task', 'digits'], '--out'],
    [['train', 'cnn', '--task', 'digits', '--lr-decay', '2', '--out', dir], '--lr-decay'],
    [['train', 'cnn', '--task', 'digits', '--iterations', '3', '--out', dir], '--iterations'],
  ] as const) {
    const r = await quiet([...args]);
    assert.is(r.code, 2, args.join(' '));
    assert.match(r.err, flag);
  }
});

test('decks rejects a file that is not a spintronic CNN model and an image outside the test set', async () => {
  const notModel = join(dir, 'other.json');
  writeFileSync(notModel, JSON.stringify({ format: 'something-else' }));
  assert.is((await quiet(['decks', notModel, '--image', '0', '--out', join(dir, 'd')])).code, 2);
  const r = await quiet(['decks', join(dir, 'digits', 'model.json'), '--image', '899', '--out', join(dir, 'd')]);
  assert.is(r.code, 2);
  assert.match(r.err, '--image');
});

test.run();
