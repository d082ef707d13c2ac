// Amplifiers through ngspice: behavioral gain/offset/clamp/bandwidth, and the GF180 transconductor's DC transfer and small-signal gain.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { resolveDescription } from '../../src/spec/resolve.ts';
import { runDescription } from '../../src/sim/runDescription.ts';

test('cmosAmp: v(out) = clamp(gain*u + offset) over a DC sweep', async () => {
  const gain = 3.5;
  const offset = 0.02;
  const d = resolveDescription({
    name: 'behavioral amplifier sweep',
    instances: [{ name: 'amp', kind: 'cmosAmp', nets: { inp: 'in', inn: '0', out: 'out' }, params: { gain, offset, vmin: -1, vmax: 2 } }],
    sources: [{ name: 'src', type: 'V', nets: { p: 'in', n: '0' }, dc: 0 }],
    analyses: [{ type: 'dc', source: 'src', start: -1, stop: 1, step: 0.05 }],
  });
  const r = await runDescription(d);
  const u = r.variables['v(in)'];
  const out = r.variables['v(out)'];
  u.forEach((x, i) => {
    const expected = Math.min(Math.max(gain * x + offset, -1), 2);
    assert.ok(Math.abs(out[i] - expected) < 1e-9, `u = ${x}: ${out[i]} vs ${expected}`);
  });
});

test('cmosAmp: -3 dB at its bandwidth; cmosGm and synapseGm: i = gm*u into a load', async () => {
  const ac = await runDescription(
    resolveDescription({
      name: 'amplifier bandwidth',
      instances: [{ name: 'amp', kind: 'cmosAmp', nets: { inp: 'in', inn: '0', out: 'out' }, params: { gain: 2, fbw: '10 MHz' } }],
      sources: [{ name: 'src', type: 'V', nets: { p: 'in', n: '0' }, dc: 0, ac: 1 }],
      analyses: [{ type: 'ac', pointsPerDecade: 10, fstart: '10 MHz', fstop: '100 MHz' }],
    }),
  );
  const g0 = Math.hypot(ac.variables['v(out)'][0], ac.imaginary!['v(out)'][0]);
  assert.ok(Math.abs(g0 - 2 * Math.SQRT1_2) < 1e-6, `|H(fbw)| = ${g0}, expected gain/sqrt(2)`);
  const dc = await runDescription(
    resolveDescription({
      name: 'transconductor into 100 ohm',
      instances: [
        { name: 'gm1', kind: 'cmosGm', nets: { inp: 'in', inn: '0', out: 'out' }, params: { gm: '5 mA/V', ioffset: '10 uA' } },
        { name: 'load', kind: 'resistor', nets: { p: 'out', n: '0' }, params: { R: 100 } },
        { name: 'syn', kind: 'synapseGm', nets: { inp: 'in', inn: '0', out: 'sum' }, params: { gm: '-3 mA/V' } },
        { name: 'rsum', kind: 'resistor', nets: { p: 'sum', n: '0' }, params: { R: 1000 } },
      ],
      sources: [{ name: 'src', type: 'V', nets: { p: 'in', n: '0' }, dc: 0.4 }],
      analyses: [{ type: 'op' }],
    }),
  );
  assert.ok(Math.abs(dc.variables['v(out)'][0] - (5e-3 * 0.4 + 10e-6) * 100) < 1e-9);
  // synapseGm: signed linear transconductance, i = gm * u into the summing resistor
  assert.ok(Math.abs(dc.variables['v(sum)'][0] - -3e-3 * 0.4 * 1000) < 1e-9, `v(sum) = ${dc.variables['v(sum)'][0]}`);
});

function gf180(analysis: object, vin = 0.4) {
  return resolveDescription({
    name: 'GF180 transconductor into an STNO-like 200 ohm load',
    instances: [
      { name: 'amp', kind: 'cmosGmGf180', nets: { vin: 'in', iout: 'out', vdd: 'vdd', vss: '0' } },
      { name: 'stno', kind: 'resistor', nets: { p: 'out', n: '0' }, params: { R: 200 } },
    ],
    sources: [
      { name: 'supply', type: 'V', nets: { p: 'vdd', n: '0' }, dc: 3.3 },
      { name: 'ctl', type: 'V', nets: { p: 'in', n: '0' }, dc: vin, ac: 1 },
    ],
    analyses: [analysis],
  });
}

test('cmosGmGf180: DC transfer is linear at 4/rSet and the AC gain equals the DC slope', async () => {
  const rLoad = 200;
  const dc = await runDescription(gf180({ type: 'dc', source: 'ctl', start: 0.1, stop: 0.8, step: 0.01 }));
  const vin = dc.variables['v(in)'];
  const iout = Array.from(dc.variables['v(out)'], (v) => v / rLoad);
  // least-squares slope over the linear range
  const n = vin.length;
  const mx = vin.reduce((a, b) => a + b, 0) / n;
  const my = iout.reduce((a, b) => a + b, 0) / n;
  const slope = vin.reduce((s, x, i) => s + (x - mx) * (iout[i] - my), 0) / vin.reduce((s, x) => s + (x - mx) ** 2, 0);
  const ideal = 4 / 400;
  // the loop gain of ~74 leaves Gm about 1 % below 4/rSet (docs/devices/gf180-amplifier.md)
  assert.ok(Math.abs(slope / ideal - 1) < 0.03, `DC slope ${slope} A/V vs 4/rSet = ${ideal}`);
  for (let i = 1; i < n; i++) assert.ok(iout[i] > iout[i - 1], 'monotonic transfer');
  const at = vin.findIndex((v) => Math.abs(v - 0.4) < 1e-9);
  const localSlope = (iout[at + 1] - iout[at - 1]) / (vin[at + 1] - vin[at - 1]);
  const ac = await runDescription(gf180({ type: 'ac', pointsPerDecade: 1, fstart: 1, fstop: 10 }));
  const gmAc = Math.hypot(ac.variables['v(out)'][0], ac.imaginary!['v(out)'][0]) / rLoad;
  assert.ok(Math.abs(gmAc / localSlope - 1) < 0.005, `small-signal Gm ${gmAc} vs DC slope at 0.4 V ${localSlope}`);
});

test.run();
