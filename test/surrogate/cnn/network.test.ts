// The tfjs network against its float64 reference (device equations), gradients against finite differences, known weights recovered.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as tf from '@tensorflow/tfjs';
import { loadDigits } from '../../../src/data/digits.ts';
import { digitsImages, pixelFractions } from '../../../src/data/images.ts';
import { createRng, seedFor } from '../../../src/random/rng.ts';
import { DIGITS_ARCH, type CnnArch } from '../../../src/surrogate/cnn/arch.ts';
import { conv2dChains } from '../../../src/surrogate/cnn/conv.ts';
import { initSpintronic, type CnnModel, type SpintronicParams } from '../../../src/surrogate/cnn/model.ts';
import { PAPER_PHYSICS, weightAtRatio } from '../../../src/surrogate/cnn/physics.ts';
import { referenceNetwork } from '../../../src/surrogate/cnn/reference.ts';
import { detuneTensors, tfjsNetwork } from '../../../src/surrogate/cnn/tfjsNetwork.ts';
import { calibrateGains, imageBatch } from '../../../src/surrogate/cnn/train.ts';
import { drawDevices, type Variability } from '../../../src/surrogate/cnn/variability.ts';

const digits = digitsImages(loadDigits());
const sample = [0, 1, 2, 3, 4, 5, 6, 7];
const calibrated = (arch: CnnArch, seed: number, v?: Variability): CnnModel => {
  const m = initSpintronic(arch, seed);
  const x = imageBatch(digits, sample);
  const detune = v && detuneTensors(m, v);
  const out = calibrateGains(m, x, { currentRmsMa: 4, logitRms: 2 }, detune);
  tf.dispose([x, ...(detune ? [...detune.conv, detune.fc] : [])]);
  return out;
};
const maxAbs = (a: ArrayLike<number>) => Array.from(a).reduce((s, v) => Math.max(s, Math.abs(v)), 0);

function assertParity(model: CnnModel, v?: Variability) {
  const ref = referenceNetwork(model, v);
  const net = tfjsNetwork(model);
  const detune = v && detuneTensors(model, v);
  const out = tf.tidy(() => {
    const o = net.forward(imageBatch(digits, sample), detune);
    return { chains: o.chains.map((t) => t.dataSync()), currents: o.currents.map((t) => t.dataSync()), powers: o.powers.map((t) => t.dataSync()), logits: o.logits.dataSync() };
  });
  sample.forEach((img, b) => {
    const r = ref.forward(pixelFractions(digits, [img]));
    const check = (name: string, tfAll: Float32Array | Int32Array | Uint8Array, ours: Float64Array) => {
      const n = ours.length;
      const t = tfAll.subarray(b * n, (b + 1) * n);
      const tol = 1e-4 * maxAbs(ours);
      ours.forEach((v, i) => assert.ok(Math.abs(t[i] - v) <= tol, `image ${img} ${name}[${i}]: tfjs ${t[i]} vs float64 ${v}`));
    };
    r.chains.forEach((c, l) => check(`chains${l}`, out.chains[l], c));
    r.currents.forEach((c, l) => check(`currents${l}`, out.currents[l], c));
    r.powers.forEach((c, l) => check(`powers${l}`, out.powers[l], c));
    check('logits', out.logits, r.logits);
  });
  net.dispose();
  if (detune) tf.dispose([...detune.conv, detune.fc]);
}

test('tfjs forward equals the float64 device-equation reference layer by layer (digits network, 8 images)', () => {
  assertParity(calibrated(DIGITS_ARCH, 1));
});

test('with device variability sigma = 0.3 the per-resonator path equals the reference built resonator by resonator', () => {
  const v: Variability = { sigma: 0.3, draws: drawDevices(DIGITS_ARCH, 7) };
  assertParity(calibrated(DIGITS_ARCH, 1, v), v);
});

test('sigma = 0 through the per-resonator path gives the shared-weight result', () => {
  const model = calibrated(DIGITS_ARCH, 2);
  const net = tfjsNetwork(model);
  const detune = detuneTensors(model, { sigma: 0, draws: drawDevices(DIGITS_ARCH, 3) });
  const [a, b] = tf.tidy(() => {
    const x = imageBatch(digits, sample);
    return [net.forward(x).logits.dataSync(), net.forward(x, detune).logits.dataSync()];
  });
  a.forEach((v, i) => assert.ok(Math.abs(v - b[i]) <= 1e-5 * maxAbs(a)));
  net.dispose();
  tf.dispose([...detune.conv, detune.fc]);
});

const TINY: CnnArch = { name: 'tiny', input: { height: 8, width: 8, channels: 1 }, convs: [{ filters: 2, kernel: 3, pad: 1, pool: 2 }, { filters: 3, kernel: 3, pad: 1, pool: 2 }], classes: 4 };

test('gradients of the cross-entropy w.r.t. zeta, FC f_res and gains equal float64 central differences of the reference', () => {
  const model = calibrated(TINY, 3);
  const labels = sample.map((i) => digits.labels[i] % 4);
  const net = tfjsNetwork(model);
  const grads = tf.tidy(() => {
    const x = imageBatch(digits, sample);
    const y = tf.oneHot(tf.tensor1d(labels, 'int32'), 4);
    const { grads } = tf.variableGrads(() => tf.losses.softmaxCrossEntropy(y, net.forward(x).logits) as tf.Scalar, net.variables);
    return net.variables.map((v) => [...grads[v.name].dataSync()]);
  });
  net.dispose();
  const loss = (m: CnnModel) => {
    const ref = referenceNetwork(m);
    return sample.reduce((s, img, b) => {
      const z = ref.forward(pixelFractions(digits, [img])).logits;
      const top = Math.max(...z);
      const lse = top + Math.log(z.reduce((t, v) => t + Math.exp(v - top), 0));
      return s + (lse - z[labels[b]]) / sample.length;
    }, 0);
  };
  const p = model.params as SpintronicParams;
  const { alpha } = model.physics;
  const fUnit = alpha * model.plan.fMinHz;
  // trainable units: theta = zeta / alpha, nu = f_res / (alpha fMin), log(gain)
  const groups: { name: string; tf: number[]; perturb: (k: number, h: number) => CnnModel; size: number }[] = [
    ...p.zeta.map((z, l) => ({ name: `theta${l}`, tf: grads[l], size: z.length, perturb: (k: number, h: number) => ({ ...model, params: { ...p, zeta: p.zeta.map((a, i) => (i === l ? a.map((v, j) => (j === k ? v + h * alpha : v)) : a)) } }) })),
    { name: 'nu', tf: grads[p.zeta.length], size: p.fcFresHz.length, perturb: (k, h) => ({ ...model, params: { ...p, fcFresHz: p.fcFresHz.map((v, j) => (j === k ? v + h * fUnit : v)) } }) },
    { name: 'logGain', tf: grads[p.zeta.length + 1], size: p.gains.length, perturb: (k, h) => ({ ...model, params: { ...p, gains: p.gains.map((g, j) => (j === k ? g * Math.exp(h) : g)) } }) },
  ];
  for (const g of groups) {
    const h = 1e-5;
    const fd = Array.from({ length: g.size }, (_, k) => (loss(g.perturb(k, h)) - loss(g.perturb(k, -h))) / (2 * h));
    const scale = maxAbs(fd);
    assert.ok(scale > 1e-6, `${g.name}: the loss must depend on it`);
    fd.forEach((v, k) => assert.ok(Math.abs(g.tf[k] - v) <= 2e-3 * scale, `${g.name}[${k}]: tfjs ${g.tf[k]} vs finite difference ${v}`));
  }
});

test('recover known parameters: a resonator-chain convolution and an FC layer fitted to a teacher\'s chain voltages recover its zeta and f_res', () => {
  const rng = createRng(seedFor(11, 0));
  const { alpha } = PAPER_PHYSICS;
  // conv: 6x6 inputs, 2 filters of 3x3, pad 1; teacher detunings on the monotonic branch of the anti-Lorentzian, |zeta| < 0.7 alpha
  const thetaTrue = Float32Array.from({ length: 3 * 3 * 1 * 2 }, () => 1.4 * rng.uniform() - 0.7);
  const x = tf.tensor4d(Float32Array.from({ length: 24 * 6 * 6 }, () => (rng.uniform() < 0.5 ? 1 : 0)), [24, 6, 6, 1]);
  const convOf = (theta: tf.Tensor) => conv2dChains(x, weightAtRatio(tf.sub(1, tf.mul(theta, alpha)), PAPER_PHYSICS) as tf.Tensor4D, 1);
  const target = tf.tidy(() => convOf(tf.tensor4d(thetaTrue, [3, 3, 1, 2])));
  const theta = tf.variable(tf.tensor4d(Float32Array.from(thetaTrue, () => 0.3 * rng.normal()), [3, 3, 1, 2]));
  // FC: 4 input channels at their eq. 3 frequencies, 2 outputs; f_res trained in units of alpha fMin = 10 MHz
  const fOverUnit = Float32Array.from({ length: 4 }, (_, k) => (1 / alpha) * ((1 + 1 / 6400) / (1 - 1 / 6400)) ** k);
  const nuTrue = Float32Array.from({ length: 8 }, (_, i) => fOverUnit[i >> 1] * (1 - alpha * (1.4 * rng.uniform() - 0.7)));
  const unitOverF = tf.tensor2d(Float32Array.from(fOverUnit, (v) => 1 / v), [4, 1]);
  const p = tf.tensor2d(Float32Array.from({ length: 40 * 4 }, () => (rng.uniform() < 0.5 ? 1 : 0)), [40, 4]);
  const fcOf = (nu: tf.Tensor) => tf.matMul(p, weightAtRatio(tf.mul(nu, unitOverF), PAPER_PHYSICS) as tf.Tensor2D);
  const fcTarget = tf.tidy(() => fcOf(tf.tensor2d(nuTrue, [4, 2])));
  const nu = tf.variable(tf.tensor2d(Float32Array.from({ length: 8 }, (_, i) => fOverUnit[i >> 1] * (1 - alpha * 0.3 * rng.normal())), [4, 2]));
  const opt = tf.train.adam(0.01);
  for (let step = 0; step < 1000; step++) {
    opt.minimize(() => tf.add(tf.mean(tf.square(tf.sub(convOf(theta), target))), tf.mean(tf.square(tf.sub(fcOf(nu), fcTarget)))) as tf.Scalar, false, [theta, nu]);
  }
  const got = theta.dataSync();
  thetaTrue.forEach((t, i) => assert.ok(Math.abs(got[i] - t) < 5e-3, `zeta[${i}] / alpha = ${got[i]}, teacher ${t}`));
  const gotNu = nu.dataSync();
  nuTrue.forEach((t, i) => assert.ok(Math.abs(gotNu[i] - t) / (fOverUnit[i >> 1] * alpha) < 5e-3, `f_res[${i}] = ${gotNu[i]}, teacher ${t} (units of 10 MHz)`));
  tf.dispose([x, target, theta, unitOverF, p, fcTarget, nu]);
  opt.dispose();
});

test.run();
