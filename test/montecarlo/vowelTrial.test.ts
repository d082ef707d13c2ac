// Vowel Monte Carlo trials: zero spread reproduces the network's prediction, a mismatched trial reads the same at surrogate and circuit level, sampling contract.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { vowelDescription } from '../../src/architectures/vowels/experiment.ts';
import { VowelNetwork } from '../../src/architectures/vowels/model.ts';
import { predictVowels } from '../../src/architectures/vowels/predict.ts';
import { learnDecoder } from '../../src/architectures/vowels/readout.ts';
import { loadVowelTask } from '../../src/architectures/vowels/task.ts';
import { noVowelSpreads, vowelTableSpreads } from '../../src/montecarlo/vowelStudies.ts';
import { runVowelTrial, sampleVowelDevices, type VowelSpreads, type VowelTrialSpec } from '../../src/montecarlo/vowelTrial.ts';
import { seedFor } from '../../src/random/rng.ts';

const task = loadVowelTask('vowels7', 0);
const net = new VowelNetwork(vowelDescription(task, 'reference', { duration: 4e-7, window: 2e-7 }), [[62.8], [51.1], [52.1], [64.6]]);
net.decoder = learnDecoder(predictVowels(net, task.train.fs, { seed: 1 }).patterns, task.train.y, 7);

function spec(fs: readonly (readonly [number, number])[], y: readonly number[], level: VowelTrialSpec['level'], spreads: VowelSpreads, index = 0): VowelTrialSpec {
  return {
    currents: net.biasCurrents(fs),
    fs,
    y,
    decoder: net.decoder,
    settings: net.description.settings,
    level,
    spreads,
    linewidth: 0,
    engine: 'wasm',
    tmax: 1e-10,
    timeoutMs: 60_000,
    studySeed: 11,
    index,
  };
}

test('zero spread: a surrogate trial predicts what the network predicts from the same initial phases', async () => {
  const fs = task.test.fs.slice(0, 40);
  const y = task.test.y.slice(0, 40);
  const record = await runVowelTrial(spec(fs, y, 'surrogate', noVowelSpreads(), 2));
  const expected = predictVowels(net, fs, { seed: seedFor(11, 2) }).predicted;
  assert.equal(record.predictions, expected);
});

test('sampling: one draw per element and knob in a fixed order, a knob\'s values independent of the other spreads', () => {
  const settings = net.description.settings;
  const all = sampleVowelDevices(vowelTableSpreads(), 7, 4, settings);
  const only = sampleVowelDevices({ ...noVowelSpreads(), kappa: vowelTableSpreads().kappa }, 7, 4, settings);
  assert.equal(only.kappa, all.kappa);
  assert.equal(only.F0, new Array(4).fill(4.4e8));
  assert.is(all.P.length, 2);
  assert.ok(all.k.every((k) => Math.abs(k / settings.coupling - 1) < 0.3));
});

test('a mismatched trial (4x the table spreads) gives the same classes at surrogate and circuit level (3 tokens)', async () => {
  const fs = task.test.fs.slice(0, 3);
  const y = task.test.y.slice(0, 3);
  const table = vowelTableSpreads();
  const wide = Object.fromEntries(Object.entries(table).map(([k, v]) => [k, { ...v, sigma: 4 * v.sigma }])) as VowelSpreads;
  const surrogate = await runVowelTrial(spec(fs, y, 'surrogate', wide, 4));
  const circuit = await runVowelTrial(spec(fs, y, 'circuit', wide, 4));
  assert.equal(circuit.sample, surrogate.sample);
  assert.ok(circuit.predictions, circuit.error);
  assert.equal(circuit.predictions, surrogate.predictions);
});

test.run();
