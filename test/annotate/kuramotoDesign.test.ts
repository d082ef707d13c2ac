// Back-annotation of Kuramoto classifiers: weights <-> device parameters round trip, the bias network against its ngspice
// operating point, frequencies against the model, out-of-range reporting.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { annotateClassifier, biasCurrents, checkDesign, designFrequencies, weightsOfDesign } from '../../src/annotate/kuramotoDesign.ts';
import { classifierCircuit } from '../../src/annotate/kuramotoCircuit.ts';
import { resolveDescription } from '../../src/spec/resolve.ts';
import { runDescription } from '../../src/sim/runDescription.ts';
import { fixtureModel } from './fixtureModel.ts';

const { model } = fixtureModel();
const design = annotateClassifier(model);
const z = [[0.2, 0.9, 0.4, 0.6], [1, 0, 0.5, 0.5], [0, 0, 0, 0]];

test('weights -> device parameters -> weights is the identity (relative 1e-12)', () => {
  const back = weightsOfDesign(design, model.description.frequencyUnitMHz);
  model.weightValues().forEach((row, i) => row.forEach((w, j) => assert.ok(Math.abs(back[i][j] - w) <= 1e-12 * Math.max(1, Math.abs(w)), `W[${i}][${j}]: ${back[i][j]} vs ${w}`)));
});

test('natural frequencies set by the circuit equal the model F = W [z; 1] inside the tuning range', () => {
  const expected = model.naturalFrequenciesHz(z.map((r) => r.map((v, j) => model.scaling.min[j] + v * (model.scaling.max[j] - model.scaling.min[j]))));
  // the model evaluates W [z; 1] in float32 (tfjs): a few float32 ulps of 560 MHz (32 Hz each)
  z.forEach((zm, m) => designFrequencies(design, zm).forEach((F, i) => assert.ok(Math.abs(F - expected[m][i]) < 4 * 2 ** -24 * F, `example ${m} osc ${i}: ${F} vs ${expected[m][i]}`)));
});

test('the bias network in ngspice gives the bias currents of the linear circuit algebra', async () => {
  const description = classifierCircuit(design, z[0], { initialPhases: [0, 0, 0, 0], seed: 1, duration: 1e-9, window: 1e-9 });
  const r = await runDescription(resolveDescription({ ...description, save: ['b0', 'b1', 'b2', 'b3'] }));
  biasCurrents(design, z[0]).forEach((I, i) => {
    const measured = r.variables[`v(b${i})`][0] / design.oscillators[i].Rj;
    assert.ok(Math.abs(measured - I) <= 1e-9 * Math.abs(I), `osc${i}: ${measured} vs ${I}`);
  });
});

test('out-of-range values are reported with the element, the allowed range and how many examples', () => {
  assert.equal(checkDesign(design, z), []);
  const { model: strong } = fixtureModel([
    [40, 0, 0, 0, 18.6],
    [0, 0, 0, 0, 18.8],
    [0, 0, 0, 0, 20.6],
    [0, 0, 0, 0, 25.0],
  ]);
  const issues = checkDesign(annotateClassifier(strong), z);
  const gm = issues.find((r) => r.element === 'syn0_0');
  assert.ok(gm && gm.field === 'gm' && gm.value > gm.allowed[1], 'synapse beyond the programmable range');
  const bias0 = issues.find((r) => r.element === 'osc0' && r.field === 'I_bias');
  assert.ok(bias0 && /2 of 3 examples/.test(bias0.note), bias0?.note);
  const bias3 = issues.find((r) => r.element === 'osc3');
  assert.ok(bias3 && /3 of 3 examples/.test(bias3.note) && bias3.value > bias3.allowed[1], 'osc3 at 750 MHz is beyond 680 MHz');
});

test.run();
