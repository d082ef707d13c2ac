// stnoPower through ngspice: logistic step response for constant drive and the fixed point 1 - gamma/I.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { resolveDescription } from '../../src/spec/resolve.ts';
import { runDescription } from '../../src/sim/runDescription.ts';
import { interpolate } from '../../src/sim/result.ts';
import { stnoPower } from '../../src/devices/stnoPower.ts';

const gamma = stnoPower.params.gamma.default;
const sigma = stnoPower.params.sigma.default;

function neuron(drive: number, x0: number, stop: number) {
  return resolveDescription({
    name: 'one stnoPower neuron, constant drive',
    instances: [{ name: 'n1', kind: 'stnoPower', nets: { drive: 'u', x: 'x' }, initial: { x: x0 } }],
    sources: [{ name: 'drive', type: 'V', nets: { p: 'u', n: '0' }, dc: drive / sigma }],
    analyses: [{ type: 'tran', step: stop / 1000, stop, tmax: stop / 1000 }],
    options: { reltol: 1e-6 },
  });
}

/** Closed-form logistic solution of dx/dt = -gamma x + I x (1 - x) (written here independently of the device file). */
const logistic = (I: number, x0: number, t: number) => {
  const r = I - gamma;
  const xs = r / I;
  return xs / (1 + (xs / x0 - 1) * Math.exp(-r * t));
};

test('step response equals the closed-form logistic solution within 1e-3', async () => {
  for (const [I, x0] of [[2 * gamma, 0.1], [4 * gamma, 0.9], [1.5 * gamma, 0.02]]) {
    const stop = 10 / (I - gamma);
    const r = await runDescription(neuron(I, x0, stop));
    const time = r.variables.time;
    const x = r.variables['v(x)'];
    let worst = 0;
    for (let k = 0; k <= 200; k++) {
      const t = (k / 200) * stop;
      worst = Math.max(worst, Math.abs(interpolate(time, x, t) - logistic(I, x0, t)));
    }
    assert.ok(worst < 1e-3, `I = ${I / gamma} gamma, x0 = ${x0}: max |x - logistic| = ${worst}`);
  }
});

test('settles at the fixed point 1 - gamma/I; decays to 0 for I < gamma', async () => {
  for (const I of [2 * gamma, 5 * gamma]) {
    const r = await runDescription(neuron(I, 0.3, 30 / (I - gamma)));
    const x = r.variables['v(x)'];
    assert.ok(Math.abs(x[x.length - 1] - (1 - gamma / I)) < 1e-3, `I = ${I / gamma} gamma: x = ${x[x.length - 1]}`);
  }
  const r = await runDescription(neuron(0.5 * gamma, 0.3, 30 / gamma));
  const x = r.variables['v(x)'];
  assert.ok(x[x.length - 1] < 1e-3, `below threshold x must vanish, got ${x[x.length - 1]}`);
});

test.run();
