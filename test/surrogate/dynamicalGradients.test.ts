// BPTT gradients held to central finite differences (float64 kernel, float32 tfjs path) and kernel-vs-tfjs parity.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as tf from '@tensorflow/tfjs';
import { paperConfig, type NeuronModel } from '../../src/surrogate/dynamical/config.ts';
import { DynamicsKernel } from '../../src/surrogate/dynamical/kernel.ts';
import { lastLayerFn } from '../../src/surrogate/dynamical/op.ts';
import { SplitKernel } from '../../src/surrogate/dynamical/splitKernel.ts';
import { drawMasks, dynamicsArrays, initParams } from '../../src/surrogate/dynamical/params.ts';
import { createRng } from '../../src/random/rng.ts';

const B = 3;
const T = 6;

/** A tiny 2-layer network (width 4) with weights scaled up so every neuron is well driven, and biases set. */
function tiny(model: NeuronModel) {
  const cfg = paperConfig({ model, layers: 2, width: 4, classes: 3, substeps: 2, densityInter: 0.7, densityIntra: 0.7 });
  const masks = drawMasks(cfg, 5);
  const p = initParams(cfg, masks, 5);
  const rng = createRng(9);
  const dyn = dynamicsArrays(p).map((a) => Float32Array.from(a, (v) => 2 * v));
  for (const b of dyn.slice(2 * cfg.layers)) for (let i = 0; i < b.length; i++) b[i] = 0.2 * rng.normal();
  const u = Float32Array.from({ length: B * T }, () => rng.int(17));
  const w = Float64Array.from({ length: B * cfg.width }, () => rng.normal());
  return { cfg, masks, dyn, u, w };
}

for (const model of ['spintronic', 'ctrnn'] as const) {
  test(`${model}: float64 discrete adjoint equals central finite differences`, () => {
    const { cfg, masks, dyn, u, w } = tiny(model);
    const kernel = new DynamicsKernel(cfg, masks);
    const theta = new Float64Array(kernel.thetaSize);
    dyn.forEach((a, i) => theta.set(a, kernel.offsets[i]));
    const loss = (th: Float64Array) => kernel.forward(th, u, B, T).reduce((s, y, i) => s + y * w[i], 0);
    kernel.forward(theta, u, B, T, { tape: true });
    const g = kernel.backward(w);
    // the low-memory path (no stored stages: each input interval recomputed from its checkpoint) gives the same numbers
    const lean = new DynamicsKernel(cfg, masks, 0);
    lean.forward(theta, u, B, T, { tape: true });
    assert.equal(Array.from(lean.backward(w)), Array.from(g));
    // float64: central differences with eps 1e-5 have truncation ~eps^2 * L''' ~ 1e-10 and rounding ~1e-16/eps ~ 1e-11
    const scale = Math.max(...g.map(Math.abs));
    let checked = 0;
    for (let k = 0; k < theta.length; k++) {
      const e = 1e-5;
      const tp = theta.slice();
      const tm = theta.slice();
      tp[k] += e;
      tm[k] -= e;
      const fd = (loss(tp) - loss(tm)) / (2 * e);
      assert.ok(Math.abs(fd - g[k]) < 1e-7 * scale + 1e-9, `theta[${k}]: adjoint ${g[k]} vs fd ${fd}`);
      if (g[k] !== 0) checked++;
    }
    assert.ok(checked > 20, `only ${checked} nonzero gradient entries`);
  });

  test(`${model}: float32 tfjs autodiff equals finite differences of the float32 forward within float32 precision`, () => {
    const { cfg, masks, dyn, u, w } = tiny(model);
    const f = lastLayerFn('tfjs', cfg, masks);
    const wt = tf.tensor2d(Float32Array.from(w), [B, cfg.width]);
    const lossOf = (d: tf.Tensor[]) => tf.sum(tf.mul(f(d, u, B, T), wt));
    const vars = dyn.map((a) => tf.tensor1d(a));
    const grads = tf.grads((...d: tf.Tensor[]) => lossOf(d))(vars);
    const g = grads.map((t) => t.dataSync());
    const scale = Math.max(...g.map((a) => Math.max(...Array.from(a, Math.abs))));
    // float32 unit roundoff u = 6e-8; the loss (~1) is a sum of O(100) rounded ops, so each evaluation carries
    // an error ~1e-6; with eps = 1e-2 the difference quotient has rounding error ~2e-6/2e-2 = 1e-4 and truncation
    // ~eps^2 L''' / 6 ~ 1e-5 * |L'''|: tolerance 2e-3 of the largest gradient (+ 2e-4 absolute) covers both.
    const e = 1e-2;
    for (let a = 0; a < dyn.length; a++) {
      for (let k = 0; k < dyn[a].length; k += 3) {
        const shifted = (s: number) =>
          tf.tidy(() => {
            const d = vars.map((t, i) => (i === a ? tf.add(t, tf.oneHot(k, dyn[a].length).mul(s)) : t));
            return lossOf(d).dataSync()[0];
          });
        const fd = (shifted(e) - shifted(-e)) / (2 * e);
        assert.ok(Math.abs(fd - g[a][k]) < 2e-3 * scale + 2e-4, `tensor ${a}[${k}]: autodiff ${g[a][k]} vs fd ${fd}`);
      }
    }
    tf.dispose([...vars, ...grads, wt]);
  });

  test(`${model}: kernel gradient (tf.customGrad) equals tfjs autodiff`, () => {
    const { cfg, masks, dyn, u, w } = tiny(model);
    const wt = tf.tensor2d(Float32Array.from(w), [B, cfg.width]);
    const vars = dyn.map((a) => tf.tensor1d(a));
    const run = (engine: 'kernel' | 'tfjs') => {
      const f = lastLayerFn(engine, cfg, masks);
      const grads = tf.grads((...d: tf.Tensor[]) => tf.sum(tf.mul(f(d, u, B, T), wt)))(vars);
      const y = tf.tidy(() => f(vars, u, B, T));
      const out = { g: grads.map((t) => Array.from(t.dataSync())), y: Array.from(y.dataSync()) };
      tf.dispose([...grads, y]);
      return out;
    };
    const k = run('kernel');
    const r = run('tfjs');
    // same RK4 map: differences are float32 rounding of the tfjs path (~1e-6 relative)
    k.y.forEach((v, i) => assert.ok(Math.abs(v - r.y[i]) < 1e-5, `y[${i}] ${v} vs ${r.y[i]}`));
    const scale = Math.max(...r.g.flat().map(Math.abs));
    k.g.forEach((a, i) => a.forEach((v, j) => assert.ok(Math.abs(v - r.g[i][j]) < 1e-4 * scale, `grad ${i}[${j}] ${v} vs ${r.g[i][j]}`)));
    tf.dispose([...vars, wt]);
  });

  test(`${model}: a batch split over a worker thread gives one kernel's outputs exactly and its gradient up to rounding`, async () => {
    const { cfg, masks, dyn, u, w } = tiny(model);
    const kernel = new DynamicsKernel(cfg, masks);
    const split = new SplitKernel(cfg, masks);
    try {
      const theta = new Float64Array(kernel.thetaSize);
      dyn.forEach((a, i) => theta.set(a, kernel.offsets[i]));
      // B = 3 splits 1 / 2: examples do not interact, so the outputs are the same numbers
      const y = kernel.forward(theta, u, B, T, { tape: true });
      assert.equal(Array.from(split.forward(theta, u, B, T, { tape: true })), Array.from(y));
      const g = kernel.backward(w);
      const gs = split.backward(w);
      const scale = Math.max(...g.map(Math.abs));
      g.forEach((v, k) => assert.ok(Math.abs(v - gs[k]) < 1e-12 * scale, `theta[${k}]: ${gs[k]} vs ${v}`));
      assert.ok(scale > 0);
      // a second call on the same worker (its tape replaced) still agrees
      const u2 = u.map((v) => 16 - v);
      assert.equal(Array.from(split.forward(theta, u2, B, T)), Array.from(kernel.forward(theta, u2, B, T)));
    } finally {
      await split.close();
    }
  });
}

test.run();
