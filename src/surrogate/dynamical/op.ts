// The network as differentiable tfjs ops: the fast kernel behind tf.customGrad, or the generic autodiff path.
import * as tf from '@tensorflow/tfjs';
import { DynamicsKernel } from './kernel.ts';
import type { DynamicalConfig } from './config.ts';
import type { DynamicalMasks } from './params.ts';
import { tfjsForward } from './tfjsNetwork.ts';

/** 'kernel': float64 hand-written RK4 + discrete adjoint (fast); 'tfjs': the same RK4 in tfjs ops with autodiff (reference). */
export type Engine = 'kernel' | 'tfjs';

/** What the kernel engine needs of a kernel: DynamicsKernel, or SplitKernel (half of each batch in a worker thread). */
export interface BatchKernel {
  readonly thetaSize: number;
  readonly offsets: readonly number[];
  forward(theta: Float64Array, u: Float32Array, B: number, T: number, opts?: { tape?: boolean }): Float64Array;
  backward(dOut: Float64Array): Float64Array;
}

/** Differentiable map (dynamics tensors, batch of raw inputs B x T x inputs) -> last-layer output y(T dt), B x width. */
export type LastLayerFn = (dyn: tf.Tensor[], u: Float32Array, B: number, T: number) => tf.Tensor2D;

/** Pack tensors (kernel order) into one float64 theta. */
function packTheta(kernel: BatchKernel, dyn: tf.Tensor[]): Float64Array {
  const theta = new Float64Array(kernel.thetaSize);
  dyn.forEach((t, i) => theta.set(t.dataSync(), kernel.offsets[i]));
  return theta;
}

/**
 * The last-layer map for an engine; with 'kernel', gradients come from the kernel's backward() via tf.customGrad
 * (`kernel`: default one DynamicsKernel in this thread).
 */
export function lastLayerFn(engine: Engine, cfg: DynamicalConfig, masks: DynamicalMasks, batchKernel?: BatchKernel): LastLayerFn {
  if (engine === 'tfjs') {
    return (dyn, u, B, T) => tfjsForward(cfg, masks, dyn, tf.tensor3d(u, [B, T, cfg.inputs]));
  }
  const kernel = batchKernel ?? new DynamicsKernel(cfg, masks);
  return (dyn, u, B, T) => {
    const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const inputs = args.slice(0, dyn.length) as tf.Tensor[];
      const out = kernel.forward(packTheta(kernel, inputs), u, B, T, { tape: true });
      return {
        value: tf.tensor2d(Float32Array.from(out), [B, cfg.width]),
        gradFunc: (dy: tf.Tensor) => {
          const g = kernel.backward(Float64Array.from(dy.dataSync()));
          return inputs.map((t, i) => tf.tensor(Float32Array.from(g.subarray(kernel.offsets[i], kernel.offsets[i] + t.size)), t.shape));
        },
      };
    });
    return op(...dyn) as tf.Tensor2D;
  };
}

/** Forward-only last-layer outputs (float64, batch-major B x width) without tfjs for the kernel engine. */
export function lastLayerValues(engine: Engine, cfg: DynamicalConfig, masks: DynamicalMasks): (dyn: Float32Array[], u: Float32Array, B: number, T: number) => Float64Array {
  if (engine === 'tfjs') {
    const f = lastLayerFn('tfjs', cfg, masks);
    return (dyn, u, B, T) => {
      const y = tf.tidy(() => f(dyn.map((a) => tf.tensor1d(a)), u, B, T));
      const out = Float64Array.from(y.dataSync());
      y.dispose();
      return out;
    };
  }
  const kernel = new DynamicsKernel(cfg, masks);
  return (dyn, u, B, T) => {
    const theta = new Float64Array(kernel.thetaSize);
    dyn.forEach((a, i) => theta.set(a, kernel.offsets[i]));
    return kernel.forward(theta, u, B, T);
  };
}
