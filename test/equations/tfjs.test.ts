// The tfjs rendering of every registered device equation equals its float64 JS rendering; ternaries differentiate cleanly.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as tf from '@tensorflow/tfjs';
import { DEVICES } from '../../src/devices/registry.ts';
import { equation, toJs } from '../../src/equations/expression.ts';
import { toTfjs } from '../../src/equations/tfjs.ts';
import { createRng } from '../../src/random/rng.ts';

test('toTfjs equals toJs for every device equation on 200 random scopes (float32 precision)', () => {
  const rng = createRng(3);
  for (const device of Object.values(DEVICES)) {
    for (const [name, eq] of Object.entries(device.parsed)) {
      const scopes = Array.from({ length: 200 }, () => Object.fromEntries(eq.symbols.map((s) => [s, 0.2 + 2.8 * rng.uniform()])));
      const js = scopes.map((s) => toJs(eq)(s));
      const tensors = Object.fromEntries(eq.symbols.map((s) => [s, tf.tensor1d(scopes.map((x) => x[s]))]));
      const out = tf.tidy(() => tf.broadcastTo(toTfjs(eq)(tensors), [scopes.length]).dataSync());
      tf.dispose(Object.values(tensors));
      js.forEach((v, i) => assert.ok(Math.abs(out[i] - v) <= 1e-5 * Math.max(1, Math.abs(v)), `${device.kind}.${name} at ${JSON.stringify(scopes[i])}: ${out[i]} vs ${v}`));
    }
  }
});

test('a ternary takes its gradient from the selected branch only (comparisons carry zero gradient)', () => {
  const f = toTfjs(equation('x > 1 ? x^2 : 3 * x'));
  const x = tf.tensor1d([0.5, 2]);
  const g = tf.grad((t: tf.Tensor) => tf.sum(f({ x: t })))(x).dataSync();
  assert.equal([...g], [3, 4]);
  tf.dispose(x);
});

test('numbers and tensors broadcast together; unbound symbols are named', () => {
  const f = toTfjs(equation('a * b + 1'));
  const v = tf.tidy(() => f({ a: 2, b: tf.tensor2d([[1, 2], [3, 4]]) }).dataSync());
  assert.equal([...v], [3, 5, 7, 9]);
  assert.throws(() => f({ a: 1 }), /symbol b is not bound/);
});

test.run();
