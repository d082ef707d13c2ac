// validate and mc on a small spintronic CNN: validation.json and trials.jsonl contracts, resuming, replay, bad arguments.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { readJsonl } from '../../src/io/jsonl.ts';
import type { CnnArch } from '../../src/surrogate/cnn/arch.ts';
import { initSoftware, initSpintronic, toModelJson, type CnnModel } from '../../src/surrogate/cnn/model.ts';
import { runCli } from './runCli.ts';

const dir = mkdtempSync(join(tmpdir(), 'spinspice-cnn-studies-'));
const arch: CnnArch = { name: 'tiny', input: { height: 8, width: 8, channels: 1 }, convs: [{ filters: 3, kernel: 3, pad: 1, pool: 2 }, { filters: 4, kernel: 3, pad: 1, pool: 2 }], classes: 10 };
const writeModel = (name: string, model: CnnModel) => {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(toModelJson(model, { task: 'digits' })));
  return file;
};
const init = initSpintronic(arch, 3);
/** Gains that put STNO currents across threshold and clamp (as in the circuit tests). */
const model = writeModel('model.json', { ...init, params: { ...init.params, gains: [0.08, 0.15, 0.5] } } as CnnModel);
const run = async (args: string[]) => {
  const r = await runCli(args);
  return { code: r.code, text: r.out + r.err };
};
let backend = '';
test.before(async () => {
  await tf.ready();
  backend = tf.getBackend();
});
test.after(async () => {
  await tf.setBackend(backend);
});

test('validate: the whole network at circuit level on 2 images, validation.json contract, per-layer error within 1e-6, resumable', async () => {
  const out = join(dir, 'validate');
  const r = await run(['validate', model, '--examples', '2', '--workers', '1', '--out', out]);
  assert.is(r.code, 0, r.text);
  const v = JSON.parse(readFileSync(join(out, 'validation.json'), 'utf8'));
  assert.is(v.examples, 2);
  assert.equal(v.perExample.map((e: { image: number }) => e.image), [0, 449], 'evenly spaced test images');
  assert.is(v.agreement, 1);
  assert.is(v.agreementReference, 1);
  for (const key of ['circuitAccuracy', 'surrogateAccuracy']) assert.ok(v[key] >= 0 && v[key] <= 1, key);
  assert.is(v.layers.length, 3);
  for (const l of v.layers) assert.ok(l.chainErrorLocalMax <= 1e-6 && l.chainErrorEndToEndMax <= 1e-6, JSON.stringify(l));
  // a rerun reads the stored images instead of running them again (a marked record survives)
  const records = join(out, 'circuit-examples.jsonl');
  const marked = readJsonl<{ index: number; deckSeconds: number }>(records).map((e) => ({ ...e, deckSeconds: e.index === 1 ? -1 : e.deckSeconds }));
  writeFileSync(records, marked.map((e) => JSON.stringify(e)).join('\n') + '\n');
  assert.is((await run(['validate', model, '--examples', '2', '--workers', '1', '--out', out])).code, 0);
  const again = JSON.parse(readFileSync(join(out, 'validation.json'), 'utf8'));
  assert.is(again.perExample[1].deckSeconds, -1);
  assert.equal(again.perExample.map((e: { circuitPrediction: number }) => e.circuitPrediction), v.perExample.map((e: { circuitPrediction: number }) => e.circuitPrediction));
});

test('validate rejects a software CNN (no circuit) and --tmax (DC decks), exit 2 naming the field', async () => {
  const software = writeModel('software.json', initSoftware(arch, 1));
  const a = await run(['validate', software, '--out', join(dir, 'sw')]);
  assert.is(a.code, 2);
  assert.match(a.text, /network/);
  const b = await run(['validate', model, '--tmax', '1ns', '--out', join(dir, 'tmax')]);
  assert.is(b.code, 2);
  assert.match(b.text, /--tmax/);
});

interface Trial {
  index: number;
  seed: number;
  sample: { sigma: number; deviceSeed: number; gainFactors: number[] };
  accuracy: number;
  predictions: number[];
}

test('mc at surrogate level: trials.jsonl with index/seed/sample/accuracy, summary.json with nominal and ranking, replay equal to the record', async () => {
  const out = join(dir, 'mc');
  const args = ['mc', model, '--level', 'surrogate', '--trials', '3', '--sensitivity-trials', '2', '--spread', 'sigma=0.3', '--spread', 'gain=5%', '--examples', '100', '--out', out];
  const r = await run(args);
  assert.is(r.code, 0, r.text);
  const trials = readJsonl<Trial>(join(out, 'trials.jsonl'));
  assert.equal(trials.map((t) => t.index), [0, 1, 2]);
  for (const t of trials) {
    assert.is(t.sample.sigma, 0.3);
    assert.is(t.sample.gainFactors.length, 3);
    assert.is(t.predictions.length, 100);
    assert.ok(t.accuracy >= 0 && t.accuracy <= 1);
  }
  assert.not.equal(trials[0].sample, trials[1].sample, 'each trial draws its own die');
  const s = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
  assert.is(s.trials, 3);
  assert.equal(s.spreads, { sigma: 0.3, gain: 0.05 });
  assert.equal(s.sensitivity.map((e: { knob: string }) => e.knob).sort(), ['gain', 'sigma']);
  assert.ok(Math.abs(s.mean - trials.reduce((a, t) => a + t.accuracy, 0) / 3) < 1e-12);
  const replay = await run([...args, '--replay', '1']);
  assert.is(replay.code, 0);
  assert.match(replay.text, 'same as the stored trial');
});

test('mc without spread equals the nominal network in every trial; a circuit-level trial predicts what the surrogate trial of the same die predicts', async () => {
  const none = join(dir, 'mc-none');
  assert.is((await run(['mc', model, '--level', 'surrogate', '--trials', '2', '--sensitivity-trials', '1', '--spread', 'sigma=0', '--spread', 'gain=0', '--examples', '50', '--out', none])).code, 0);
  const s = JSON.parse(readFileSync(join(none, 'summary.json'), 'utf8'));
  assert.is(s.min, s.nominal);
  assert.is(s.max, s.nominal);
  const common = ['--trials', '1', '--sensitivity-trials', '0', '--spread', 'sigma=0.3', '--spread', 'gain=5%', '--examples', '2', '--seed', '7', '--workers', '1'];
  assert.is((await run(['mc', model, '--level', 'surrogate', ...common, '--out', join(dir, 'mc-s')])).code, 0);
  const c = await run(['mc', model, '--level', 'circuit', ...common, '--out', join(dir, 'mc-c')]);
  assert.is(c.code, 0, c.text);
  const [surrogate] = readJsonl<Trial>(join(dir, 'mc-s', 'trials.jsonl'));
  const [circuit] = readJsonl<Trial>(join(dir, 'mc-c', 'trials.jsonl'));
  assert.equal(circuit.sample, surrogate.sample);
  assert.equal(circuit.predictions, surrogate.predictions);
});

test('mc rejects an unknown knob, a phase-noise linewidth and a transient step, exit 2 naming the flag', async () => {
  for (const [extra, flag] of [
    [['--spread', 'kappa=5%'], '--spread'],
    [['--spread', 'gain=2'], '--spread'],
    [['--linewidth', '1MHz'], '--linewidth'],
    [['--dt', '1ns'], '--dt'],
  ] as const) {
    const r = await run(['mc', model, '--level', 'surrogate', ...extra, '--out', join(dir, 'mc-bad')]);
    assert.is(r.code, 2, extra.join(' '));
    assert.match(r.text, flag);
  }
});

test.run();
