// Resonator-chain convolutions: values and custom gradients against tfjs's own conv2d autodiff; per-resonator chains.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as tf from '@tensorflow/tfjs';
import { conv2dChains, localChains } from '../../../src/surrogate/cnn/conv.ts';

const maxAbsDiff = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
const maxAbs = (a: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(a)).dataSync()[0]);

for (const pad of [0, 1, 2]) {
  test(`pad ${pad}: conv2dChains and its forward-convolution gradients equal tf.conv2d with autodiff`, () => {
    tf.tidy(() => {
      const x = tf.randomNormal([3, 7, 6, 4], 0, 1, 'float32', 1) as tf.Tensor4D;
      const w = tf.randomNormal([3, 3, 4, 5], 0, 1, 'float32', 2) as tf.Tensor4D;
      const ref = tf.conv2d(x, w, 1, [[0, 0], [pad, pad], [pad, pad], [0, 0]]);
      const dy = tf.randomNormal(ref.shape, 0, 1, 'float32', 3);
      const ours = conv2dChains(x, w, pad);
      assert.ok(maxAbsDiff(ours, ref) <= 1e-5 * maxAbs(ref));
      const [gx1, gw1] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(conv2dChains(a as tf.Tensor4D, b as tf.Tensor4D, pad), dy)))([x, w]);
      const [gx2, gw2] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 1, [[0, 0], [pad, pad], [pad, pad], [0, 0]]), dy)))([x, w]);
      assert.ok(maxAbsDiff(gx1, gx2) <= 1e-5 * maxAbs(gx2), 'input gradient');
      assert.ok(maxAbsDiff(gw1, gw2) <= 1e-5 * maxAbs(gw2), 'filter gradient');
      const [gxNone] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(conv2dChains(a as tf.Tensor4D, b as tf.Tensor4D, pad, false), dy)))([x, w]);
      assert.is(maxAbs(gxNone), 0, 'inputGradient false returns zeros');
    });
  });
}

test('localChains with the same filter at every pixel equals the shared convolution; its filter gradient sums to the shared one', () => {
  tf.tidy(() => {
    const x = tf.randomNormal([2, 6, 5, 3], 0, 1, 'float32', 4) as tf.Tensor4D;
    const w = tf.randomNormal([3, 3, 3, 4], 0, 1, 'float32', 5) as tf.Tensor4D;
    const shared = conv2dChains(x, w, 1);
    const pixels = shared.shape[1] * shared.shape[2];
    const wLocal = tf.tile(tf.reshape(w, [1, 27, 4]), [pixels, 1, 1]) as tf.Tensor3D;
    assert.ok(maxAbsDiff(localChains(x, wLocal, 3, 1), shared) <= 1e-5 * maxAbs(shared));
    const dy = tf.randomNormal(shared.shape, 0, 1, 'float32', 6);
    const [gx1, gw1] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(localChains(a as tf.Tensor4D, b as tf.Tensor3D, 3, 1), dy)))([x, wLocal]);
    const [gx2, gw2] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(conv2dChains(a as tf.Tensor4D, b as tf.Tensor4D, 1), dy)))([x, w]);
    assert.ok(maxAbsDiff(gx1, gx2) <= 1e-5 * maxAbs(gx2));
    assert.ok(maxAbsDiff(tf.reshape(tf.sum(gw1, 0), w.shape), gw2) <= 1e-5 * maxAbs(gw2));
  });
});

test.run();
