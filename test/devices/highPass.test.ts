// highPass through ngspice: -3 dB at f_cut (AC analysis) and the step-response time constant 1/(2 pi f_cut).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { resolveDescription } from '../../src/spec/resolve.ts';
import { runDescription } from '../../src/sim/runDescription.ts';

const fcut = 1e6;
const filter = (source: object, analysis: object) =>
  resolveDescription({
    name: 'RC high-pass',
    instances: [{ name: 'hp', kind: 'highPass', nets: { in: 'in', out: 'out' }, params: { fcut: '1 MHz', R: '10 kohm' } }],
    sources: [{ name: 'src', type: 'V', nets: { p: 'in', n: '0' }, ...source }],
    analyses: [analysis],
  });

test('-3 dB point of the AC response lies at f_cut within 1 %', async () => {
  const r = await runDescription(filter({ dc: 0, ac: 1 }, { type: 'ac', pointsPerDecade: 200, fstart: '10 kHz', fstop: '100 MHz' }));
  const f = r.variables.frequency;
  const re = r.variables['v(out)'];
  const im = r.imaginary!['v(out)'];
  const gain = Array.from(re, (x, i) => Math.hypot(x, im[i]));
  const target = Math.SQRT1_2;
  const i = gain.findIndex((g) => g >= target);
  const logF = Math.log(f[i - 1]) + ((target - gain[i - 1]) / (gain[i] - gain[i - 1])) * (Math.log(f[i]) - Math.log(f[i - 1]));
  const corner = Math.exp(logF);
  assert.ok(Math.abs(corner / fcut - 1) < 0.01, `-3 dB at ${corner} Hz`);
});

test('step response decays with time constant 1/(2 pi f_cut) within 1 %', async () => {
  const tau = 1 / (2 * Math.PI * fcut);
  const r = await runDescription(
    filter({ dc: 0, waveform: { shape: 'pulse', v1: 0, v2: 1, delay: 0, rise: '1 ps', fall: '1 ps', width: '1 s' } }, { type: 'tran', step: tau / 200, stop: 5 * tau, tmax: tau / 200 }),
  );
  const t = r.variables.time;
  const v = r.variables['v(out)'];
  const i = v.findIndex((x, k) => k > 0 && t[k] > 1e-11 && x <= Math.exp(-1));
  const crossing = t[i - 1] + ((Math.exp(-1) - v[i - 1]) / (v[i] - v[i - 1])) * (t[i] - t[i - 1]);
  assert.ok(Math.abs(crossing / tau - 1) < 0.01, `1/e at ${crossing} s vs tau ${tau} s`);
});

test.run();
