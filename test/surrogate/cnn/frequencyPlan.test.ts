// Paper 002 eq. 3: channel allocation without crosstalk, and the layer shapes and device counts of the MNIST network.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cnnShapes, deviceCounts, MNIST_ARCH } from '../../../src/surrogate/cnn/arch.ts';
import { channelFrequency, channelsInBand, frequencyPlan, layerFrequencies } from '../../../src/surrogate/cnn/frequencyPlan.ts';

test('f[k+1] = f[k] (1 + d)/(1 - d), d = 1/6400: neighbours one linewidth apart, f[k+1](1 - d) = f[k](1 + d)', () => {
  const plan = frequencyPlan([5408]);
  const f = layerFrequencies(plan, 0);
  const d = 1 / 6400;
  assert.is(f[0], 1e9);
  for (let k = 0; k + 1 < f.length; k++) assert.ok(Math.abs(f[k + 1] * (1 - d) - f[k] * (1 + d)) <= 1e-12 * f[k], `k = ${k}`);
  assert.is(channelFrequency(plan, 0, 5407), f[5407]);
});

test('5408 oscillators (the second convolution\'s inputs) fit between 1 GHz and 5.4 GHz (paper 002; last channel 5.42 GHz)', () => {
  const f = layerFrequencies(frequencyPlan([5408]), 0);
  assert.is(Math.round(f[5407] / 1e8) / 10, 5.4);
  assert.ok(channelsInBand(f[5407]) === 5408 && channelsInBand(f[5407] * 0.9999) === 5407);
});

test('MNIST network: 26 -> 13 -> 11 -> 5, FC 1600 x 10; 7792 neurons and 6.752 million synapses as the paper counts them', () => {
  const s = cnnShapes(MNIST_ARCH);
  assert.equal(s.convs.map((c) => [c.outH, c.poolH]), [[26, 13], [11, 5]]);
  assert.is(s.fcInputs, 1600);
  const counts = deviceCounts(MNIST_ARCH);
  assert.is(counts.neurons, 784 + 5408 + 1600);
  assert.is(counts.synapses, 26 * 26 * 32 * 25 + 11 * 11 * 64 * 800 + 16000);
  assert.is(counts.resonatorsWithInput, 128 * 128 * 32 + 53 * 53 * 64 * 32 + 16000);
});

test.run();
