// The CNN's physics comes from the device files: spin-diode weight and STNO activation in tfjs against their SI JS renderings.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as tf from '@tensorflow/tfjs';
import { spinDiode } from '../../../src/devices/spinDiode.ts';
import { stnoActivation } from '../../../src/devices/stnoActivation.ts';
import { frequencyPlan, layerFrequencies } from '../../../src/surrogate/cnn/frequencyPlan.ts';
import { PAPER_PHYSICS, stnoNormalizedPower, weightAtRatio } from '../../../src/surrogate/cnn/physics.ts';
import { createRng } from '../../../src/random/rng.ts';

const { alpha, A } = PAPER_PHYSICS;
const weightSI = (f: number, fres: number) => spinDiode.fn.weight({ f, fres, alpha, A });

test('conv weight sharing (paper 002 eq. 9): W(f, f(1 - zeta)) = zeta / (alpha^2 (1 - zeta)^2 + zeta^2) A at every channel frequency', () => {
  const f = layerFrequencies(frequencyPlan([5408]), 0);
  for (const zeta of [-0.5, -0.02, -0.01, -1e-3, 1e-4, 0.004, 0.01, 0.3, 0.9]) {
    const closed = (zeta / (alpha ** 2 * (1 - zeta) ** 2 + zeta ** 2)) * A;
    for (const k of [0, 1, 777, 5407]) {
      const w = weightSI(f[k], f[k] * (1 - zeta));
      assert.ok(Math.abs(w - closed) <= 1e-9 * Math.abs(closed), `zeta ${zeta}, f ${f[k]}: ${w} vs ${closed}`);
    }
  }
});

test('tfjs weight in units of the channel frequency equals the device equation in Hz (float32 precision)', () => {
  const rng = createRng(4);
  const f = layerFrequencies(frequencyPlan([1600]), 0);
  const cases = Array.from({ length: 500 }, () => ({ f: f[rng.int(f.length)], ratio: 1 - alpha * 4 * (2 * rng.uniform() - 1) }));
  const w = tf.tidy(() => weightAtRatio(tf.tensor1d(cases.map((c) => c.ratio)), PAPER_PHYSICS).dataSync());
  const peak = A / (2 * alpha);
  cases.forEach((c, i) => {
    const si = weightSI(c.f, c.f * c.ratio);
    assert.ok(Math.abs(w[i] - si) <= 2e-5 * peak, `f ${c.f}, fres/f ${c.ratio}: ${w[i]} vs ${si}`);
  });
});

test('tfjs STNO activation equals the device equation (SI) from -6 to 12 mA: zero below 2 mA, clamp at 8 mA', () => {
  const currents = Array.from({ length: 361 }, (_, i) => -6 + i * 0.05);
  const p = tf.tidy(() => stnoNormalizedPower(tf.tensor1d(currents), PAPER_PHYSICS).dataSync());
  currents.forEach((I, i) => {
    const si = stnoActivation.fn.normalizedPower({ I: I * 1e-3, Ith: 2e-3, Imax: 8e-3, Q: 2 });
    assert.ok(Math.abs(p[i] - si) <= 1e-6, `I = ${I} mA: ${p[i]} vs ${si}`);
    if (I <= 2) assert.is(p[i], 0);
  });
  assert.ok(Math.abs(p[currents.length - 1] - 0.5) < 1e-6, 'clamped at (8/2 - 1)/(8/2 + 2) = 0.5');
});

test('STNO activation gradient: (1 + Q)/Ith/(I/Ith + Q)^2 between threshold and clamp, 0 elsewhere, finite at I = -Q Ith', () => {
  const I = [-4, -1, 1.9, 3, 5, 7.5, 9];
  const g = tf.tidy(() => tf.grad((x: tf.Tensor) => tf.sum(stnoNormalizedPower(x, PAPER_PHYSICS)))(tf.tensor1d(I)).dataSync());
  I.forEach((x, i) => {
    const expected = x > 2 && x < 8 ? 3 / 2 / (x / 2 + 2) ** 2 : 0;
    assert.ok(Math.abs(g[i] - expected) < 1e-6, `I = ${x}: ${g[i]} vs ${expected}`);
  });
});

test.run();
