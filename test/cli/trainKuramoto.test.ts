// `spinspice train kuramoto`: a short run writes the metrics.json contract, figures and a model.json that reloads to the
// same test predictions; the defaults are the results recipe's (seed 1, split 0, N = 6); bad arguments exit 2 in one line.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readClassifier } from '../../src/architectures/kuramoto/persist.ts';
import { accuracy, predict } from '../../src/architectures/kuramoto/predict.ts';
import { loadTask } from '../../src/architectures/kuramoto/tasks.ts';
import { runCli } from './runCli.ts';

const dir = mkdtempSync(join(tmpdir(), 'spinspice-kuramoto-'));

test('a short run writes metrics.json (contract fields, fractions), figures and a model.json that reloads', async () => {
  const out = join(dir, 'run');
  process.env.SPINSPICE_QUIET = '1';
  const r = await runCli(['train', 'kuramoto', '--task', 'iris-setosa', '--arch', 'reference', '--iterations', '2', '--dt', '100ps', '--out', out]);
  assert.is(r.code, 0, r.err);
  const m = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8'));
  assert.equal([m.task, m.arch, m.seed, m.iterations, m.splitSeed, m.oscillators], ['iris-setosa', 'reference', 1, 2, 0, 6]);
  for (const a of [m.train.accuracy, m.test.accuracy]) assert.ok(a >= 0 && a <= 1, `accuracy ${a} is a fraction`);
  assert.ok(m.seconds > 0);
  for (const f of ['learning-curves.svg', 'response-map.svg']) assert.ok(existsSync(join(out, f)), f);
  const { model, training } = readClassifier(join(out, 'model.json'));
  const task = loadTask('iris-setosa', m.splitSeed);
  const p = await predict(model, task.test.x, { seed: training!.evalSeed });
  assert.is(accuracy(p, task.test.y), m.test.accuracy);
});

test('bad arguments: exit 2 and a one-line error naming the field', async () => {
  const cases: [string[], string][] = [
    [['--task', 'iris-nope'], '--task'],
    [['--task', 'circle', '--iterations', '-3'], '--iterations'],
    [['--task', 'circle', '--arch', 'big'], '--arch'],
    [['--task', 'circle', '--restarts', '0'], '--restarts'],
  ];
  for (const [args, field] of cases) {
    const r = await runCli(['train', 'kuramoto', ...args, '--out', dir]);
    assert.is(r.code, 2, args.join(' '));
    assert.ok(r.err.includes(field), r.err);
    assert.is(r.err.trim().split('\n').length, 1, r.err);
  }
  const unwritable = await runCli(['train', 'kuramoto', '--task', 'circle', '--out', '/proc/not-writable']);
  assert.is(unwritable.code, 2);
  assert.ok(unwritable.err.includes('--out'), unwritable.err);
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
