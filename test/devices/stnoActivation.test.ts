// stnoActivation through ngspice: DC sweep of the input current against paper 002 eq. 5 (threshold, Q, clamp).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { resolveDescription } from '../../src/spec/resolve.ts';
import { runDescription } from '../../src/sim/runDescription.ts';

const Ith = 2e-3;
const Q = 2;
const Imax = 8e-3;
const Pmax = 1e-6;
/** Eq. 5, written independently: p = (I/Ith - 1)/(I/Ith + Q) above threshold, input clamped at Imax. */
const eq5 = (I: number) => {
  const i = Math.min(I, Imax);
  return i > Ith ? (i / Ith - 1) / (i / Ith + Q) : 0;
};

test('emitted power follows eq. 5 across threshold and clamp', async () => {
  const d = resolveDescription({
    name: 'STNO activation sweep',
    instances: [{ name: 'neuron', kind: 'stnoActivation', nets: { in: 'i', pout: 'p' }, params: { Ith, Q, Imax, Pmax } }],
    sources: [{ name: 'drive', type: 'I', nets: { p: '0', n: 'i' }, dc: 0 }],
    analyses: [{ type: 'dc', source: 'drive', start: 0, stop: '12 mA', step: '0.1 mA' }],
    // Newton stops once node voltages move by less than reltol (default 1e-3 relative): ask for machine-level convergence.
    options: { reltol: 1e-9 },
  });
  const r = await runDescription(d);
  const sweep = r.variables['i(i-sweep)'];
  const p = r.variables['v(p)'];
  assert.is(p.length, 121);
  sweep.forEach((I, k) => {
    const expected = (Pmax / 1e-6) * eq5(I);
    assert.ok(Math.abs(p[k] - expected) < 1e-9, `I = ${I}: p = ${p[k]} vs eq. 5 ${expected}`);
  });
  assert.is(p[sweep.findIndex((I) => I >= 1.9e-3)], 0, 'zero below threshold');
  assert.ok(p[sweep.findIndex((I) => I >= 2.1e-3)] > 0, 'positive above threshold');
  assert.ok(Math.abs(p[120] - p[80]) < 1e-12, 'constant above the 8 mA clamp');
});

test.run();
