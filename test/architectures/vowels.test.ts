// Vowel network: task split by speaker, lock read-out and code, loss gradients, persistence, training, circuit parity.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as tf from '@tensorflow/tfjs';
import { loadVowelTask, sourceFrequencies, DEFAULT_MAPPING } from '../../src/architectures/vowels/task.ts';
import { decode, desynchronizations, learnDecoder, patternLabel, patternOf, sourceDesynchronization } from '../../src/architectures/vowels/readout.ts';
import { codeCrossEntropy, pairErrors } from '../../src/architectures/vowels/loss.ts';
import { naturalFrequencies, scaledInput, VowelNetwork } from '../../src/architectures/vowels/model.ts';
import { vowelDescription } from '../../src/architectures/vowels/experiment.ts';
import { fromSavedVowelNetwork, toSavedVowelNetwork } from '../../src/architectures/vowels/persist.ts';
import { predictVowels, vowelAccuracy } from '../../src/architectures/vowels/predict.ts';
import { seedFor } from '../../src/random/rng.ts';
import { adlerDesynchronizations, nestedNetwork } from '../../src/architectures/vowels/init.ts';
import { trainGradient } from '../../src/architectures/vowels/train.ts';
import { relearnCode } from '../../src/architectures/vowels/targets.ts';
import { searchExtendedWeights } from '../../src/architectures/vowels/extendedSearch.ts';
import { trainOnline } from '../../src/architectures/vowels/online.ts';
import { readVowelRun, surrogateTokenReadout, vowelTokenDescription } from '../../src/architectures/vowels/circuit.ts';
import { runDescription } from '../../src/sim/runDescription.ts';
import { InputError } from '../../src/errors.ts';

test('task: women only, speakers split 2/3 : 1/3 with no speaker on both sides, seeded', () => {
  const t = loadVowelTask('vowels7', 0);
  assert.is(t.trainSpeakers.length + t.testSpeakers.length, 48);
  assert.is(t.trainSpeakers.length, 32);
  assert.ok(t.trainSpeakers.every((s) => !t.testSpeakers.includes(s)));
  assert.ok([...t.train.tokens, ...t.test.tokens].every((x) => x.group === 'woman' && t.classes.includes(x.vowel)));
  assert.is(t.train.tokens.length + t.test.tokens.length, 48 * 7 - 2); // w49ah, w41aw have no measurable F2
  assert.equal(loadVowelTask('vowels7', 0).trainSpeakers, t.trainSpeakers);
  assert.not.equal(loadVowelTask('vowels7', 1).trainSpeakers, t.trainSpeakers);
  assert.is(loadVowelTask('vowels12', 0).classes.length, 12);
});

test('input mapping: the formant windows map linearly onto the source bands', () => {
  assert.equal(sourceFrequencies(300, 700, DEFAULT_MAPPING), [500, 590]);
  assert.equal(sourceFrequencies(1200, 3100, DEFAULT_MAPPING), [590, 680]);
  assert.equal(sourceFrequencies(750, 1900, DEFAULT_MAPPING), [545, 635]);
});

test('read-out: D = |f_bar - f_s| / (k_s / 4), pattern bits i * m + s, labels', () => {
  assert.is(sourceDesynchronization(605, 600, 20), 1);
  // oscillator 0 locked to B, oscillator 1 beating 4 MHz off A (D = 0.8: counts as locked), 2 far from both
  const D = desynchronizations([620, 504, 560], [500, 620], 3, [20, 20]);
  assert.equal(D[0].map((v) => Number(v.toFixed(3))), [24, 0, 0.8, 23.2, 12, 12]);
  const p = patternOf(D[0]);
  assert.is(p, (1 << 1) | (1 << 2));
  assert.is(patternLabel(p, 3), 'A2 B1');
  assert.is(patternLabel(0, 3), '-');
});

test('code: one pattern per class, greedy by counts; other patterns decode to the nearest code word', () => {
  // class 0 mostly pattern 1, class 1 mostly pattern 2 (and once pattern 1), class 2 only pattern 1 (taken: no word)
  const decoder = learnDecoder([1, 1, 1, 2, 2, 1, 1], [0, 0, 0, 1, 1, 1, 2], 3);
  assert.equal(decoder.entries, [
    { pattern: 1, cls: 0 },
    { pattern: 2, cls: 1 },
  ]);
  // D rows over two pairs: pattern 3 (both locked) is no code word; pair 0 deep in lock, pair 1 at the edge -> word 1
  assert.equal(decode([[0, 5], [5, 0], [0.1, 0.95]], decoder), [0, 1, 0]);
});

test('Adler map: lock iff |F - f_s| <= k_s sqrt(17/16) (beat k_s/4), as the read-out threshold', () => {
  const k = 20;
  const edge = k * Math.sqrt(17 / 16);
  const [inside] = adlerDesynchronizations([[600 + edge - 1e-6]], [[600, 700]], [k, k]);
  const [outside] = adlerDesynchronizations([[600 + edge + 1e-3]], [[600, 700]], [k, k]);
  assert.ok(inside[0] <= 1 && outside[0] > 1);
});

test('code cross-entropy: gradient through f_bar matches finite differences; locked-but-unwanted pairs push F out', () => {
  const fs = [[560, 640]];
  const words = [0b0001, 0b0100];
  const loss = (fbar: number[], F: number[]) => codeCrossEntropy(pairErrors(tf.tensor2d([fbar]), tf.tensor2d([F]), fs, [20, 20]), words, [0]);
  const fbar = [563, 610];
  const F = [563, 610];
  const g = tf.grad((x: tf.Tensor) => codeCrossEntropy(pairErrors(x as tf.Tensor2D, tf.tensor2d([F]), fs, [20, 20]), words, [0]))(tf.tensor2d([fbar])).dataSync();
  for (let i = 0; i < 2; i++) {
    const e = 1e-2;
    const up = [...fbar];
    const down = [...fbar];
    up[i] += e;
    down[i] -= e;
    const fd = (loss(up, F).dataSync()[0] - loss(down, F).dataSync()[0]) / (2 * e);
    assert.ok(Math.abs(g[i] - fd) < 2e-3 + 1e-2 * Math.abs(fd), `d loss / d fbar_${i}: ${g[i]} vs ${fd}`);
  }
  // oscillator 1 is locked to A (f_bar = f_A) but the target word 0 wants only oscillator 0 on A
  const lockedF = [560, 566];
  const gF = tf.grad((x: tf.Tensor) => codeCrossEntropy(pairErrors(tf.tensor2d([[560, 560]]), x as tf.Tensor2D, fs, [20, 20]), [0b0001, 0b0101], [0]))(tf.tensor2d([lockedF])).dataSync();
  assert.ok(gF[1] < 0, `the gradient must push F_1 = 566 away from f_A = 560 (dL/dF_1 = ${gF[1]})`);
});

test('model.json round trip gives the same predictions; bad documents are input errors', () => {
  const task = loadVowelTask('vowels7', 0);
  const net = new VowelNetwork(vowelDescription(task, 'extended', { duration: 2e-7, window: 1e-7 }), [[0.1, 0, 52], [0, 0.2, 54], [0, 0, 61], [-0.1, 0.1, 64]]);
  const fs = task.test.fs.slice(0, 12);
  net.decoder = learnDecoder(predictVowels(net, fs, { seed: 1 }).patterns, task.test.y.slice(0, 12), 7);
  const back = fromSavedVowelNetwork(JSON.parse(JSON.stringify(toSavedVowelNetwork(net, [], null))));
  assert.equal(predictVowels(back, fs, { seed: 4 }), predictVowels(net, fs, { seed: 4 }));
  assert.throws(() => fromSavedVowelNetwork({ format: 'other' }), (e: unknown) => e instanceof InputError);
});

test('float64 natural frequencies (searches) match the network\'s float32 ones, clipped to the tuning band', () => {
  const task = loadVowelTask('vowels7', 0);
  const d = vowelDescription(task, 'extended');
  // rows (weight units): untilted, tilted, and two pushed past the band's ends
  const rows = [[0, 0, 55], [6, -3, 54], [0, 0, 80], [-9, 0, 45]];
  const net = new VowelNetwork(d, rows);
  const fs = task.test.fs;
  const float32 = net.frequencyValues(fs);
  const float64 = naturalFrequencies(d, rows, fs);
  const ulp = (v: number) => 2 ** (Math.floor(Math.log2(v)) - 23);
  float64.forEach((row, b) => row.forEach((F, i) => assert.ok(Math.abs(F - float32[b][i]) <= 8 * ulp(F), `token ${b}, oscillator ${i}: ${F} vs ${float32[b][i]}`)));
  assert.ok(float64.every((row) => row[2] === d.tuningRangeMHz[1] && row[3] === d.tuningRangeMHz[0]), 'clipped to the band');
  assert.equal(scaledInput(d.mapping, [500, 590]), [0, 0]);
  assert.equal(scaledInput(d.mapping, [590, 680]), [1, 1]);
});

test('the extended network starts as the reference network: same F, f_bar, locks and classes on every train and test token', () => {
  const task = loadVowelTask('vowels7', 0);
  const settings = { duration: 2e-7, window: 1e-7 };
  const reference = new VowelNetwork(vowelDescription(task, 'reference', settings), [[51.3], [55.7], [61.2], [64.9]]);
  reference.decoder = learnDecoder(predictVowels(reference, task.train.fs, { seed: 1 }).patterns, task.train.y, 7);
  const nested = nestedNetwork(reference, vowelDescription(task, 'extended', settings));
  assert.equal(nested.weightValues(), [[0, 0, 51.3], [0, 0, 55.7], [0, 0, 61.2], [0, 0, 64.9]].map((r) => r.map((v) => Math.fround(v))));
  for (const fs of [task.train.fs, task.test.fs]) assert.equal(predictVowels(nested, fs, { seed: 5 }), predictVowels(reference, fs, { seed: 5 }));
  const otherTask = vowelDescription(loadVowelTask('vowels12', 0), 'extended', settings);
  assert.throws(() => nestedNetwork(reference, otherTask), (e: unknown) => e instanceof InputError && e.field === 'initFrom');
  assert.throws(() => nestedNetwork(nested, vowelDescription(task, 'extended', settings)), (e: unknown) => e instanceof InputError);
});

/**
 * A teacher network with known frequencies labels synthetic tokens by its own lock patterns; a student started 3-4 MHz
 * off must recover the teacher's decisions. Short runs (200 ns, window 100 ns) keep this fast.
 */
function teacherTask() {
  const task = loadVowelTask('vowels7', 0);
  const description = { ...vowelDescription(task, 'reference', { duration: 2e-7, window: 1e-7 }), classes: ['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6'] };
  const teacher = new VowelNetwork(description, [[51.5], [55.5], [61.5], [65.5]]);
  const fs = task.train.fs.slice(0, 60);
  const p = predictVowels(teacher, fs, { seed: 1 });
  const labels = [...new Set(p.patterns)];
  const y = p.patterns.map((q) => Math.min(labels.indexOf(q), 6));
  return { description, fs, y, data: { tokens: task.train.tokens.slice(0, 60), fs, y } };
}

test('gradient training recovers a teacher network from a 3-4 MHz offset', () => {
  const { description, data } = teacherTask();
  const student = new VowelNetwork(description, [[51.1], [55.9], [61.1], [65.9]]);
  const h = trainGradient(student, data, { iterations: 25, learningRate: 0.05, seed: 2 });
  assert.ok(h.accuracy[h.best] > h.accuracy[0], `training accuracy ${h.accuracy[0]} -> best ${h.accuracy[h.best]}`);
  assert.ok(h.accuracy[h.best] >= 0.95, `best training accuracy ${h.accuracy[h.best]}`);
});

test('extended row search: recovers a tilted teacher row the reference rows cannot express', () => {
  const task = loadVowelTask('vowels7', 0);
  const description = { ...vowelDescription(task, 'extended', { duration: 2e-7, window: 1e-7 }), classes: ['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6'] };
  // rows in MHz: three untilted oscillators and one whose frequency rises with F1 and falls with F2
  const teacherRows = [[0, 0, 515], [0, 0, 555], [0, 0, 630], [30, -30, 560]];
  const teacher = new VowelNetwork(description, teacherRows.map((r) => r.map((v) => v / description.frequencyUnitMHz)));
  const fs = task.train.fs.slice(0, 60);
  const p = predictVowels(teacher, fs, { seed: 1 });
  const labels = [...new Set(p.patterns)];
  const data = { tokens: task.train.tokens.slice(0, 60), fs, y: p.patterns.map((q) => Math.min(labels.indexOf(q), 6)) };
  const student = new VowelNetwork(description, [...teacherRows.slice(0, 3), [0, 0, 560]].map((r) => r.map((v) => v / description.frequencyUnitMHz)));
  const grid = { inputWeightsMHz: [[0, 60, 30], [-60, 30, 30]] as const, biasMHz: [510, 630, 5] as const, tableStepMHz: 1, top: 8, draws: 1, sweeps: 2 };
  const r = searchExtendedWeights(student, data, 3, grid);
  // the teacher itself, scored on the search's phase draw (its labels came from another draw)
  const teacherScore = relearnCode(teacher, predictVowels(teacher, fs, { seed: seedFor(3, 1) }), data.y);
  assert.ok(r.startScore < 0.85 && teacherScore > 0.95, `start ${r.startScore}, teacher ${teacherScore}`);
  assert.ok(r.score >= teacherScore, `search: ${r.startScore} -> ${r.score}, teacher ${teacherScore}`);
  assert.ok(r.moves >= 1 && r.sweeps >= 1);
  // the network holds the accepted rows: its own scoring matches the search's
  assert.is(vowelAccuracy(predictVowels(student, fs, { seed: seedFor(3, 1) }), data.y), r.score);
});

test('online rule improves on the same offset start', () => {
  const { description, data } = teacherTask();
  const student = new VowelNetwork(description, [[51.1], [55.9], [61.1], [65.9]]);
  const h = trainOnline(student, data, { epochs: 4, eta: 0.1, seed: 2 });
  assert.ok(h.accuracy[h.best] > h.accuracy[0], `training accuracy ${h.accuracy[0]} -> best ${h.accuracy[h.best]}`);
});

test('circuit: the back-annotated ngspice deck reads out the same locks and classes as the surrogate (3 tokens)', async () => {
  const task = loadVowelTask('vowels7', 0);
  const net = new VowelNetwork(vowelDescription(task, 'reference', { duration: 4e-7, window: 2e-7 }), [[62.8], [51.1], [52.1], [64.6]]);
  net.decoder = learnDecoder(predictVowels(net, task.train.fs, { seed: 1 }).patterns, task.train.y, 7);
  for (let t = 0; t < 3; t++) {
    const fs = task.test.fs[t];
    const circuit = readVowelRun(net, await runDescription(vowelTokenDescription(net, fs, 5, t)), fs);
    const surrogate = surrogateTokenReadout(net, fs, 5, t);
    assert.is(circuit.pattern, surrogate.pattern, `token ${t}: locks ${circuit.pattern} vs ${surrogate.pattern}`);
    assert.is(circuit.predicted, surrogate.predicted);
    circuit.fbar.forEach((f, i) => assert.ok(Math.abs(f - surrogate.fbar[i]) < 0.2, `token ${t} oscillator ${i}: ${f} vs ${surrogate.fbar[i]} MHz`));
  }
});

test.run();
