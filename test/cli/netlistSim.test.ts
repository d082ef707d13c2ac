// CLI contracts: `netlist` writes a deck and its libraries; `sim` writes { engine, variables }; exit codes 0 / 1 / 2.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './runCli.ts';
import { EXAMPLES_DIR } from '../../src/netlist/examples.ts';

const dir = mkdtempSync(join(tmpdir(), 'spinspice-cli-'));
const quiet = runCli;

test('netlist then sim: the chain voltage comes back as JSON', async () => {
  const deck = join(dir, 'chain', 'deck.cir');
  assert.is((await quiet(['netlist', join(EXAMPLES_DIR, 'spin-diode-chain.json'), '--out', deck])).code, 0);
  assert.ok(existsSync(join(dir, 'chain', 'spinspice_spinDiode.lib')));
  const out = join(dir, 'result.json');
  assert.is((await quiet(['sim', deck, '--out', out, '--timeout', '30 s'])).code, 0);
  const json = JSON.parse(readFileSync(out, 'utf8'));
  assert.is(json.engine, 'wasm');
  assert.ok(Array.isArray(json.variables['v(out)']));
});

test('a deck ngspice rejects exits 1 naming the line; bad arguments exit 2', async () => {
  const bad = join(dir, 'bad.cir');
  writeFileSync(bad, 'bad\nV1 a 0 DC 1\nR1 a 0 1\nX9 a nosuch\n.op\n.end\n');
  const rejected = await quiet(['sim', bad, '--out', join(dir, 'x.json')]);
  assert.is(rejected.code, 1);
  assert.match(rejected.err, /line 4: X9 a nosuch/);
  assert.is((await quiet(['sim', bad, '--out', join(dir, 'x.json'), '--engine', 'spectre'])).code, 2);
  assert.is((await quiet(['sim', bad, '--out', join(dir, 'x.json'), '--timeout', '5 V'])).code, 2);
  assert.is((await quiet(['sim', join(dir, 'missing.cir'), '--out', join(dir, 'x.json')])).code, 2);
  assert.is((await quiet(['netlist', bad, '--out', join(dir, 'y.cir')])).code, 2);
  assert.is((await quiet(['frobnicate'])).code, 2);
  const unwritable = await quiet(['netlist', join(EXAMPLES_DIR, 'spin-diode-chain.json'), '--out', '/proc/deck.cir']);
  assert.is(unwritable.code, 2);
  assert.match(unwritable.err, /--out: cannot write the deck/);
  assert.is((await quiet(['demo', '--out', join(dir, 'demo'), '--seed', '-3'])).code, 2);
});

test.run();
