// STNO as a dynamical neuron (paper 001, PHYSICS.md section 2): normalized oscillation power with logistic dynamics.
import { defineDevice } from './device.ts';

/**
 * stnoPower — Slavin auto-oscillator power x in (0, 1) with Q = 0, sigma = 1 (paper 001 eq. 2):
 *   dx/dt = -gamma*x + I(t)*x*(1 - x),   gamma = 1/tau,   I(t) = sigma*v(drive)  (s^-1)
 * For constant drive I > gamma: logistic approach to the fixed point x* = 1 - gamma/I.
 */
export const stnoPower = defineDevice({
  kind: 'stnoPower',
  summary: 'STNO power neuron dx/dt = -gamma*x + I*x*(1-x) driven by a voltage-coded rate',
  doc: 'Plouet et al. (paper 001) eq. 2; drive node in units of 1/sigma (default 1 V = 1e9 s^-1)',
  ports: {
    drive: { role: 'in', doc: 'drive I(t) as a voltage: I = sigma*v(drive) (s^-1)' },
    x: { role: 'out', doc: 'normalized oscillation power x (V = dimensionless), state node' },
  },
  params: {
    gamma: { unit: '1/s', default: 1 / 14.12e-9, min: 1, max: 1e12, doc: 'relaxation rate gamma = alpha*omega = 1/tau (paper 001: tau = 14.12 ns)', spread: { kind: 'relative', sigma: 0.05, doc: 'damping/frequency spread (assumed 5 %)' } },
    sigma: { unit: '1/(V s)', default: 1e9, min: 1, max: 1e15, doc: 'drive conversion: I = sigma*v(drive)' },
  },
  equations: {
    powerRate: '-gamma * x + I * x * (1 - x)',
  },
  states: { x: { port: 'x', unit: '', doc: 'normalized power', initial: 0.5 } },
  dcPaths: [['x', 'gnd']],
  subcircuit(render) {
    return [`Bx 0 x I=${render('powerRate', { x: 'v(x)', I: '(sigma*v(drive))' })}`, 'Cx x 0 1', 'Rleak x 0 1e15'];
  },
});
