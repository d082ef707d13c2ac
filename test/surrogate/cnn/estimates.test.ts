// Paper 002 section 1.5 recomputed from the MNIST architecture (0.67 W, 100 ns relaxation, latency under 1 us, conv 1 areas) and from a model.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cnnShapes, DIGITS_ARCH, layerInputs, MNIST_ARCH } from '../../../src/surrogate/cnn/arch.ts';
import { hardwareEstimates, modelEstimates, PAPER_ASSUMPTIONS } from '../../../src/surrogate/cnn/estimates.ts';
import { initSpintronic } from '../../../src/surrogate/cnn/model.ts';
import { PAPER_PHYSICS } from '../../../src/surrogate/cnn/physics.ts';
import { frequencyPlan } from '../../../src/surrogate/cnn/frequencyPlan.ts';

test('MNIST network: ~0.67 W at 0.1 uW per device, 1/(alpha f_min) = 100 ns, under 1 us, ~12x less power than the TK1', () => {
  const e = hardwareEstimates(MNIST_ARCH, frequencyPlan(layerInputs(cnnShapes(MNIST_ARCH))));
  assert.is(Math.round(e.powerW * 100) / 100, 0.68);
  assert.ok(Math.abs(e.relaxationS - 100e-9) < 1e-15);
  assert.ok(e.latencyS < 1e-6);
  assert.is(Math.round(e.gpuPowerRatio), 12);
});

test('first convolution: unfolded crossbar 2.7e-2 mm^2 vs compact arrangement 8.6e-4 mm^2 (40 x 40 nm^2 cells)', () => {
  const e = hardwareEstimates(MNIST_ARCH, frequencyPlan(layerInputs(cnnShapes(MNIST_ARCH))));
  assert.is(Number((e.convAreas[0].crossbarM2 * 1e6).toPrecision(2)), 2.7e-2);
  assert.is(Number((e.convAreas[0].compactM2 * 1e6).toPrecision(2)), 8.7e-4);
});

test('estimates of a model follow its architecture and damping: power = devices x 0.1 uW, relaxation 1/(alpha f_min) of its plan', () => {
  const mnist = initSpintronic(MNIST_ARCH, 1);
  assert.equal(modelEstimates(mnist), hardwareEstimates(MNIST_ARCH, mnist.plan));
  const digits = initSpintronic(DIGITS_ARCH, 1);
  const e = modelEstimates(digits);
  assert.ok(Math.abs(e.powerW - (e.neurons + e.synapses) * PAPER_ASSUMPTIONS.powerPerDeviceW) < 1e-15);
  assert.ok(e.synapses < modelEstimates(mnist).synapses);
  const fMin = Math.min(...digits.plan.layers.map((l) => l.fFirstHz));
  const damped = modelEstimates({ ...digits, physics: { ...PAPER_PHYSICS, alpha: 2 * PAPER_PHYSICS.alpha } });
  assert.ok(Math.abs(damped.relaxationS - 1 / (2 * PAPER_PHYSICS.alpha * fMin)) < 1e-18);
  assert.ok(Math.abs(damped.latencyS - e.latencyS / 2) < 1e-18);
});

test.run();
