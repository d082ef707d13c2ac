// Resonator-chain convolutions in tfjs: shared weights (conv2d with a gradient built from forward convolutions) and per-resonator weights.
import * as tf from '@tensorflow/tfjs';

/**
 * Zero-padded, stride-1 convolution y[b,h,w,m] = sum_{i,j,c} x[b,h+i-pad,w+j-pad,c] * w[i,j,c,m], with a custom gradient made of
 * forward convolutions only: the wasm backend has no Conv2DBackpropFilter, and its Conv2DBackpropInput is ~6x slower than a
 * forward convolution. dx = conv(dy padded by k-1-pad, w flipped and transposed); dw = conv(x^T, dy^T) with the batch as channels.
 * `inputGradient: false` skips dx (the network's input needs none).
 */
export function conv2dChains(x: tf.Tensor4D, w: tf.Tensor4D, pad: number, inputGradient = true): tf.Tensor4D {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xIn, wIn, save] = args as [tf.Tensor4D, tf.Tensor4D, tf.GradSaveFunc];
    const xp = pad ? tf.pad(xIn, [[0, 0], [pad, pad], [pad, pad], [0, 0]]) : xIn;
    save([xp, wIn]);
    return {
      value: tf.conv2d(xp, wIn, 1, 'valid'),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, ws] = saved as [tf.Tensor4D, tf.Tensor4D];
        const B = xs.shape[0];
        const k = ws.shape[0];
        const dw = tf.tidy(() =>
          tf.transpose(tf.conv2d(tf.transpose(xs, [3, 1, 2, 0]) as tf.Tensor4D, tf.transpose(dy, [1, 2, 0, 3]) as tf.Tensor4D, 1, 'valid'), [1, 2, 0, 3]),
        );
        if (!inputGradient) return [tf.zerosLike(xIn), dw];
        // dx of the unpadded input directly: dy padded by k - 1 - pad (cropped when pad > k - 1), flipped and transposed filter
        const dx = tf.tidy(() => {
          const grow = k - 1 - pad;
          const dyp = grow >= 0 ? tf.pad(dy as tf.Tensor4D, [[0, 0], [grow, grow], [grow, grow], [0, 0]]) : tf.slice(dy as tf.Tensor4D, [0, -grow, -grow, 0], [B, dy.shape[1]! + 2 * grow, dy.shape[2]! + 2 * grow, dy.shape[3]!]);
          const wFlip = tf.transpose(tf.reverse(ws, [0, 1]), [0, 1, 3, 2]) as tf.Tensor4D;
          return tf.conv2d(dyp, wFlip, 1, 'valid');
        });
        return [dx, dw];
      },
    };
  });
  return op(x, w) as tf.Tensor4D;
}

/**
 * Patches of a zero-padded input for every output pixel: (B, outH*outW, k*k*C), patch element (i*k + j)*C + c, the order of a
 * flattened (k, k, C) filter. Built from slices and one concat so its gradient needs no scatter kernel.
 */
export function patches(x: tf.Tensor4D, k: number, pad: number): tf.Tensor3D {
  const xp = pad ? tf.pad(x, [[0, 0], [pad, pad], [pad, pad], [0, 0]]) : x;
  const [B, Hp, Wp, C] = xp.shape;
  const outH = Hp - k + 1;
  const outW = Wp - k + 1;
  const slices: tf.Tensor4D[] = [];
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) slices.push(tf.slice(xp, [0, i, j, 0], [B, outH, outW, C]));
  return tf.reshape(tf.concat(slices, 3), [B, outH * outW, k * k * C]);
}

/**
 * Chains whose resonators all differ (device variability): y[b,p,m] = sum_q patch[b,p,q] * w[p,q,m] for every output pixel p,
 * as one batched matrix product over pixels. `w` is (outH*outW, k*k*C, M); returns (B, outH, outW, M).
 */
export function localChains(x: tf.Tensor4D, w: tf.Tensor3D, k: number, pad: number): tf.Tensor4D {
  const [B, H, W] = x.shape;
  const outH = H + 2 * pad - k + 1;
  const outW = W + 2 * pad - k + 1;
  const M = w.shape[2];
  const byPixel = tf.transpose(patches(x, k, pad), [1, 0, 2]) as tf.Tensor3D;
  const y = tf.matMul(byPixel, w);
  return tf.reshape(tf.transpose(y, [1, 0, 2]), [B, outH, outW, M]);
}
