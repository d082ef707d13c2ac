// CLI contracts of netlist, validate and mc on a small dynamical STNO network model.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readJsonl } from '../../src/io/jsonl.ts';
import { nativeAvailable } from '../../src/sim/nativeEngine.ts';
import { simulate } from '../../src/sim/simulate.ts';
import { smallDynamicalModelFile } from '../architectures/dynamicalFixture.ts';
import { runCli } from './runCli.ts';

const { file: model } = smallDynamicalModelFile(4);
const dir = mkdtempSync(join(tmpdir(), 'spinspice-dynamical-studies-'));
const run = async (args: string[]) => {
  const r = await runCli(args);
  return { code: r.code, text: r.out + r.err };
};

test('netlist MODEL --example i: the circuit driven by test image i, a deck native ngspice runs too', async () => {
  const deck = join(dir, 'deck', 'ex5.cir');
  const r = await run(['netlist', model, '--example', '5', '--out', deck]);
  assert.is(r.code, 0, r.text);
  const text = readFileSync(deck, 'utf8');
  assert.match(text, /test example 5/);
  assert.match(text, /PWL/i);
  if (nativeAvailable()) {
    const sim = await simulate(text, { engine: 'native', baseDir: join(dir, 'deck') });
    assert.ok(sim.variables['v(o0)'].length > 64);
  }
  assert.is((await run(['netlist', model, '--out', deck])).code, 2, 'a model needs --example');
  assert.is((await run(['netlist', model, '--example', '5000', '--out', deck])).code, 2);
});

test('validate writes validation.json with the contract fields and resumable per-example records', async () => {
  const out = join(dir, 'validate');
  const r = await run(['validate', model, '--examples', '2', '--workers', '1', '--out', out]);
  assert.is(r.code, 0, r.text);
  const v = JSON.parse(readFileSync(join(out, 'validation.json'), 'utf8'));
  for (const key of ['examples', 'agreement', 'circuitAccuracy', 'surrogateAccuracy', 'perExample']) assert.ok(key in v, key);
  assert.is(v.examples, 2);
  assert.is(v.agreement, 1);
  assert.ok(v.trajectoryError.maxAbs < 5e-3, `max logit error ${v.trajectoryError.maxAbs}`);
  assert.is(readJsonl(join(out, 'circuit-examples.jsonl')).length, 2);
  assert.ok(existsSync(join(out, 'logit-parity.svg')));
});

test('mc (2 surrogate trials): trials.jsonl and summary.json contracts, replay equals the stored trial, bad flags exit 2', async () => {
  const out = join(dir, 'mc');
  const args = ['mc', model, '--level', 'surrogate', '--trials', '2', '--examples', '30', '--sensitivity-trials', '1', '--spread', 'gamma=10%', '--workers', '1', '--out', out];
  const r = await run(args);
  assert.is(r.code, 0, r.text);
  const trials = readJsonl<Record<string, unknown>>(join(out, 'trials.jsonl'));
  assert.is(trials.length, 2);
  for (const t of trials) for (const key of ['index', 'seed', 'sample', 'accuracy']) assert.ok(key in t, key);
  assert.is((trials[0].sample as Record<string, { n: number }>).gamma.n, 12);
  const s = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
  for (const key of ['trials', 'mean', 'min', 'max', 'yield', 'nominal']) assert.type(s[key], 'number', key);
  assert.is(s.spreads.gamma.sigma, 0.1);
  assert.is(s.sensitivity.length, 6);
  const replay = await run([...args, '--replay', '1']);
  assert.is(replay.code, 0, replay.text);
  assert.match(replay.text, /same as the stored trial/);
  assert.is((await run(['mc', model, '--spread', 'F0=1MHz', '--out', out])).code, 2);
  assert.is((await run(['mc', model, '--linewidth', '1MHz', '--out', out])).code, 2);
});

test.run();
