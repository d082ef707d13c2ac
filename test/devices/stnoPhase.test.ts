// stnoPhase through ngspice: Adler locking and beat frequency of two coupled oscillators; phase-noise diffusion.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { resolveDescription } from '../../src/spec/resolve.ts';
import { runDescription } from '../../src/sim/runDescription.ts';
import { emitNetlist } from '../../src/netlist/emit.ts';
import { interpolate } from '../../src/sim/result.ts';
import { stnoPhase, stnoPhaseFrequency } from '../../src/devices/stnoPhase.ts';
import { beatFrequency, meanFrequency } from '../../src/analysis/phase.ts';
import { oscillatorPair } from '../../src/architectures/oscillatorPair.ts';

const k = 1e7;
const fref = stnoPhase.params.fref.default;

async function pair(ratio: number) {
  const dF = ratio * 2 * k;
  const r = await runDescription(resolveDescription(oscillatorPair(fref - dF / 2, fref + dF / 2, { k })));
  const time = r.variables.time;
  const p1 = r.variables['v(p1)'];
  const p2 = r.variables['v(p2)'];
  return { dF, time, p1, p2, dphi: p2.map((v, i) => v - p1[i]) };
}

test('two coupled oscillators lock iff |dF| <= 2k', async () => {
  for (const ratio of [0.5, 0.95]) {
    const { time, p1, p2 } = await pair(ratio);
    const df = meanFrequency(time, p2, 5e-7, 1e-6, fref) - meanFrequency(time, p1, 5e-7, 1e-6, fref);
    assert.ok(Math.abs(df) < 1e3, `dF = ${ratio}*2k should lock, mean frequencies differ by ${df} Hz`);
  }
  const { time, p1, p2 } = await pair(1.05);
  const df = meanFrequency(time, p2, 5e-7, 1e-6, fref) - meanFrequency(time, p1, 5e-7, 1e-6, fref);
  assert.ok(Math.abs(df) > 0.1 * k, `dF = 1.05*2k must not lock (mean frequencies differ by ${df} Hz)`);
});

test('unlocked beat frequency follows Adler: sqrt(dF^2 - (2k)^2) within 0.5 %', async () => {
  for (const ratio of [1.1, 1.5, 2, 3]) {
    const { dF, time, dphi } = await pair(ratio);
    const beat = beatFrequency(time, dphi, 2e-7);
    const adler = Math.sqrt(dF * dF - 4 * k * k);
    assert.ok(Math.abs(beat / adler - 1) < 0.005, `dF = ${ratio}*2k: beat ${beat} Hz vs Adler ${adler} Hz`);
  }
});

test('natural frequency follows F0 + kappa*I inside the tuning range and clamps outside', async () => {
  const p = stnoPhase.defaults();
  assert.ok(Math.abs(stnoPhaseFrequency(p, 4e-3) - (p.F0 + p.kappa * 4e-3)) < 1);
  assert.ok(Math.abs(stnoPhaseFrequency(p, 1e-3) - p.Fmin) <= p.Fsoft * Math.LN2 + 1);
  assert.ok(Math.abs(stnoPhaseFrequency(p, 9e-3) - p.Fmax) <= p.Fsoft * Math.LN2 + 1);
  // and the circuit agrees: a single oscillator biased below the range runs at Fmin
  const d = resolveDescription({
    name: 'clamped oscillator',
    instances: [
      { name: 'osc', kind: 'stnoPhase', nets: { bias: 'b', phase: 'p', busS: 'S', busC: 'C' }, params: { k: 0 } },
      { name: 'line', kind: 'phaseBus', nets: { S: 'S', C: 'C' } },
    ],
    sources: [{ name: 'bias', type: 'I', nets: { p: '0', n: 'b' }, dc: '1 mA' }],
    analyses: [{ type: 'tran', step: '1 ns', stop: '100 ns', tmax: '1 ns' }],
    options: { reltol: 1e-6 },
  });
  const r = await runDescription(d);
  const f = meanFrequency(r.variables.time, r.variables['v(p)'], 0, 1e-7, fref);
  assert.ok(Math.abs(f - stnoPhaseFrequency(p, 1e-3)) < 100, `clamped frequency ${f} Hz`);
});

function noisyEnsemble(n: number, seed: number, stop: number, linewidth: number) {
  return resolveDescription({
    name: `${n} free-running noisy STNOs`,
    seed,
    instances: [
      ...Array.from({ length: n }, (_, i) => ({
        name: `osc${i}`,
        kind: 'stnoPhase',
        nets: { bias: `b${i}`, phase: `p${i}`, busS: 'S', busC: 'C' },
        params: { k: 0, linewidth },
      })),
      { name: 'line', kind: 'phaseBus', nets: { S: 'S', C: 'C' } },
    ],
    sources: Array.from({ length: n }, (_, i) => ({ name: `bias${i}`, type: 'I' as const, nets: { p: '0', n: `b${i}` }, dc: (fref - 4.4e8) / 4e10 })),
    analyses: [{ type: 'tran', step: stop / 400, stop, tmax: stop / 400 }],
    options: { reltol: 1e-6, noiseStep: stop / 400 },
  });
}

test('phase noise: Var[phi] grows as 2*pi*Delta*t over 64 seeded oscillators', async () => {
  const n = 64;
  const stop = 2e-7;
  const linewidth = 1e6;
  const r = await runDescription(noisyEnsemble(n, 11, stop, linewidth));
  const time = r.variables.time;
  const at = (i: number, t: number) => interpolate(time, r.variables[`v(p${i})`], t);
  // Diffusion constant from independent increments (20 windows x 64 paths = 1280 samples: standard error ~4 %).
  const windows = 20;
  let sumSq = 0;
  for (let i = 0; i < n; i++) {
    for (let w = 0; w < windows; w++) {
      const inc = at(i, ((w + 1) * stop) / windows) - at(i, (w * stop) / windows);
      sumSq += inc * inc;
    }
  }
  const rate = sumSq / (n * stop);
  const expected = 2 * Math.PI * linewidth;
  assert.ok(Math.abs(rate / expected - 1) < 0.1, `diffusion rate ${rate} vs 2*pi*Delta = ${expected}`);
  // Ensemble variance at the end (64 samples: standard error sqrt(2/63) ~ 18 %, so 3 standard errors).
  const finals = Array.from({ length: n }, (_, i) => at(i, stop));
  const mean = finals.reduce((a, b) => a + b, 0) / n;
  const variance = finals.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  assert.ok(Math.abs(variance / (expected * stop) - 1) < 3 * Math.sqrt(2 / (n - 1)), `Var[phi(T)] = ${variance} vs ${expected * stop}`);
});

test('phase noise: the same seed reproduces the same waveform, another seed does not', async () => {
  const a = emitNetlist(noisyEnsemble(2, 5, 5e-8, 1e6)).deck;
  const b = emitNetlist(noisyEnsemble(2, 5, 5e-8, 1e6)).deck;
  const c = emitNetlist(noisyEnsemble(2, 6, 5e-8, 1e6)).deck;
  assert.is(a, b);
  assert.is.not(a.split('* noise')[1], c.split('* noise')[1]);
  const r1 = await runDescription(noisyEnsemble(2, 5, 5e-8, 1e6));
  const r2 = await runDescription(noisyEnsemble(2, 5, 5e-8, 1e6));
  assert.equal(Array.from(r1.variables['v(p0)']), Array.from(r2.variables['v(p0)']));
});

test.run();
