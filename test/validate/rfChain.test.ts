// Resonators at the waveform level (spinDiodeRf): rectified DC follows eq. 6; channels on one chain mix only at equal frequency.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { resolveDescription } from '../../src/spec/resolve.ts';
import { runDescription } from '../../src/sim/runDescription.ts';
import { antiLorentzian, rfChainsDescription, windowStats, type RfChannel, type RfRun } from '../../src/validate/rfChain.ts';

const alpha = 0.01;
const f = 1e9;
const P = 1e-6;

test('the low-passed mixing product of a field-line-driven tank follows the anti-Lorentzian of eq. 6 within 5 % of its peak', async () => {
  const run: RfRun = { fcut: 20e6, stop: 260e-9, window: 100e-9, tmax: 5e-12 };
  const zetas = [-2, -1, -0.4, 0.4, 1, 2].map((x) => x * alpha);
  const chains = zetas.map((z) => [{ f, P, fres: f * (1 - z) }]);
  const r = await runDescription(resolveDescription(rfChainsDescription('RF sweep', chains, run)));
  const peak = (P * 1) / (2 * alpha);
  chains.forEach(([c], g) => {
    const { mean } = windowStats(r, g, run);
    const ideal = antiLorentzian(c);
    assert.ok(Math.abs(mean - ideal) <= 0.05 * peak, `fres = f (1 - ${(c.f - c.fres) / c.f}): ${mean} V vs eq. 6 ${ideal} V`);
    assert.is(Math.sign(mean), Math.sign(ideal));
  });
});

test('two channels on one chain: at the same frequency they cross-rectify; 50 MHz apart the low-pass removes their beat', async () => {
  const run: RfRun = { fcut: 5e6, stop: 400e-9, window: 100e-9, tmax: 5e-12 };
  const pair = (df: number): RfChannel[] => [
    { f, P, fres: f * (1 - 0.5 * alpha) },
    { f: f + df, P, fres: (f + df) * (1 - 0.8 * alpha) },
  ];
  // chains 0, 1: same frequency on one bus / on separate buses; chains 2, 3: 50 MHz apart
  const same = pair(0);
  const apart = pair(50e6);
  const r = await runDescription(resolveDescription(rfChainsDescription('RF crosstalk', [same, ...same.map((c) => [c]), apart, ...apart.map((c) => [c])], run)));
  const m = (g: number) => windowStats(r, g, run).mean;
  const scale = Math.abs(antiLorentzian(same[0])) + Math.abs(antiLorentzian(same[1]));
  const sameError = Math.abs(m(0) - (m(1) + m(2))) / scale;
  const apartError = Math.abs(m(3) - (m(4) + m(5))) / scale;
  assert.ok(sameError > 0.2, `same frequency: cross-rectification ${sameError}`);
  assert.ok(apartError < 0.02, `50 MHz apart: ${apartError}`);
});

test.run();
