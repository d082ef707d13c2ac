// Generic tfjs rendering of the layered network (RK4, autodiff BPTT): the reference the fast kernel is held to.
import * as tf from '@tensorflow/tfjs';
import { gammaOf, omegaCutOf, stepOf, type DynamicalConfig } from './config.ts';
import { ctrnnRhs, highPassRhs, stnoPowerRhs } from './neurons.ts';
import type { DynamicalMasks } from './params.ts';

/**
 * Last-layer output y(T dt), shape B x width, from dynamics tensors in kernel order
 * [win (width x inputs), wext[0..L-2], wint[0..L-1] (width x width), b[0..L-1] (width)] and raw inputs u (B x T x inputs).
 * Same equations and the same RK4 discretisation as DynamicsKernel; gradients by tfjs autodiff.
 */
export function tfjsForward(cfg: DynamicalConfig, masks: DynamicalMasks, dyn: tf.Tensor[], u: tf.Tensor3D): tf.Tensor2D {
  const { layers: L, width: N, inputs: P, S } = cfg;
  const stno = cfg.model === 'spintronic';
  const gamma = gammaOf(cfg);
  const omega = omegaCutOf(cfg);
  const h = stepOf(cfg);
  const [B, T] = u.shape;
  const m2 = (m: Uint8Array, r: number, c: number) => tf.tensor2d(m, [r, c], 'float32');
  const win = tf.mul(dyn[0].reshape([N, P]), m2(masks.win, N, P)).transpose();
  const wext = masks.wext.map((m, l) => tf.mul(dyn[1 + l].reshape([N, N]), m2(m, N, N)).transpose());
  const wint = masks.wint.map((m, l) => tf.mul(dyn[L + l].reshape([N, N]), m2(m, N, N)).transpose());
  const bias = Array.from({ length: L }, (_, l) => dyn[2 * L + l].reshape([1, N]));
  const us = tf.mul(cfg.inputScale, u);

  type State = { x: tf.Tensor[]; z: tf.Tensor[] };
  const out = (s: State, l: number) => (stno ? tf.add(s.x[l], s.z[l]) : tf.tanh(s.x[l]));
  const rhs = (s: State, ut: tf.Tensor): State => {
    const y = s.x.map((_, l) => out(s, l));
    const dx: tf.Tensor[] = [];
    const dz: tf.Tensor[] = [];
    for (let l = 0; l < L; l++) {
      const src = l === 0 ? tf.matMul(ut, win) : tf.matMul(y[l - 1], wext[l - 1]);
      const pre = tf.add(tf.add(src, tf.matMul(y[l], wint[l])), bias[l]);
      const I = tf.add(tf.mul(S, pre), cfg.bFixedPerNs);
      dx.push(stno ? stnoPowerRhs(s.x[l], I, gamma) : ctrnnRhs(s.x[l], I, gamma));
      if (stno) dz.push(highPassRhs(s.z[l], s.x[l], omega));
    }
    return { x: dx, z: dz };
  };
  const axpy = (s: State, a: number, k: State): State => ({
    x: s.x.map((v, l) => tf.add(v, tf.mul(a, k.x[l]))),
    z: s.z.map((v, l) => tf.add(v, tf.mul(a, k.z[l]))),
  });
  let s: State = {
    x: Array.from({ length: L }, () => tf.fill([B, N], cfg.x0)),
    z: stno ? Array.from({ length: L }, () => tf.fill([B, N], -cfg.x0)) : [],
  };
  for (let t = 0; t < T; t++) {
    const ut = us.slice([0, t, 0], [B, 1, P]).reshape([B, P]);
    for (let j = 0; j < cfg.substeps; j++) {
      const k1 = rhs(s, ut);
      const k2 = rhs(axpy(s, h / 2, k1), ut);
      const k3 = rhs(axpy(s, h / 2, k2), ut);
      const k4 = rhs(axpy(s, h, k3), ut);
      const sum = (i: number, pick: (k: State) => tf.Tensor[]) =>
        tf.addN([pick(k1)[i], tf.mul(2, pick(k2)[i]), tf.mul(2, pick(k3)[i]), pick(k4)[i]]);
      s = {
        x: s.x.map((v, l) => tf.add(v, tf.mul(h / 6, sum(l, (k) => k.x)))),
        z: s.z.map((v, l) => tf.add(v, tf.mul(h / 6, sum(l, (k) => k.z)))),
      };
    }
  }
  return out(s, L - 1) as tf.Tensor2D;
}
