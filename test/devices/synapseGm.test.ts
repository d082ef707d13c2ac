// synapseGm through ngspice: signed transconductances summing into a resistive node, v(s) = R * sum_k g_k v_k.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { resolveDescription } from '../../src/spec/resolve.ts';
import { runDescription } from '../../src/sim/runDescription.ts';

test('synapseGm: currents of signed g add into the summing node over a DC sweep', async () => {
  const [g1, g2, R, vb] = [1.5e-4, -4e-5, 2.2e3, 0.35];
  const d = resolveDescription({
    name: 'two synapses into one node',
    instances: [
      { name: 'w1', kind: 'synapseGm', nets: { inp: 'a', inn: '0', out: 's' }, params: { gm: g1 } },
      { name: 'w2', kind: 'synapseGm', nets: { inp: 'b', inn: 'r', out: 's' }, params: { gm: g2 } },
      { name: 'load', kind: 'resistor', nets: { p: 's', n: '0' }, params: { R } },
    ],
    sources: [
      { name: 'a', type: 'V', nets: { p: 'a', n: '0' }, dc: 0 },
      { name: 'b', type: 'V', nets: { p: 'b', n: '0' }, dc: vb },
      { name: 'r', type: 'V', nets: { p: 'r', n: '0' }, dc: 0.1 },
    ],
    analyses: [{ type: 'dc', source: 'a', start: -1, stop: 1, step: 0.25 }],
  });
  const r = await runDescription(d);
  r.variables['v(a)'].forEach((va, k) => {
    const expected = R * (g1 * va + g2 * (vb - 0.1));
    assert.ok(Math.abs(r.variables['v(s)'][k] - expected) < 1e-12, `v(a) = ${va}: ${r.variables['v(s)'][k]} vs ${expected}`);
  });
});

test.run();
