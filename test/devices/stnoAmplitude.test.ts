// stnoAmplitude through ngspice: logistic power relaxation to p0, frequency shift N*(p - p0), Adler locking at N = 0, Sakaguchi locking range at N != 0.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { resolveDescription } from '../../src/spec/resolve.ts';
import { runDescription } from '../../src/sim/runDescription.ts';
import { interpolate } from '../../src/sim/result.ts';
import { powerTrace, unwrappedPhase } from '../../src/analysis/amplitude.ts';
import { beatFrequency, meanFrequency } from '../../src/analysis/phase.ts';
import { oscillatorPair } from '../../src/architectures/oscillatorPair.ts';
import { amplitudeNets, toAmplitudeCircuit, type AmplitudeOptions } from '../../src/architectures/amplitudeCircuit.ts';
import { nonlinearShiftFor, pairLockingRange, powerRelaxationRate, stationaryPower, stnoAmplitude } from '../../src/devices/stnoAmplitude.ts';
import { stnoPhaseBiasFor, stnoPhaseFrequency } from '../../src/devices/stnoPhase.ts';

const defaults = stnoAmplitude.defaults();
const fref = defaults.fref;
const k = 1e7;

/** Uncoupled oscillators (k = 0) started at power p(0) = 0.01, each with its own bias frequency and parameters. */
async function isolated(oscillators: { F: number; params: Record<string, number> }[], stop: number) {
  const d = resolveDescription({
    name: 'isolated complex-amplitude oscillators',
    instances: [
      ...oscillators.map((o, i) => ({
        name: `osc${i}`,
        kind: 'stnoAmplitude',
        nets: { bias: `b${i}`, re: `x${i}`, im: `y${i}`, busRe: 'R', busIm: 'I' },
        params: { ...o.params, k: 0 },
        initial: { re: 0.1, im: 0 },
      })),
      { name: 'line', kind: 'amplitudeBus', nets: { re: 'R', im: 'I' } },
    ],
    sources: oscillators.map((o, i) => ({ name: `bias${i}`, type: 'I' as const, nets: { p: '0', n: `b${i}` }, dc: stnoPhaseBiasFor(defaults, o.F) })),
    analyses: [{ type: 'tran', step: 1e-11, stop, tmax: 1e-11 }],
    options: { reltol: 1e-7 },
  });
  const r = await runDescription(d);
  return oscillators.map((_, i) => {
    const re = r.variables[`v(x${i})`];
    const im = r.variables[`v(y${i})`];
    return { time: r.variables.time, p: powerTrace(re, im), phase: unwrappedPhase(re, im) };
  });
}

test('power relaxes logistically to p0 = (zeta - 1)/(zeta + Q), small deviations as exp(-2*Gamma_p*t), for any bias', async () => {
  const cases = [
    { F: 5.2e8, params: { ...defaults, zeta: 2, Q: 2 } },
    { F: 6.6e8, params: { ...defaults, zeta: 3, Q: 0.5, gammaG: 5e8 } },
  ];
  const runs = await isolated(cases, 8e-9);
  cases.forEach(({ params }, i) => {
    const { time, p } = runs[i];
    const p0 = stationaryPower(params);
    const rate = powerRelaxationRate(params);
    // dp/dt = 2*Gamma_p*p*(1 - p/p0) from p(0) = 0.01
    const exact = (t: number) => p0 / (1 + (p0 / 0.01 - 1) * Math.exp(-2 * rate * t));
    for (const t of [0.5e-9, 1e-9, 2e-9, 4e-9]) {
      const got = interpolate(time, p, t);
      assert.ok(Math.abs(got - exact(t)) < 1e-4 * p0, `case ${i}, t = ${t}: p = ${got} vs logistic ${exact(t)}`);
    }
    const end = time[time.length - 1];
    assert.ok(Math.abs(p[p.length - 1] - exact(end)) < 1e-6 * p0, `case ${i}: p(${end}) = ${p[p.length - 1]} vs logistic ${exact(end)}`);
    // linear regime: from 9 to 12 relaxation times 1/(2*Gamma_p) the deviation is below 3e-3*p0, so its log-slope is
    // -2*Gamma_p to within that (the logistic's nonlinear correction)
    const [t1, t2] = [9 / (2 * rate), 12 / (2 * rate)];
    const slope = Math.log((p0 - interpolate(time, p, t2)) / (p0 - interpolate(time, p, t1))) / (t2 - t1);
    assert.ok(Math.abs(slope / (-2 * rate) - 1) < 0.01, `case ${i}: decay rate ${-slope} vs 2*Gamma_p = ${2 * rate}`);
  });
});

test('frequency: F0 + kappa*I_bias at p0 (as stnoPhase), shifted by N*(p - p0)/(2*pi) while the power relaxes', async () => {
  const params = { ...defaults, N: 2e9 };
  const F = 6.2e8;
  const [{ time, p, phase }] = await isolated([{ F, params }], 2e-8);
  const p0 = stationaryPower(params);
  const settled = meanFrequency(time, phase, 1.5e-8, 2e-8, fref);
  assert.ok(Math.abs(settled - stnoPhaseFrequency(defaults, stnoPhaseBiasFor(defaults, F))) < 1e3, `free-running frequency ${settled} Hz vs ${F} Hz`);
  // instantaneous frequency over 20 ps around t versus the power there; the shift spans N*(0.01 - p0)/(2*pi) = -76 MHz
  for (const t of [0.3e-9, 0.6e-9, 1e-9, 1.5e-9]) {
    const f = meanFrequency(time, phase, t - 1e-11, t + 1e-11, fref);
    const expected = F + (params.N * (interpolate(time, p, t) - p0)) / (2 * Math.PI);
    assert.ok(Math.abs(f - expected) < 1e5, `t = ${t}: frequency ${f} Hz vs F + N*(p - p0)/(2 pi) = ${expected} Hz`);
  }
});

/** Two converted stnoPhase oscillators detuned by dF around fref: difference of mean frequencies, and the beat when unlocked. */
async function pair(dF: number, options: AmplitudeOptions) {
  const d = toAmplitudeCircuit(oscillatorPair(fref - dF / 2, fref + dF / 2, { k }), options);
  const r = await runDescription(resolveDescription(d));
  const time = r.variables.time;
  const phase = (net: string) => unwrappedPhase(r.variables[`v(${amplitudeNets(net).re})`], r.variables[`v(${amplitudeNets(net).im})`]);
  const [p1, p2] = [phase('p1'), phase('p2')];
  const df = meanFrequency(time, p2, 5e-7, 1e-6, fref) - meanFrequency(time, p1, 5e-7, 1e-6, fref);
  return { df, beat: () => beatFrequency(time, p2.map((v, i) => v - p1[i]), 2e-7) };
}

test('N = 0: two oscillators lock iff |dF| <= 2k and beat at the Adler frequency sqrt(dF^2 - (2k)^2) within 0.5 %', async () => {
  for (const ratio of [0.5, 0.95]) {
    const { df } = await pair(ratio * 2 * k, {});
    assert.ok(Math.abs(df) < 1e3, `dF = ${ratio}*2k should lock, mean frequencies differ by ${df} Hz`);
  }
  for (const ratio of [1.05, 1.5, 3]) {
    const dF = ratio * 2 * k;
    const beat = (await pair(dF, {})).beat();
    const adler = Math.sqrt(dF * dF - 4 * k * k);
    assert.ok(Math.abs(beat / adler - 1) < 0.005, `dF = ${ratio}*2k: beat ${beat} Hz vs Adler ${adler} Hz`);
  }
});

test('N != 0: locking range 2k*sqrt(1 + nu^2)*|cos(atan(nu) - beta)| (nu = 2), Adler beat beyond it within 0.1 %', async () => {
  // Gamma_p = 1e10/s: the amplitude follows the phase adiabatically (corrections ~ (beat/Gamma_p)^2), as the reduction assumes
  const base = { ...defaults, gammaG: 1e10 };
  const nu = 2;
  const N = nonlinearShiftFor(nu, base);
  for (const beta of [0, Math.atan(nu), Math.PI / 4]) {
    const options = { gammaG: base.gammaG, N, beta };
    const range = pairLockingRange({ ...base, ...options });
    const { df } = await pair(0.95 * range, options);
    assert.ok(Math.abs(df) < 1e3, `beta = ${beta}: dF = 0.95 * ${range} Hz should lock, mean frequencies differ by ${df} Hz`);
    for (const ratio of beta === 0 ? [1.5] : [1.05, 1.5]) {
      const dF = ratio * range;
      const beat = (await pair(dF, options)).beat();
      const adler = Math.sqrt(dF * dF - range * range);
      assert.ok(Math.abs(beat / adler - 1) < 0.001, `beta = ${beta}, dF = ${ratio} * range: beat ${beat} Hz vs ${adler} Hz`);
    }
  }
  assert.ok(Math.abs(pairLockingRange({ ...base, N, beta: Math.atan(nu) }) / (2 * k * Math.sqrt(1 + nu * nu)) - 1) < 1e-12, 'compensated coupling phase: range grows by sqrt(1 + nu^2)');
  assert.ok(Math.abs(pairLockingRange({ ...base, N, beta: 0 }) / (2 * k) - 1) < 1e-12, 'in-phase coupling: range stays 2k');
});

test.run();
