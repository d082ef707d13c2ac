// Model-mismatch study: example circuits carry the classifier's frequencies and phases, the Kuramoto circuit reads out like the surrogate, stored runs are reused.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createClassifier } from '../../src/architectures/kuramoto/model.ts';
import { circuitMeanFrequencies, exampleCircuit, modelMismatchStudy, type CircuitModel } from '../../src/architectures/kuramoto/modelMismatch.ts';
import { predict } from '../../src/architectures/kuramoto/predict.ts';
import { nonlinearShiftFor, stnoAmplitude } from '../../src/devices/stnoAmplitude.ts';
import { stnoPhaseFrequency } from '../../src/devices/stnoPhase.ts';
import { seedFor } from '../../src/random/rng.ts';
import { resolveDescription } from '../../src/spec/resolve.ts';
import { initialPhases } from '../../src/surrogate/kuramoto/kernel.ts';

const seed = 21;
const classifier = createClassifier({ arch: 'extended', n: 4, scaling: { min: [0, 0], max: [1, 1] }, seed: 5 });
const x = [0.3, 0.8];
const k = classifier.description.settings.coupling;

test("example circuits program the classifier's natural frequencies and the surrogate's initial phases", () => {
  const [F] = classifier.naturalFrequenciesHz([x]);
  const phases = initialPhases(seedFor(seed, 2), 4);
  const d = resolveDescription(exampleCircuit(classifier, x, 2, { kind: 'kuramoto' }, { seed }));
  const oscillators = d.instances.filter((i) => i.kind === 'stnoPhase');
  assert.is(oscillators.length, 4);
  oscillators.forEach((osc, i) => {
    const bias = d.sources.find((s) => s.nets.n === osc.nets.bias)!.dc;
    assert.ok(Math.abs(stnoPhaseFrequency(osc.params, bias) - F[i]) < 1, `oscillator ${i}: ${stnoPhaseFrequency(osc.params, bias)} vs ${F[i]} Hz`);
    assert.is(osc.initial.phase, phases[i]);
    assert.is(osc.params.k, k);
  });
  const calibrated = resolveDescription(exampleCircuit(classifier, x, 2, { kind: 'amplitude', nu: 2, coupling: 'calibrated' }, { seed }));
  for (const osc of calibrated.instances.filter((i) => i.kind === 'stnoAmplitude')) {
    assert.ok(Math.abs(osc.params.k - k / Math.sqrt(5)) < 1e-6);
    assert.is(osc.params.beta, Math.atan(2));
    assert.is(osc.params.N, nonlinearShiftFor(2, stnoAmplitude.defaults()));
  }
});

// The surrogate's Euler error is first order in dt (26, 5, 0.7 kHz at 50, 10, 2 ps on this example), the circuit's below 1 kHz.
test('the Kuramoto-level circuit gives the surrogate read-out: f_bar within 2 kHz at a 2 ps surrogate step', async () => {
  const circuit = await circuitMeanFrequencies(classifier, x, 0, { kind: 'kuramoto' }, { seed, reltol: 1e-6 });
  const surrogate = (await predict(classifier, [x], { seed, settings: { dt: 2e-12 } })).fbarHz[0];
  circuit.forEach((f, i) => assert.ok(Math.abs(f - surrogate[i]) < 2e3, `oscillator ${i}: circuit ${f} Hz vs surrogate ${surrogate[i]} Hz`));
});

test('modelMismatchStudy reads classes out of stored runs (no simulation) with the classifier pair and k/2 threshold', async () => {
  const [i, j] = classifier.description.outputPairs[0];
  const fbar = (D: number) => [5.9e8, 5.9e8, 5.9e8, 5.9e8].map((f, a) => (a === j ? f + (D * k) / 2 : a === i ? f : f + 1e7 * a));
  const runs: Record<string, number[]> = { 'kuramoto/0': fbar(0.5), 'kuramoto/1': fbar(1.5), 'amplitude-nu1-in-phase/0': fbar(1.2), 'amplitude-nu1-in-phase/1': fbar(3) };
  let writes = 0;
  const models: CircuitModel[] = [{ kind: 'kuramoto' }, { kind: 'amplitude', nu: 1, coupling: 'in-phase' }];
  const scores = await modelMismatchStudy(classifier, { x: [x, x], y: [true, false] }, models, {
    seed,
    store: { get: (key) => runs[key], set: () => writes++ },
  });
  assert.is(writes, 0);
  assert.equal(scores.map((s) => s.accuracy), [1, 0.5]);
  assert.ok(Math.abs(scores[1].prediction.D[0][0] - 1.2) < 1e-9);
});

test.run();
