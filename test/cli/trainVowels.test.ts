// `spinspice train vowels`: bad arguments exit 2 naming the field; a run writes model.json and the metrics.json contract.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';
import { readVowelNetwork } from '../../src/architectures/vowels/persist.ts';

const dir = mkdtempSync(join(tmpdir(), 'spinspice-vowels-'));
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

test('bad arguments exit 2 with the field named', async () => {
  const cases: [string[], string][] = [
    [['--rule', 'hebbian'], '--rule'],
    [['--arch', 'wide'], '--arch'],
    [['--rule', 'online', '--arch', 'extended'], '--rule'],
    [['--init-from', 'model.json'], '--init-from'],
    [['--task', 'vowels5'], '--task'],
    [['--seed', '-1'], '--seed'],
    [['--epochs', '3'], '--epochs'],
    [['--search-sweeps', '1'], '--search-sweeps'],
    [['--arch', 'extended', '--search-sweeps', '-1'], '--search-sweeps'],
  ];
  for (const [args, field] of cases) {
    const r = await quiet(['train', 'vowels', ...args, '--out', dir]);
    assert.is(r.code, 2, args.join(' '));
    assert.ok(r.err.includes(field), `${args.join(' ')}: ${r.err}`);
  }
  assert.is((await quiet(['train', 'vowels'])).code, 2);
});

test('a run (initial search only) writes model.json and metrics.json with the contract fields; --arch extended --init-from starts from it', async () => {
  const out = join(dir, 'run');
  process.env.SPINSPICE_QUIET = '1';
  assert.is((await quiet(['train', 'vowels', '--iterations', '0', '--seed', '3', '--out', out])).code, 0);
  const metrics = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8'));
  for (const k of ['task', 'arch', 'seed', 'iterations', 'seconds']) assert.ok(k in metrics, k);
  assert.is(metrics.task, 'vowels7');
  assert.is(metrics.seed, 3);
  assert.ok(metrics.train.accuracy > 1 / 7 && metrics.test.accuracy > 1 / 7, 'better than chance');
  assert.is(readVowelNetwork(join(out, 'model.json')).parameterCount, 4);
  for (const f of ['response-map.svg', 'lock-map.svg']) assert.ok(existsSync(join(out, f)), f);

  // the extended network started from that model (no search, no training) scores exactly as it does; another split is refused
  const ext = join(dir, 'extended');
  const args = ['--init-from', join(out, 'model.json'), '--search-sweeps', '0', '--iterations', '0', '--seed', '3', '--out', ext];
  assert.is((await quiet(['train', 'vowels', '--arch', 'extended', ...args])).code, 0);
  const extended = JSON.parse(readFileSync(join(ext, 'metrics.json'), 'utf8'));
  assert.is(extended.init.from, 'reference');
  assert.is(extended.init.rowSearch, null);
  assert.is(extended.parameters, 12);
  assert.equal([extended.train.accuracy, extended.test.accuracy], [metrics.train.accuracy, metrics.test.accuracy]);
  const otherSplit = await quiet(['train', 'vowels', '--arch', 'extended', '--init-from', join(out, 'model.json'), '--split-seed', '1', '--out', ext]);
  assert.is(otherSplit.code, 2);
  assert.ok(otherSplit.err.includes('--init-from'), otherSplit.err);
});

test.run();
