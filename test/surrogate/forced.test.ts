// Forced-Kuramoto kernel: Adler injection locking, Jacobian vs finite differences, uncoupled independence, step convergence.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as tf from '@tensorflow/tfjs';
import { forcedForward, forcedSensitivity, type ForcedBatch } from '../../src/surrogate/forced/kernel.ts';
import { resolveForcedSettings, type ForcedSettings } from '../../src/surrogate/forced/params.ts';
import { ForcedOperator } from '../../src/surrogate/forced/op.ts';

const kIn = 20e6;
const fs0 = 570e6;

function single(F: number, settings: ForcedSettings, seed = 3): number {
  return forcedForward({ F: Float64Array.of(F), fs: Float64Array.of(fs0), batch: 1, n: 1, m: 1, seeds: [seed] }, settings)[0];
}

test('one forced oscillator locks iff |F - f_s| <= k_in', () => {
  const s = resolveForcedSettings({ coupling: 1e7, injection: [kIn], dt: 1e-10 });
  for (const r of [0.3, -0.9, 0.97]) assert.ok(Math.abs(single(fs0 + r * kIn, s) - fs0) < 1, `|F - f_s| = ${r} k_in must lock`);
  for (const r of [1.03, -1.03]) assert.ok(Math.abs(single(fs0 + r * kIn, s) - fs0) > 0.1 * kIn, `|F - f_s| = ${r} k_in must not lock`);
});

test('outside the lock the mean frequency follows Adler: f_s +- sqrt(dF^2 - k_in^2) within 0.3 %', () => {
  const s = resolveForcedSettings({ coupling: 1e7, injection: [kIn], dt: 1e-10, duration: 4e-6, window: 3.5e-6 });
  for (const r of [1.5, -2, 3]) {
    const dF = r * kIn;
    const beat = single(fs0 + dF, s) - fs0;
    const adler = Math.sign(dF) * Math.sqrt(dF * dF - kIn * kIn);
    assert.ok(Math.abs(beat / adler - 1) < 3e-3, `dF = ${r} k_in: ${beat} Hz vs Adler ${adler} Hz`);
  }
});

test('the lock boundary moves by < 0.2 % of k_in between a 100 ps and a 10 ps Euler step', () => {
  const edge = (dt: number) => {
    const s = resolveForcedSettings({ coupling: 1e7, injection: [kIn], dt });
    let lo = 0.9 * kIn;
    let hi = 1.1 * kIn;
    for (let it = 0; it < 16; it++) {
      const mid = (lo + hi) / 2;
      // locked when the window mean is within a quarter of k_in of the source (the read-out's D <= 1)
      if (Math.abs(single(fs0 + mid, s) - fs0) <= kIn / 4) lo = mid;
      else hi = mid;
    }
    return (lo + hi) / 2;
  };
  const coarse = edge(1e-10);
  const fine = edge(1e-11);
  assert.ok(Math.abs(coarse - fine) < 2e-3 * kIn, `edges ${coarse} vs ${fine} Hz`);
});

const network: Omit<ForcedBatch, 'F'> = { fs: Float64Array.of(535e6, 630e6), batch: 1, n: 4, m: 2, seeds: [5] };
const F4 = Float64Array.of(530e6, 560e6, 620e6, 650e6);

test('d f_bar / d F by forward sensitivities matches central finite differences (N = 4, two sources)', () => {
  const s = resolveForcedSettings({ coupling: 5e6, injection: [kIn, kIn], dt: 1e-10, duration: 3e-7, window: 1.5e-7 });
  const { jacobian } = forcedSensitivity({ ...network, F: F4 }, s);
  const e = 1e3;
  for (let a = 0; a < 4; a++) {
    const up = F4.slice();
    const down = F4.slice();
    up[a] += e;
    down[a] -= e;
    const fp = forcedForward({ ...network, F: up }, s);
    const fm = forcedForward({ ...network, F: down }, s);
    for (let i = 0; i < 4; i++) {
      const fd = (fp[i] - fm[i]) / (2 * e);
      const J = jacobian[i * 4 + a];
      assert.ok(Math.abs(J - fd) < 1e-3 * Math.max(1, Math.abs(fd)), `d fbar_${i} / d F_${a}: ${J} vs ${fd}`);
    }
  }
});

test('without mutual coupling the oscillators are independent: f_bar_i depends on F_i only, diagonal Jacobian', () => {
  const s = resolveForcedSettings({ coupling: 0, injection: [kIn], dt: 1e-10 });
  const F = Float64Array.of(fs0 - 1.5 * kIn, fs0 + 0.5 * kIn, fs0 + 2 * kIn);
  const batch = { fs: Float64Array.of(fs0), batch: 1, n: 3, m: 1, seeds: [9] };
  const { fbar, jacobian } = forcedSensitivity({ ...batch, F }, s);
  const moved = forcedForward({ ...batch, F: Float64Array.of(F[0] + 7e6, F[1], F[2]) }, s);
  assert.ok(Math.abs(fbar[1] - fs0) < 1, 'oscillator 1 (|F - f_s| = k_in / 2) is locked');
  for (const i of [1, 2]) assert.ok(Math.abs(moved[i] - fbar[i]) < 1e-3, `oscillator ${i} moved by ${moved[i] - fbar[i]} Hz when F_0 changed`);
  for (let i = 0; i < 3; i++) for (let a = 0; a < 3; a++) if (a !== i) assert.is(jacobian[i * 3 + a], 0);
});

test('ForcedOperator.apply: value f_bar (MHz), gradient tanh(J)^T gbar (default) or J^T gbar through tf.grad', () => {
  const s = { coupling: 5e6, injection: [kIn, kIn], dt: 1e-10, duration: 3e-7, window: 1.5e-7 };
  const Fmhz = Array.from(F4, (v) => v / 1e6);
  const fsMhz = Array.from(network.fs, (v) => v / 1e6);
  const gbar = [1, -2, 0.5, 3];
  const F = tf.tensor2d([Fmhz]);
  for (const squash of [true, false]) {
    const op = new ForcedOperator(4, { settings: s, squash });
    const ev = op.evaluate(Fmhz, fsMhz, 1, true);
    const grad = tf.grad((x: tf.Tensor) => op.apply(x as tf.Tensor2D, ev).mul(tf.tensor2d([gbar])).sum())(F).dataSync();
    for (let a = 0; a < 4; a++) {
      const expected = gbar.reduce((acc, g, i) => acc + g * (squash ? Math.tanh(ev.jacobian![i * 4 + a]) : ev.jacobian![i * 4 + a]), 0);
      assert.ok(Math.abs(grad[a] - expected) < 1e-4 * Math.max(1, Math.abs(expected)), `squash ${squash}, grad ${a}: ${grad[a]} vs ${expected}`);
    }
    op.apply(F, ev).dataSync().forEach((v, i) => assert.ok(Math.abs(v - ev.fbar[i] / 1e6) < 1e-4));
  }
  tf.dispose(F);
});

test('bad settings are input errors naming the field', () => {
  assert.throws(() => resolveForcedSettings({ injection: [] }), /source/);
  assert.throws(() => resolveForcedSettings({ injection: [-1] }), /injection\[0\]/);
});

test.run();
