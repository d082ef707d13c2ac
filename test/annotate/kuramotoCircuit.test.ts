// The back-annotated classifier circuit against the surrogate kernel (same F, same initial phases), on both engines.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { annotateClassifier, couplingScale, designFrequencies } from '../../src/annotate/kuramotoDesign.ts';
import { circuitFrequencies } from '../../src/montecarlo/kuramotoTrial.ts';
import { nativeAvailable } from '../../src/sim/nativeEngine.ts';
import { kuramotoForward } from '../../src/surrogate/kuramoto/kernel.ts';
import { resolveSettings } from '../../src/surrogate/kuramoto/params.ts';
import { fixtureModel } from './fixtureModel.ts';

const { model } = fixtureModel();
const design = annotateClassifier(model);
const settings = resolveSettings({ dt: 10e-12 });
const z = [0.3, 0.7, 0.2, 0.9];
const seed = 12345;

test('one example: circuit mean frequencies equal the 10 ps kernel within 0.05 MHz (WASM and native ngspice)', async () => {
  const F = Float64Array.from(designFrequencies(design, z));
  const kernel = kuramotoForward({ F, batch: 1, n: design.n, seeds: [seed] }, settings, couplingScale(design));
  const engines = nativeAvailable() ? (['wasm', 'native'] as const) : (['wasm'] as const);
  for (const engine of engines) {
    const circuit = await circuitFrequencies(design, z, seed, { linewidth: 0, settings, engine, tmax: 1e-10 });
    // Euler at 10 ps vs trapezoidal with 100 ps steps: ~kHz on these quasi-periodic dynamics (ARCHITECTURE.md)
    circuit.forEach((f, i) => assert.ok(Math.abs(f - kernel[i]) < 0.05e6, `${engine} osc${i}: ${f} vs ${kernel[i]}`));
  }
  // locked: no phase slip, only the wobble of the phase difference forced by oscillators 2 and 3 (D < 0.05)
  assert.ok(Math.abs(kernel[0] - kernel[1]) < 0.05 * 5e6, `the output pair is locked in this fixture: ${kernel[0] - kernel[1]} Hz`);
  assert.ok(Math.abs(kernel[2] - kernel[3]) > 10e6, 'oscillators 2 and 3 are not');
});

test.run();
