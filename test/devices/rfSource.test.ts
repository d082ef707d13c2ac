// rfSource through ngspice: injection locking of one stnoPhase (|F - f| <= k_in) and the Adler beat outside the lock.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { resolveDescription } from '../../src/spec/resolve.ts';
import { runDescription } from '../../src/sim/runDescription.ts';
import { stnoPhase, stnoPhaseBiasFor } from '../../src/devices/stnoPhase.ts';
import { injectionStrength, powerForInjection, rfSource } from '../../src/devices/rfSource.ts';
import { beatFrequency, meanFrequency } from '../../src/analysis/phase.ts';
import { forcedNetwork } from '../../src/architectures/forcedNetwork.ts';

const k = 1e7;
const Posc = rfSource.params.Posc.default;
const P = 4 * Posc;
const kIn = injectionStrength(k, P, Posc);
const p = stnoPhase.defaults();
const fref = p.fref;
const fSource = 5.7e8;

/** One oscillator at F = fSource + ratio * k_in, driven by one source; phases of oscillator (p1) and source (q1). */
async function forced(ratio: number) {
  const dF = ratio * kIn;
  const d = forcedNetwork({ biasCurrents: [stnoPhaseBiasFor(p, fSource + dF)], sources: [{ f: fSource, P }], oscillator: { k }, initialPhases: [2] });
  const r = await runDescription(resolveDescription(d));
  const time = r.variables.time;
  const osc = r.variables['v(p1)'];
  const src = r.variables['v(q1)'];
  return { dF, time, osc, src, dphi: osc.map((v, i) => v - src[i]) };
}

test('injection strength is k*sqrt(P/Posc), and powerForInjection inverts it', () => {
  assert.ok(Math.abs(kIn - 2 * k) < 1e-6);
  assert.ok(Math.abs(powerForInjection(injectionStrength(k, 3.3e-6, Posc), k, Posc) - 3.3e-6) < 1e-18);
});

test('the source phase advances at f - fref in the rotating frame', async () => {
  const { time, src } = await forced(3);
  assert.ok(Math.abs(meanFrequency(time, src, 0, 1e-6, fref) - fSource) < 1, 'source mean frequency');
});

test('one oscillator locks to the source iff |F - f| <= k_in (both signs of the detuning)', async () => {
  for (const ratio of [0.5, -0.95, 0.95]) {
    const { time, osc } = await forced(ratio);
    const f = meanFrequency(time, osc, 5e-7, 1e-6, fref);
    assert.ok(Math.abs(f - fSource) < 1e3, `F - f = ${ratio} k_in should lock: mean frequency ${f - fSource} Hz off the source`);
  }
  for (const ratio of [1.05, -1.05]) {
    const { time, osc } = await forced(ratio);
    const f = meanFrequency(time, osc, 5e-7, 1e-6, fref);
    assert.ok(Math.abs(f - fSource) > 0.1 * kIn, `F - f = ${ratio} k_in must not lock (${f - fSource} Hz off)`);
  }
});

test('unlocked beat frequency follows Adler: sqrt(dF^2 - k_in^2) within 0.5 %', async () => {
  for (const ratio of [1.1, 1.5, -2, 3]) {
    const { dF, time, dphi } = await forced(ratio);
    const beat = beatFrequency(time, dphi, 2e-7);
    const adler = Math.sqrt(dF * dF - kIn * kIn);
    assert.ok(Math.abs(beat / adler - 1) < 0.005, `dF = ${ratio} k_in: beat ${beat} Hz vs Adler ${adler} Hz`);
  }
});

test.run();
