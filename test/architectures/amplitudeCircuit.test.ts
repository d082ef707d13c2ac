// toAmplitudeCircuit: structure of the converted description, its input errors, and convergence to the stnoPhase circuit as Gamma_p grows at N = 0.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InputError } from '../../src/errors.ts';
import { resolveDescription } from '../../src/spec/resolve.ts';
import type { DescriptionInput } from '../../src/spec/schema.ts';
import { runDescription } from '../../src/sim/runDescription.ts';
import { unwrappedPhase } from '../../src/analysis/amplitude.ts';
import { meanFrequency } from '../../src/analysis/phase.ts';
import { amplitudeBusNets, amplitudeNets, toAmplitudeCircuit } from '../../src/architectures/amplitudeCircuit.ts';
import { oscillatorNetwork } from '../../src/architectures/oscillatorPair.ts';
import { powerRelaxationRate, stationaryPower, stnoAmplitude } from '../../src/devices/stnoAmplitude.ts';
import { stnoPhase } from '../../src/devices/stnoPhase.ts';

const fref = stnoPhase.params.fref.default;

/** Three oscillators biased through resistors from voltage sources (a bias network, not ideal current sources), one with its own F0 and k. */
function resistorBiased(): DescriptionInput {
  const phases = [0.3, 2, -1.2];
  return {
    name: 'three STNOs with resistor biasing',
    seed: 3,
    instances: [
      ...phases.map((phase, i) => ({
        name: `osc${i}`,
        kind: 'stnoPhase',
        nets: { bias: `b${i}`, phase: `ph${i}`, busS: 'S', busC: 'C' },
        params: (i === 2 ? { F0: '450 MHz', k: '12 MHz' } : {}) as Record<string, string>,
        initial: { phase },
      })),
      ...phases.map((_, i) => ({ name: `rb${i}`, kind: 'resistor', nets: { p: `v${i}`, n: `b${i}` }, params: { R: 900 } })),
      { name: 'line', kind: 'phaseBus', nets: { S: 'S', C: 'C' } },
    ],
    sources: phases.map((_, i) => ({ name: `vb${i}`, type: 'V' as const, nets: { p: `v${i}`, n: '0' }, dc: 3.5 + 0.5 * i })),
    analyses: [{ type: 'tran', step: '100 ps', stop: '1 us', tmax: '100 ps' }],
    options: { reltol: 1e-6 },
    save: ['ph0', 'ph2', 'S', 'v1'],
  };
}

test('replaces stnoPhase + phaseBus by stnoAmplitude + amplitudeBus and keeps everything else', () => {
  const input = resistorBiased();
  const before = resolveDescription(input);
  const options = { N: 3e9, zeta: 3, Q: 1, gammaG: 2e9, beta: 0.4 };
  const after = resolveDescription(toAmplitudeCircuit(input, options));
  assert.equal(after.sources, before.sources);
  assert.equal(after.options, before.options);
  assert.equal(after.analyses, before.analyses);
  assert.is(after.seed, before.seed);
  assert.equal(
    after.instances.filter((i) => i.kind === 'resistor'),
    before.instances.filter((i) => i.kind === 'resistor'),
  );
  assert.equal(after.instances.find((i) => i.name === 'line'), { name: 'line', kind: 'amplitudeBus', nets: amplitudeBusNets('line'), params: {}, initial: {} });
  for (let i = 0; i < 3; i++) {
    const old = before.instances.find((x) => x.name === `osc${i}`)!;
    const osc = after.instances.find((x) => x.name === `osc${i}`)!;
    assert.is(osc.kind, 'stnoAmplitude');
    assert.equal(osc.nets, { bias: `b${i}`, ...amplitudeNets(`ph${i}`), busRe: 'line_re', busIm: 'line_im' });
    for (const p of ['F0', 'kappa', 'Rj', 'Fmin', 'Fmax', 'Fsoft', 'k', 'fref']) assert.is(osc.params[p], old.params[p], `${p} carried over`);
    for (const [p, v] of Object.entries(options)) assert.is(osc.params[p], v);
    // on the limit cycle p = p0, at the stnoPhase's phase (c = sqrt(p0)*exp(-i*phi))
    const p0 = stationaryPower(osc.params);
    assert.ok(Math.abs(osc.initial.re ** 2 + osc.initial.im ** 2 - p0) < 1e-15);
    assert.ok(Math.abs(-Math.atan2(osc.initial.im, osc.initial.re) - old.initial.phase) < 1e-12);
  }
  assert.equal(after.save, ['ph0_re', 'ph0_im', 'ph2_re', 'ph2_im', 'line_re', 'v1']);
});

test('rejects noisy oscillators, oscillators off the bus, mixed frames, bad options and net-name clashes', () => {
  const throwsAt = (input: DescriptionInput, field: RegExp, options = {}) => {
    try {
      toAmplitudeCircuit(input, options);
    } catch (e) {
      assert.instance(e, InputError);
      assert.match((e as InputError).field ?? '', field);
      return;
    }
    assert.unreachable(`expected an InputError at ${field}`);
  };
  const edit = (f: (d: DescriptionInput) => void) => {
    const d = resistorBiased();
    f(d);
    return d;
  };
  throwsAt(edit((d) => (d.instances[1].params = { linewidth: '1 MHz' })), /instances\[1\]\.params\.linewidth/);
  throwsAt(edit((d) => (d.instances[2].params = { fref: '600 MHz' })), /instances\[2\]\.params\.fref/);
  throwsAt(
    edit((d) => {
      d.instances[0].nets.busS = 'S2';
      d.instances.push({ name: 'rs2', kind: 'resistor', nets: { p: 'S2', n: '0' } });
    }),
    /instances\[0\]\.nets/,
  );
  throwsAt(resistorBiased(), /options\.zeta/, { zeta: 0.5 });
  throwsAt(resistorBiased(), /options\.F0/, { F0: 5e8 });
  const load = (name: string) => ({ name, kind: 'resistor', nets: { p: 'ph1_re', n: '0' } });
  throwsAt(edit((d) => d.instances.push(load('ra'), load('rb'))), /instances\[1\]\.nets\.phase/);
});

test('N = 0: mean frequencies converge to the stnoPhase circuit as Gamma_p grows (deviation ~ k*2*pi*k/Gamma_p)', async () => {
  // three oscillators pulled close together and one drifting (not a locked state, where every model gives mean(F))
  const network = oscillatorNetwork([5.7e8, 5.8e8, 5.95e8, 6.4e8], { phases: [0, 2, 4, 1] });
  type PhaseOf = (vectors: Record<string, Float64Array>, i: number) => Float64Array;
  const fbar = async (d: DescriptionInput, phaseOf: PhaseOf) => {
    const r = await runDescription(resolveDescription(d));
    return [1, 2, 3, 4].map((i) => meanFrequency(r.variables.time, phaseOf(r.variables, i), 5e-7, 1e-6, fref));
  };
  const kuramoto = await fbar(network, (v, i) => v[`v(p${i})`]);
  const amplitudePhase: PhaseOf = (v, i) => unwrappedPhase(v[`v(${amplitudeNets(`p${i}`).re})`], v[`v(${amplitudeNets(`p${i}`).im})`]);
  const deviation = async (gammaG: number) => {
    const f = await fbar(toAmplitudeCircuit(network, { gammaG }), amplitudePhase);
    return Math.max(...f.map((v, i) => Math.abs(v - kuramoto[i])));
  };
  const k = stnoAmplitude.params.k.default;
  const [slow, fast] = [await deviation(1e10), await deviation(1e11)];
  const bound = (gammaG: number) => (k * 2 * Math.PI * k) / powerRelaxationRate({ ...stnoAmplitude.defaults(), gammaG });
  assert.ok(fast < 2 * bound(1e11) && slow < 2 * bound(1e10), `deviations ${slow} Hz (gammaG 1e10), ${fast} Hz (gammaG 1e11)`);
  assert.ok(fast < slow / 4, `a 10x faster amplitude relaxation must shrink the deviation (${slow} -> ${fast} Hz)`);
});

test.run();
