// CLI contracts of validate, mc and report on a tiny vowel network (200 ns runs): validation.json, trials.jsonl, summary.json, replay.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vowelDescription } from '../../src/architectures/vowels/experiment.ts';
import { VowelNetwork } from '../../src/architectures/vowels/model.ts';
import { toSavedVowelNetwork, writeVowelNetwork } from '../../src/architectures/vowels/persist.ts';
import { predictVowels } from '../../src/architectures/vowels/predict.ts';
import { learnDecoder } from '../../src/architectures/vowels/readout.ts';
import { loadVowelTask } from '../../src/architectures/vowels/task.ts';
import { readJsonl } from '../../src/io/jsonl.ts';
import { runCli } from './runCli.ts';

const dir = mkdtempSync(join(tmpdir(), 'spinspice-vowel-studies-'));
const model = join(dir, 'model.json');
{
  const task = loadVowelTask('vowels7', 0);
  const net = new VowelNetwork(vowelDescription(task, 'reference', { duration: 2e-7, window: 1e-7 }), [[62.8], [51.1], [52.1], [64.6]]);
  net.decoder = learnDecoder(predictVowels(net, task.train.fs, { seed: 1 }).patterns, task.train.y, 7);
  writeVowelNetwork(model, toSavedVowelNetwork(net, net.decoder.entries.map((e) => String(e.pattern)), { task: 'vowels7', splitSeed: 0, evalSeed: 5 }));
}
const run = async (args: string[]) => {
  const r = await runCli(args);
  return { code: r.code, text: r.out + r.err };
};

test('netlist MODEL --example i: the token\'s deck with two RF sources and annotation.json; a bad index exits 2', async () => {
  const deck = join(dir, 'deck', 't2.cir');
  const r = await run(['netlist', model, '--example', '2', '--out', deck]);
  assert.is(r.code, 0, r.text);
  const text = readFileSync(deck, 'utf8');
  assert.match(text, /test token 2/);
  assert.is((text.match(/^Xrf\d/gm) ?? []).length, 2);
  const a = JSON.parse(readFileSync(join(dir, 'deck', 'annotation.json'), 'utf8'));
  assert.is(a.biasCurrents.length, 4);
  assert.is(a.sources.length, 2);
  assert.is((await run(['netlist', model, '--example', '9999', '--out', deck])).code, 2);
});

test('validate on 3 tokens: validation.json with the contract fields, per-token JSONL, circuit and surrogate classes agree', async () => {
  const out = join(dir, 'validate');
  const r = await run(['validate', model, '--examples', '3', '--workers', '1', '--out', out]);
  assert.is(r.code, 0, r.text);
  const v = JSON.parse(readFileSync(join(out, 'validation.json'), 'utf8'));
  for (const key of ['examples', 'agreement', 'circuitAccuracy', 'surrogateAccuracy', 'perExample', 'disagreements']) assert.ok(key in v, key);
  assert.is(v.examples, 3);
  assert.is(readJsonl(join(out, 'circuit-tokens.jsonl')).length, 3);
  assert.is(v.agreement, 1, r.text);
  assert.is(v.patternAgreement, 1);
  assert.type(v.frequencyError.rmsMHz, 'number');
  assert.ok(existsSync(join(out, 'fbar-parity.svg')));
});

test('mc (2 surrogate trials): trials.jsonl and summary.json contracts, vowel knobs, --replay equals the stored trial; bad knobs exit 2', async () => {
  const out = join(dir, 'mc');
  const r = await run(['mc', model, '--level', 'surrogate', '--trials', '2', '--sensitivity-trials', '1', '--spread', 'P=10%', '--linewidth', '1MHz', '--workers', '1', '--out', out]);
  assert.is(r.code, 0, r.text);
  const trials = readJsonl<Record<string, unknown>>(join(out, 'trials.jsonl'));
  assert.is(trials.length, 2);
  for (const t of trials) for (const key of ['index', 'seed', 'sample', 'accuracy']) assert.ok(key in t, key);
  const sample = trials[0].sample as Record<string, number[]>;
  assert.equal(Object.keys(sample), ['F0', 'kappa', 'k', 'P', 'gain', 'offset']);
  assert.is(sample.F0.length, 4);
  assert.is(sample.P.length, 2);
  const s = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
  for (const key of ['trials', 'mean', 'min', 'max', 'yield', 'nominal', 'sensitivity']) assert.ok(key in s, key);
  assert.is(s.spreads.P.sigma, 0.1);
  assert.is(s.linewidth, 1e6);
  assert.is(s.sensitivity.length, 6);
  const replay = await run(['mc', model, '--level', 'surrogate', '--trials', '2', '--sensitivity-trials', '1', '--spread', 'P=10%', '--linewidth', '1MHz', '--replay', '1', '--out', out]);
  assert.match(replay.text, /same as the stored trial/);
  const bad = await run(['mc', model, '--spread', 'gm=1%', '--out', out]);
  assert.is(bad.code, 2);
  assert.match(bad.text, /--spread/);
});

test('mc at circuit level: 2 trials on 2 tokens finish', async () => {
  const out = join(dir, 'mc-circuit');
  const r = await run(['mc', model, '--level', 'circuit', '--trials', '2', '--examples', '2', '--sensitivity-trials', '0', '--workers', '2', '--out', out]);
  assert.is(r.code, 0, r.text);
  const s = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
  assert.is(s.finished, 2, r.text);
});

test('report renders the vowel validation and mismatch folders', async () => {
  const r = await run(['report', dir]);
  assert.is(r.code, 0, r.text);
  const html = readFileSync(join(dir, 'report.html'), 'utf8');
  assert.match(html, /lock-pattern agreement/);
  assert.match(html, /Back-annotation, test token 2/);
  assert.match(html, /Mismatch Monte Carlo, surrogate level/);
});

test.run();
