// CLI contracts of the circuit-level commands on a small classifier: netlist --example, validate, mc, noise, report.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readJsonl } from '../../src/io/jsonl.ts';
import { simulate } from '../../src/sim/simulate.ts';
import { nativeAvailable } from '../../src/sim/nativeEngine.ts';
import { fixtureModel } from '../annotate/fixtureModel.ts';
import { runCli } from './runCli.ts';

const { file: model } = fixtureModel();
const dir = mkdtempSync(join(tmpdir(), 'spinspice-studies-'));
const run = async (args: string[]) => {
  const r = await runCli(args);
  return { code: r.code, text: r.out + r.err };
};

test('netlist MODEL --example i: a deck with annotation.json that native ngspice runs too', async () => {
  const deck = join(dir, 'circuit', 'ex2.cir');
  assert.is((await run(['netlist', model, '--example', '2', '--out', deck])).code, 0);
  const annotation = JSON.parse(readFileSync(join(dir, 'circuit', 'annotation.json'), 'utf8'));
  assert.is(annotation.example, 2);
  assert.equal(annotation.outOfRange, []);
  assert.match(readFileSync(deck, 'utf8'), /test example 2/);
  if (nativeAvailable()) {
    const r = await simulate(readFileSync(deck, 'utf8'), { engine: 'native', baseDir: join(dir, 'circuit') });
    assert.ok(r.variables['v(p0)'].length > 1000);
  }
  assert.is((await run(['netlist', model, '--out', deck])).code, 2, 'a model needs --example');
  assert.is((await run(['netlist', model, '--example', '999', '--out', deck])).code, 2);
});

test('validate writes validation.json with the contract fields; circuit and surrogate agree on this non-chaotic network', async () => {
  const out = join(dir, 'validate');
  const r = await run(['validate', model, '--examples', '3', '--workers', '2', '--out', out]);
  assert.is(r.code, 0, r.text);
  const v = JSON.parse(readFileSync(join(out, 'validation.json'), 'utf8'));
  for (const key of ['examples', 'agreement', 'circuitAccuracy', 'surrogateAccuracy', 'perExample']) assert.ok(key in v, key);
  assert.is(v.examples, 3);
  assert.is(v.perExample.length, 3);
  assert.is(v.agreement, 1);
  assert.ok(v.frequencyError.maxAbsHz < 0.05e6, `max f_bar error ${v.frequencyError.maxAbsHz} Hz`);
  assert.ok(existsSync(join(out, 'frequency-errors.svg')) && existsSync(join(out, 'pair-distance.svg')));
});

test('mc writes trials.jsonl (index, seed, sample, accuracy) and summary.json (trials, mean, min, max, yield); bad flags exit 2', async () => {
  const out = join(dir, 'mc');
  const r = await run(['mc', model, '--level', 'circuit', '--trials', '2', '--examples', '2', '--sensitivity-trials', '0', '--spread', 'F0=3MHz', '--out', out]);
  assert.is(r.code, 0, r.text);
  const trials = readJsonl<Record<string, unknown>>(join(out, 'trials.jsonl'));
  assert.is(trials.length, 2);
  for (const t of trials) for (const key of ['index', 'seed', 'sample', 'accuracy']) assert.ok(key in t, key);
  assert.is((trials[0].sample as Record<string, number[]>).F0.length, 4);
  const s = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
  for (const key of ['trials', 'mean', 'min', 'max', 'yield']) assert.type(s[key], 'number', key);
  assert.is(s.spreads.F0.sigma, 3e6);
  assert.is((await run(['mc', model, '--level', 'sideways', '--out', out])).code, 2);
  const bad = await run(['mc', model, '--spread', 'nonsense=1', '--out', out]);
  assert.is(bad.code, 2);
  assert.match(bad.text, /--spread/);
});

test('validate and mc dispatch on the model format: an unknown format exits 2 naming the file and the field', async () => {
  const foreign = join(dir, 'foreign.json');
  writeFileSync(foreign, JSON.stringify({ format: 'someone-else/1' }));
  for (const command of ['validate', 'mc']) {
    const r = await run([command, foreign, '--out', join(dir, 'foreign')]);
    assert.is(r.code, 2, command);
    assert.match(r.text, /foreign\.json/);
    assert.match(r.text, /format/);
    assert.match(r.text, /spinspice\.kuramoto-classifier/, 'the error lists the formats that are supported');
  }
});

test('noise sweep then report: noise.json per linewidth for both levels, one HTML page with inline SVG', async () => {
  const out = join(dir, 'noise');
  const r = await run(['noise', model, '--linewidths', '0,2', '--trials', '4', '--circuit-trials', '1', '--circuit-examples', '2', '--out', out]);
  assert.is(r.code, 0, r.text);
  const n = JSON.parse(readFileSync(join(out, 'noise.json'), 'utf8'));
  assert.equal(n.levels.map((l: { linewidthHz: number }) => l.linewidthHz), [0, 2e6]);
  assert.is(n.levels[1].surrogate.trials, 4);
  assert.is(n.levels[1].circuit.trials, 1);
  assert.is((await run(['report', dir])).code, 0);
  const html = readFileSync(join(dir, 'report.html'), 'utf8');
  for (const heading of ['Validation: circuit vs surrogate', 'Phase noise', 'Mismatch Monte Carlo', 'Back-annotation']) assert.ok(html.includes(heading), heading);
  assert.ok((html.match(/<svg/g) ?? []).length >= 4, 'figures inline');
  assert.is((await run(['report', join(dir, 'nowhere')])).code, 2);
});

test.run();
