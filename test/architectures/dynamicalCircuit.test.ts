// Circuit-level dynamical network: description shape, weights -> device parameters -> weights, one image through ngspice vs the surrogate.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { circuitNames, circuitReadout, circuitScales, dynamicalCircuit, networkInstances, readoutScale, weightsFromInstances } from '../../src/architectures/dynamical/circuit.ts';
import { seqDigitsConfig, seqDigitsData } from '../../src/architectures/dynamical/seqDigits.ts';
import { resolveDescription } from '../../src/spec/resolve.ts';
import { runDescription } from '../../src/sim/runDescription.ts';
import { drawMasks, initParams, synapseCount } from '../../src/surrogate/dynamical/params.ts';
import type { DynamicalModel } from '../../src/surrogate/dynamical/model.ts';
import { surrogateOutputTrajectories, trajectoryError } from '../../src/architectures/dynamical/circuitValidation.ts';
import { InputError } from '../../src/errors.ts';
import { randomDynamicalModel } from './dynamicalFixture.ts';

/** The paper-size spintronic network with weights of trained magnitude, random biases and readout. */
function network(seed: number): DynamicalModel {
  return randomDynamicalModel(seqDigitsConfig({ model: 'spintronic' }), seed);
}

test('circuit: 96 stnoPower neurons, 96 filters, 106 amplifiers, one synapse per connection, outputs scaled to ~1 V', () => {
  const m = network(1);
  const image = seqDigitsData(0).test.inputs.subarray(0, 64);
  const d = resolveDescription(dynamicalCircuit(m, image));
  const count = (kind: string) => d.instances.filter((i) => i.kind === kind).length;
  assert.is(count('stnoPower'), 96);
  assert.is(count('highPass'), 96);
  assert.is(count('cmosAmp'), 96 + 10);
  assert.is(count('synapseGm'), synapseCount(m.cfg, m.masks));
  const filter = d.instances.find((i) => i.name === circuitNames.filter(1, 3))!;
  assert.ok(Math.abs(filter.params.fcut - 1e6) < 1e-6);
  const scale = readoutScale(m);
  const out = d.instances.find((i) => i.name === circuitNames.outLoad(4))!;
  assert.ok(Math.abs(out.params.R - scale * 1e4) < 1e-9, 'the readout scale is carried by R_out / R_sum');
  const bound = Math.max(...Array.from({ length: 10 }, (_, c) => Math.abs(m.params.bout[c]) + m.params.wout.slice(c * 32, c * 32 + 32).reduce((s, w) => s + Math.abs(w) / 2, 0)));
  assert.ok(Math.abs(scale * bound - 1) < 1e-12);
  const pwl = d.sources[0].waveform;
  assert.ok(pwl?.shape === 'pwl' && pwl.points.length === 128);
  assert.is(pwl.points[127][0], 64e-9);
  assert.is(pwl.points[127][1], m.cfg.inputScale * image[63]);
});

test('weights -> device parameters -> weights is the identity (float32 exact)', () => {
  const m = network(2);
  for (const o of [{}, { sumResistance: 3.3e3, sigma: 2.5e9 }]) {
    const back = weightsFromInstances(m, networkInstances(m, o), o);
    const same = (a: Float32Array, b: Float32Array, what: string) => assert.equal(Array.from(a), Array.from(b), what);
    same(back.win, m.params.win, 'win');
    back.wext.forEach((w, l) => same(w, m.params.wext[l], `wext ${l}`));
    back.wint.forEach((w, l) => same(w, m.params.wint[l], `wint ${l}`));
    back.b.forEach((b, l) => b.forEach((v, i) => assert.ok(Math.abs(v - m.params.b[l][i]) < 1e-6, `b ${l} ${i}`)));
    same(back.wout, m.params.wout, 'wout');
    back.bout.forEach((v, c) => assert.ok(Math.abs(v - m.params.bout[c]) < 1e-6, `bout ${c}`));
  }
  const k = circuitScales({ sumResistance: 1e4, sigma: 1e9 });
  const syn = networkInstances(m).find((i) => i.name === circuitNames.synExt(1, 0, m.masks.wext[0].indexOf(1)))!;
  assert.ok(Math.abs((syn.params!.gm as number) - (k.kappa * m.params.wext[0][m.masks.wext[0].indexOf(1)]) / 1e4) < 1e-15);
});

test('the CTRNN has no circuit: InputError naming config.model', () => {
  const cfg = seqDigitsConfig({ model: 'ctrnn' });
  const masks = drawMasks(cfg, 1);
  const m = { cfg, masks, params: initParams(cfg, masks, 1), seed: 1, splitSeed: 0, task: 'seqdigits' };
  assert.throws(() => networkInstances(m), (e: Error) => e instanceof InputError && /config\.model/.test(e.message));
});

test('parity: one digit through ngspice (WASM) vs the surrogate, logit trajectories within 2e-3', async () => {
  const m = network(3);
  const image = seqDigitsData(0).test.inputs.subarray(64, 128);
  const r = await runDescription(resolveDescription(dynamicalCircuit(m, image, { ampBandwidth: 1e12 })), { timeoutMs: 300_000 });
  const circuit = circuitReadout(m, r, 64);
  // reference: the surrogate integrated with 16 RK4 steps per input interval (converged to ~1e-9 here)
  const reference = surrogateOutputTrajectories(m, image, 16);
  const spread = Math.max(...reference.map((row) => Math.max(...row) - Math.min(...row)));
  const worst = trajectoryError(circuit.trajectories, reference).max;
  assert.ok(spread > 1, `the logits must move over the sequence (largest range ${spread})`);
  assert.ok(worst < 2e-3, `max |logit(circuit) - logit(surrogate)| = ${worst}`);
});

test.run();
