// The RK4 kernel held to mathematics: closed-form logistic solution, fixed point, 4th-order convergence, filter step response.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as tf from '@tensorflow/tfjs';
import { paperConfig, substepsFor, type DynamicalConfig } from '../../src/surrogate/dynamical/config.ts';
import { DynamicsKernel } from '../../src/surrogate/dynamical/kernel.ts';
import { highPassRhs } from '../../src/surrogate/dynamical/neurons.ts';

/** One STNO neuron driven by a constant input: win = w, no recurrence, so I = S (w u + b) + bFixed is constant. */
function singleNeuron(substeps: number, over: Partial<DynamicalConfig> = {}) {
  const cfg = paperConfig({ layers: 1, width: 1, classes: 1, substeps, inputScale: 1, ...over });
  const kernel = new DynamicsKernel(cfg, { win: Uint8Array.of(1), wext: [], wint: [Uint8Array.of(0)] });
  return { cfg, kernel };
}

/** x(t) of dx/dt = -gamma x + I x (1 - x), x(0) = x0 (logistic with rate I - gamma and carrying capacity 1 - gamma/I). */
const logistic = (t: number, x0: number, I: number, gamma: number) => {
  const xs = 1 - gamma / I;
  return xs / (1 + (xs / x0 - 1) * Math.exp(-(I - gamma) * t));
};

/** Run the single neuron for T input intervals with drive I; return x at the end (and every observed x). */
function runConstantDrive(I: number, T: number, substeps: number, dtInputNs = 1) {
  const { cfg, kernel } = singleNeuron(substeps, { dtInputNs });
  // theta = [win, wint, b]; choose w so that S * w * 1 + bFixed = I with u = 1 and b = 0
  const w = (I - cfg.bFixedPerNs) / cfg.S;
  const xs: number[] = [];
  kernel.forward(Float64Array.of(w, 0, 0), new Float32Array(T).fill(1), 1, T, { observe: (_t, x) => xs.push(x[0]) });
  return { cfg, x: xs[xs.length - 1], xs };
}

test('single neuron under constant drive follows the closed-form logistic solution', () => {
  const gamma = 1 / 14.12;
  for (const I of [0.3, 1.5, 0.02]) {
    const { x, cfg } = runConstantDrive(I, 20, 4);
    const exact = logistic(20, cfg.x0, I, gamma);
    // RK4 at h = 0.25 ns, rate |I - gamma| <= 1.43/ns: global error ~ (rate h)^4 / 120 * x ~ 1e-5 at most
    assert.ok(Math.abs(x - exact) < 1e-5, `I=${I}: ${x} vs ${exact}`);
  }
});

test('fixed point is 1 - gamma/I for I > gamma and 0 for I < gamma', () => {
  const gamma = 1 / 14.12;
  const { x } = runConstantDrive(0.5, 200, 4);
  assert.ok(Math.abs(x - (1 - gamma / 0.5)) < 1e-9, `${x}`);
  const dead = runConstantDrive(0.03, 400, 2);
  assert.ok(dead.x < 1e-5 && dead.x > 0, `${dead.x}`);
  // b_fixed = 2 gamma alone puts the undriven neuron at rest at x = 1/2
  const rest = runConstantDrive(2 * gamma, 50, 2);
  assert.ok(Math.abs(rest.x - 0.5) < 1e-12, `${rest.x}`);
});

test('RK4 converges with order 4: halving the step divides the error by ~16', () => {
  const I = 2;
  const gamma = 1 / 14.12;
  // h = 1/4 .. 1/32 ns: rate * h <= 0.5, in the asymptotic range, errors far above float64 rounding
  const errors = [4, 8, 16, 32].map((k) => {
    const { x, cfg } = runConstantDrive(I, 4, k, 1);
    return Math.abs(x - logistic(4, cfg.x0, I, gamma));
  });
  for (let i = 1; i < errors.length; i++) {
    const p = Math.log2(errors[i - 1] / errors[i]);
    assert.ok(p > 3.7 && p < 4.4, `order ${p.toFixed(2)} between h and h/2 (errors ${errors.join(', ')})`);
  }
});

test('high-pass filter (z form) has the step response e^{-2 pi f_cut t}', () => {
  const fCut = 0.05; // GHz, so the decay is visible within a few ns
  const omega = 2 * Math.PI * fCut;
  const h = 0.05;
  // x steps from 0 to 1 at t = 0+: y = x + z with z(0) = -x(0-) = 0, dz/dt = -omega (z + x)
  const x = tf.scalar(1);
  let z: tf.Tensor = tf.scalar(0);
  for (let n = 1; n <= 200; n++) {
    const k1 = highPassRhs(z, x, omega);
    const k2 = highPassRhs(tf.add(z, tf.mul(h / 2, k1)), x, omega);
    const k3 = highPassRhs(tf.add(z, tf.mul(h / 2, k2)), x, omega);
    const k4 = highPassRhs(tf.add(z, tf.mul(h, k3)), x, omega);
    const next = tf.add(z, tf.mul(h / 6, tf.addN([k1, tf.mul(2, k2), tf.mul(2, k3), k4])));
    [k1, k2, k3, k4, z].forEach((t) => t.dispose());
    z = next;
    if (n % 50 === 0) {
      const y = 1 + z.dataSync()[0];
      // float32 state: relative error ~ n * 6e-8 plus RK4 error (omega h)^5/120 ~ 8e-9 per step
      assert.ok(Math.abs(y - Math.exp(-omega * n * h)) < 2e-5, `t=${n * h}: ${y}`);
    }
  }
  z.dispose();
  x.dispose();
});

test('substep rule keeps h <= 0.5 ns and at least 2 steps per input interval', () => {
  for (const dt of [0.2, 0.4, 1, 2.5, 5]) {
    const k = substepsFor(dt);
    assert.ok(k >= 2 && dt / k <= 0.5 + 1e-12, `${dt}: ${k}`);
  }
  assert.is(substepsFor(1), 2);
  assert.is(substepsFor(5), 10);
});

test.run();
