// Mismatch sampling: spreads from the device tables, overrides with units, seeded draws with the documented statistics.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { annotateClassifier } from '../../src/annotate/kuramotoDesign.ts';
import { stnoPhase } from '../../src/devices/stnoPhase.ts';
import { InputError } from '../../src/errors.ts';
import { noSpreads, overrideSpreads, sampleDesign, tableSpreads } from '../../src/montecarlo/mismatch.ts';
import { seedFor } from '../../src/random/rng.ts';
import { fixtureModel } from '../annotate/fixtureModel.ts';

const design = annotateClassifier(fixtureModel().model);

test('spreads default to the device parameter tables and take overrides with units and percentages', () => {
  const table = tableSpreads();
  assert.equal(table.F0, { kind: 'absolute', sigma: stnoPhase.params.F0.spread!.sigma });
  const s = overrideSpreads(table, ['F0=3 MHz', 'kappa=5%', 'gm=0.02', 'offset=2uA']);
  assert.equal([s.F0.sigma, s.kappa.sigma, s.gm.sigma], [3e6, 0.05, 0.02]);
  assert.ok(Math.abs(s.offset.sigma - 2e-6) < 1e-18);
  assert.throws(() => overrideSpreads(table, ['bogus=1']), (e: Error) => e instanceof InputError && /unknown knob 'bogus'/.test(e.message) && e.field === '--spread');
  assert.throws(() => overrideSpreads(table, ['kappa=150%']), (e: Error) => e instanceof InputError && /fraction in \[0, 1\]/.test(e.message));
  assert.throws(() => overrideSpreads(table, ['F0=3 V']), (e: Error) => e instanceof InputError);
});

test('zero spreads reproduce the nominal design; the same seed gives the same sample', () => {
  assert.equal(sampleDesign(design, noSpreads(), 5).design, design);
  assert.equal(sampleDesign(design, tableSpreads(), 5), sampleDesign(design, tableSpreads(), 5));
  assert.not.equal(sampleDesign(design, tableSpreads(), 5).sample, sampleDesign(design, tableSpreads(), 6).sample);
});

test("a knob's draws do not depend on the other knobs' spreads (one-at-a-time studies reuse the full study's samples)", () => {
  const only = { ...noSpreads(), kappa: tableSpreads().kappa };
  assert.equal(sampleDesign(design, only, 9).sample.kappa, sampleDesign(design, tableSpreads(), 9).sample.kappa);
});

test('sampled values have the table mean and sigma (absolute F0, relative kappa) over 4000 draws', () => {
  const F0: number[] = [];
  const kappa: number[] = [];
  for (let t = 0; t < 1000; t++) {
    const { sample } = sampleDesign(design, tableSpreads(), seedFor(1, t)); // trial seeds as studies draw them
    F0.push(...sample.F0);
    kappa.push(...sample.kappa);
  }
  const stats = (v: number[]) => {
    const mean = v.reduce((a, x) => a + x, 0) / v.length;
    return { mean, sd: Math.sqrt(v.reduce((a, x) => a + (x - mean) ** 2, 0) / (v.length - 1)) };
  };
  const f = stats(F0);
  const k = stats(kappa);
  const n = F0.length;
  // mean within 4 standard errors, sd within 4 standard errors of a normal sample's sd (sigma / sqrt(2n))
  assert.ok(Math.abs(f.mean - 4.4e8) < (4 * 2e6) / Math.sqrt(n), `F0 mean ${f.mean}`);
  assert.ok(Math.abs(f.sd - 2e6) < (4 * 2e6) / Math.sqrt(2 * n), `F0 sd ${f.sd}`);
  assert.ok(Math.abs(k.sd / 4e10 - 0.02) < (4 * 0.02) / Math.sqrt(2 * n), `kappa relative sd ${k.sd / 4e10}`);
});

test.run();
