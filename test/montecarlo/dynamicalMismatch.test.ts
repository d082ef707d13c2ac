// Dynamical-network mismatch: zero spread is the nominal network; the surrogate of a mismatched draw matches its netlist.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { circuitReadout, dynamicalCircuit, networkInstances } from '../../src/architectures/dynamical/circuit.ts';
import { seqDigitsData } from '../../src/architectures/dynamical/seqDigits.ts';
import { drawDynamicalMismatch, dynamicalNoSpreads, dynamicalTableSpreads, mismatchedInstances, mismatchedSurrogate, overrideDynamicalSpreads } from '../../src/montecarlo/dynamicalMismatch.ts';
import { InputError } from '../../src/errors.ts';
import { runDescription } from '../../src/sim/runDescription.ts';
import { resolveDescription } from '../../src/spec/resolve.ts';
import { predict } from '../../src/surrogate/dynamical/model.ts';
import { smallDynamicalModel } from '../architectures/dynamicalFixture.ts';

test('zero spread: the mismatched circuit and surrogate are the nominal ones, exactly', () => {
  const m = smallDynamicalModel(1);
  const d = drawDynamicalMismatch(m, dynamicalNoSpreads(), 7);
  assert.equal(mismatchedInstances(m, d), networkInstances(m));
  const { model, rates } = mismatchedSurrogate(m, d);
  assert.equal(model.params, m.params);
  assert.ok(Array.from(rates.gamma!).every((g) => g === 1 / m.cfg.tauNs));
});

test("a knob's draws do not depend on the other knobs' spreads (one-at-a-time studies reuse them)", () => {
  const m = smallDynamicalModel(2);
  const all = drawDynamicalMismatch(m, dynamicalTableSpreads(), 11);
  const gmOnly = drawDynamicalMismatch(m, { ...dynamicalNoSpreads(), gm: dynamicalTableSpreads().gm }, 11);
  assert.equal(gmOnly.gm, all.gm);
  assert.ok(gmOnly.gamma.every((f) => f === 1));
  assert.ok(all.gamma.some((f) => f !== 1));
});

test('spreads: table values, overrides in % and volts, bad knob names rejected', () => {
  const s = overrideDynamicalSpreads(dynamicalTableSpreads(), ['gamma=10%', 'bfixed=5mV']);
  assert.is(s.gamma.sigma, 0.1);
  assert.ok(Math.abs(s.bfixed.sigma - 5e-3) < 1e-15);
  assert.is(s.gm.sigma, dynamicalTableSpreads().gm.sigma);
  assert.throws(() => overrideDynamicalSpreads(s, ['F0=1MHz']), (e: Error) => e instanceof InputError);
});

test('parity: a strongly mismatched draw through ngspice vs its surrogate (final logits within 2e-3)', async () => {
  const m = smallDynamicalModel(3);
  const spreads = overrideDynamicalSpreads(dynamicalTableSpreads(), ['gamma=20%', 'S=20%', 'R=20%', 'C=20%', 'gm=20%', 'bfixed=20mV']);
  const d = drawDynamicalMismatch(m, spreads, 5);
  const image = seqDigitsData(0).test.inputs.subarray(64, 128);
  const r = await runDescription(resolveDescription(dynamicalCircuit(m, image, { ampBandwidth: 1e12 }, mismatchedInstances(m, d, { ampBandwidth: 1e12 }))), { timeoutMs: 120_000 });
  const circuit = circuitReadout(m, r, 64).outputs;
  const { model, rates } = mismatchedSurrogate(m, d);
  const surrogate = Array.from(predict(model, Float32Array.from(image), 1, 16, rates).logits);
  const nominal = Array.from(predict(m, Float32Array.from(image), 1, 16).logits);
  const worst = Math.max(...circuit.map((v, c) => Math.abs(v - surrogate[c])));
  const moved = Math.max(...nominal.map((v, c) => Math.abs(v - surrogate[c])));
  assert.ok(moved > 0.05, `the mismatch must move the logits (by ${moved})`);
  assert.ok(worst < 2e-3, `max |logit(circuit) - logit(mismatched surrogate)| = ${worst}`);
});

test.run();
