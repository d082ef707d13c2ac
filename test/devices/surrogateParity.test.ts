// Surrogate kernels against the device files: the tfjs neuron right-hand side and the classifier's clip render the same physics.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as tf from '@tensorflow/tfjs';
import { stnoPower } from '../../src/devices/stnoPower.ts';
import { stnoPhase, stnoPhaseFrequency } from '../../src/devices/stnoPhase.ts';
import { stnoPowerRhs } from '../../src/surrogate/dynamical/neurons.ts';
import { clipNaturalFrequencies } from '../../src/surrogate/kuramoto/op.ts';

test('stnoPowerRhs (tfjs, ns units) equals the stnoPower device equation (SI) to float32 precision', () => {
  const gammaPerNs = 1 / 14.12;
  const xs = [0.01, 0.2, 0.5, 0.8, 0.99];
  const drives = [0, 0.05, 0.1416, 0.5, 2];
  const x = tf.tensor1d(xs.flatMap((v) => drives.map(() => v)));
  const I = tf.tensor1d(xs.flatMap(() => drives));
  const rhs = stnoPowerRhs(x, I, gammaPerNs).dataSync();
  xs.flatMap((xv) => drives.map((Iv) => [xv, Iv])).forEach(([xv, Iv], k) => {
    const si = stnoPower.fn.powerRate({ gamma: gammaPerNs * 1e9, x: xv, I: Iv * 1e9 });
    assert.ok(Math.abs(rhs[k] * 1e9 - si) <= 1e-6 * Math.max(Math.abs(si), gammaPerNs * 1e9), `x=${xv}, I=${Iv}/ns: ${rhs[k] * 1e9} vs ${si}`);
  });
  tf.dispose([x, I]);
});

test("the classifier's hard clip and the device's smooth clamp differ by at most Fsoft*ln 2, and agree away from the edges", () => {
  const p = stnoPhase.defaults();
  const biases = Array.from({ length: 401 }, (_, i) => 0.5e-3 + i * 2.5e-5);
  const linearMHz = biases.map((I) => (p.F0 + p.kappa * I) / 1e6);
  const clipped = clipNaturalFrequencies(tf.tensor1d(linearMHz)).dataSync();
  biases.forEach((I, i) => {
    const device = stnoPhaseFrequency(p, I);
    const hard = clipped[i] * 1e6;
    const edge = Math.min(Math.abs(device - p.Fmin), Math.abs(device - p.Fmax));
    // float32 MHz resolution near 600 MHz is ~61 Hz
    assert.ok(Math.abs(device - hard) <= p.Fsoft * Math.LN2 + 100, `I=${I}: device ${device} vs clip ${hard}`);
    if (edge > 20 * p.Fsoft) assert.ok(Math.abs(device - hard) <= 100, `I=${I}: ${device - hard} Hz apart inside the range`);
  });
});

test.run();
