// Model-mismatch study: example circuits are the back-annotated classifier converted per model, the N = 0 amplitude circuit reads out like the stnoPhase one, stored runs are reused.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { exampleCircuit, exampleMeanFrequencies, modelMismatchStudy, type CircuitModel } from '../../src/architectures/kuramoto/modelMismatch.ts';
import { nonlinearShiftFor, powerRelaxationRate, stnoAmplitude } from '../../src/devices/stnoAmplitude.ts';
import { seedFor } from '../../src/random/rng.ts';
import { resolveDescription } from '../../src/spec/resolve.ts';
import { initialPhases } from '../../src/surrogate/kuramoto/kernel.ts';
import { loadKuramotoTarget } from '../../src/validate/kuramotoTarget.ts';
import { fixtureModel } from '../annotate/fixtureModel.ts';

const target = loadKuramotoTarget(fixtureModel().file, { examples: 2 });
const k = target.design.couplingHz;

test('example circuits: the back-annotated classifier from the surrogate phases, converted with N, beta and the calibrated injection', () => {
  const phases = initialPhases(seedFor(target.training.evalSeed, 1), target.design.n);
  const kuramoto = resolveDescription(exampleCircuit(target, 1, { kind: 'kuramoto' }));
  const calibrated = resolveDescription(exampleCircuit(target, 1, { kind: 'amplitude', nu: 2, coupling: 'calibrated' }));
  const kinds = (d: typeof kuramoto) => d.instances.map((i) => i.kind).filter((kind) => !['stnoPhase', 'phaseBus', 'stnoAmplitude', 'amplitudeBus'].includes(kind));
  assert.equal(kinds(calibrated), kinds(kuramoto), 'bias network kept');
  assert.equal(calibrated.sources, kuramoto.sources);
  const oscillators = kuramoto.instances.filter((i) => i.kind === 'stnoPhase');
  assert.equal(oscillators.map((o) => o.initial.phase), phases);
  const converted = calibrated.instances.filter((i) => i.kind === 'stnoAmplitude');
  converted.forEach((osc, i) => {
    assert.is(osc.nets.bias, oscillators[i].nets.bias);
    assert.ok(Math.abs(osc.params.k - k / Math.sqrt(5)) < 1e-6);
    assert.is(osc.params.beta, Math.atan(2));
    assert.is(osc.params.N, nonlinearShiftFor(2, stnoAmplitude.defaults()));
  });
});

test('N = 0, fast amplitude relaxation: the amplitude circuit of a back-annotated example reads out like its stnoPhase circuit', async () => {
  // TMAX 25 ps: the trapezoidal rule slows a rotation at f (rotating frame) by f*(2*pi*f*TMAX)^2/12, 14 kHz at 76 MHz
  // with the default 100 ps, 0.9 kHz here; the stnoPhase node integrates a ramp and has no such error
  const gammaG = 1e11;
  const tmax = 25e-12;
  const kuramoto = await exampleMeanFrequencies(target, 0, { kind: 'kuramoto' }, { tmax });
  const amplitude = await exampleMeanFrequencies(target, 0, { kind: 'amplitude', nu: 0, coupling: 'in-phase' }, { amplitude: { gammaG }, tmax });
  // first-order correction of the phase reduction ~ k * 2*pi*k / Gamma_p (test/architectures/amplitudeCircuit.test.ts)
  const bound = (2 * k * 2 * Math.PI * k) / powerRelaxationRate({ ...stnoAmplitude.defaults(), gammaG });
  amplitude.forEach((f, i) => assert.ok(Math.abs(f - kuramoto[i]) < bound, `oscillator ${i}: amplitude ${f} Hz vs stnoPhase ${kuramoto[i]} Hz (bound ${bound} Hz)`));
});

test('modelMismatchStudy reads classes out of stored runs (no simulation) through the design pair and k/2', async () => {
  const [i, j] = target.design.outputPairs[0];
  const fbar = (D: number) => [5.9e8, 6.0e8, 6.1e8, 6.2e8].map((f, a) => (a === j ? 5.9e8 + (D * k) / 2 : a === i ? 5.9e8 : f));
  const runs: Record<string, number[]> = { 'kuramoto/0': fbar(0.5), 'kuramoto/1': fbar(1.5), 'amplitude-nu1-in-phase/0': fbar(1.2), 'amplitude-nu1-in-phase/1': fbar(3) };
  let writes = 0;
  const models: CircuitModel[] = [{ kind: 'kuramoto' }, { kind: 'amplitude', nu: 1, coupling: 'in-phase' }];
  const scores = await modelMismatchStudy(target, models, { store: { get: (key) => runs[key], set: () => writes++ } });
  assert.is(writes, 0);
  assert.equal(scores.map((s) => s.positive), [[true, false], [false, false]]);
  assert.equal(scores.map((s) => s.accuracy), [[true, false], [false, false]].map((p) => p.filter((v, m) => v === target.y[m]).length / 2));
  assert.ok(Math.abs(scores[1].D[0][0] - 1.2) < 1e-9);
});

test.run();
