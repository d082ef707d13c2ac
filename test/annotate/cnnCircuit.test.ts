// CNN decks: partitioning (pure), descriptions that validate, and ngspice chain voltages equal to the float64 reference within 1e-6.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { partitionDescription, readPartition } from '../../src/annotate/cnnCircuit.ts';
import { layerUnits, partitionLayer, partitionNetwork } from '../../src/annotate/cnnPartition.ts';
import { loadDigits } from '../../src/data/digits.ts';
import { digitsImages, pixelFractions } from '../../src/data/images.ts';
import { runDescription } from '../../src/sim/runDescription.ts';
import { simulate } from '../../src/sim/simulate.ts';
import { writeNetworkDecks } from '../../src/annotate/cnnDecks.ts';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveDescription } from '../../src/spec/resolve.ts';
import { deviceCounts, DIGITS_ARCH, MNIST_ARCH, type CnnArch } from '../../src/surrogate/cnn/arch.ts';
import { initSpintronic, type CnnModel } from '../../src/surrogate/cnn/model.ts';
import { chainVoltages, referenceNetwork } from '../../src/surrogate/cnn/reference.ts';
import { drawDevices, type Variability } from '../../src/surrogate/cnn/variability.ts';
import { runNetworkCircuit } from '../../src/validate/cnnCircuitRun.ts';

const digits = digitsImages(loadDigits());
/** A random-init digits model with gains that put STNO currents across threshold and clamp. */
const withGains = (arch: CnnArch, seed: number, gains: number[]): CnnModel => {
  const m = initSpintronic(arch, seed);
  return { ...m, params: { ...m.params, gains } } as CnnModel;
};

test('partitions cover every chain once, keep pooling windows whole, respect the size bound, count every resonator', () => {
  for (const [arch, max] of [[MNIST_ARCH, 50000], [DIGITS_ARCH, 3000]] as const) {
    const layers = partitionNetwork(arch, max);
    const counts = deviceCounts(arch);
    layers.forEach((parts, l) => {
      const seen = new Set<number>();
      for (const p of parts) {
        const biggest = Math.max(...layerUnits(arch, l).map((u) => u.resonators));
        assert.ok(p.resonators <= Math.max(max, biggest), `layer ${l} deck ${p.index}: ${p.resonators} resonators`);
        for (const u of p.units) {
          if (u.neuron !== undefined) assert.is(u.chains.length, 4);
          for (const c of u.chains) {
            assert.not.ok(seen.has(c), `chain ${c} twice`);
            seen.add(c);
          }
        }
      }
      assert.is(seen.size, counts.perLayer[l].chains);
      assert.is(parts.reduce((s, p) => s + p.resonators, 0), counts.perLayer[l].resonatorsWithInput);
    });
    assert.equal(partitionNetwork(arch, max), layers, 'a pure function of (arch, max)');
  }
});

test('a deck built already resolved is what resolveDescription makes of it', () => {
  const model = withGains(DIGITS_ARCH, 1, [0.05, 0.05, 0.05]);
  const part = partitionLayer(DIGITS_ARCH, 1, 600)[2];
  const d = partitionDescription(model, part, Array.from({ length: 16 * 32 }, (_, k) => (k % 7) / 7));
  const plain = JSON.parse(JSON.stringify(d));
  assert.equal(JSON.parse(JSON.stringify(resolveDescription(plain))), plain);
});

async function deckParity(model: CnnModel, layer: number, deck: number, max: number, image: number, v?: Variability) {
  const ref = referenceNetwork(model, v);
  const r = ref.forward(pixelFractions(digits, [image]));
  const inputs = layer === 0 ? pixelFractions(digits, [image]) : r.powers[layer - 1];
  const part = partitionLayer(model.arch, layer, max)[deck];
  const out = readPartition(model, part, await runDescription(partitionDescription(model, part, inputs, v), { flatten: true }));
  const l = ref.layers[layer];
  const scale = chainVoltages({ ...l, weight: l.weight.map(Math.abs) }, inputs);
  const expected = layer < r.chains.length ? r.chains[layer] : r.fcChains;
  assert.ok(out.chains.size > 0);
  for (const [c, u] of out.chains) assert.ok(Math.abs(u - expected[c]) <= 1e-6 * scale[c], `layer ${layer} chain ${c}: ngspice ${u} uV vs reference ${expected[c]} uV`);
  for (const [n, i] of out.currents) assert.ok(Math.abs(i - r.currents[layer][n]) <= 1e-6 * Math.max(1, Math.abs(r.currents[layer][n])), `current ${n}: ${i} vs ${r.currents[layer][n]} mA`);
  for (const [n, p] of out.powers) assert.ok(Math.abs(p - r.powers[layer][n]) <= 1e-6, `power ${n}: ${p} vs ${r.powers[layer][n]} uW`);
  return { currents: [...out.currents.values()] };
}

test('ngspice chain voltages, STNO currents and powers equal the float64 reference within 1e-6 (digits network, three layers)', async () => {
  const model = withGains(DIGITS_ARCH, 1, [0.06, 0.01, 0.05]);
  const first = await deckParity(model, 0, 1, 2000, 5);
  assert.ok(first.currents.some((i) => i < 2) && first.currents.some((i) => i > 2 && i < 8), 'neurons below and above threshold');
  await deckParity(model, 1, 3, 2000, 5);
  await deckParity(model, 2, 0, 2000, 5);
});

test('with device variability (sigma = 0.3) the decks still match the reference resonator by resonator', async () => {
  const v: Variability = { sigma: 0.3, draws: drawDevices(DIGITS_ARCH, 4) };
  await deckParity(withGains(DIGITS_ARCH, 2, [0.06, 0.01, 0.05]), 1, 0, 2000, 9, v);
});

test('a whole small network at circuit level: layer after layer from ngspice outputs, same predictions as the reference', async () => {
  const arch: CnnArch = { name: 'tiny', input: { height: 8, width: 8, channels: 1 }, convs: [{ filters: 3, kernel: 3, pad: 1, pool: 2 }, { filters: 4, kernel: 3, pad: 1, pool: 2 }], classes: 10 };
  const model = withGains(arch, 3, [0.08, 0.15, 0.5]);
  const r = await runNetworkCircuit(model, digits, [0, 1, 2], { maxResonators: 400, engine: 'wasm' });
  for (const img of r) {
    assert.is(img.circuitPrediction, img.referencePrediction);
    assert.ok(img.referenceLogits.some((z) => z !== 0), 'signal reaches the output');
    img.layers.forEach((l, k) => assert.ok(l.chainErrorLocal <= 1e-6 && l.chainErrorEndToEnd <= 1e-6, `image ${img.image} layer ${k}: ${JSON.stringify(l)}`));
  }
});

test('the deck writer emits every deck to disk one at a time; its logits are the reference\'s; a deck read back runs in ngspice', async () => {
  const model = withGains(DIGITS_ARCH, 1, [0.06, 0.01, 0.05]);
  const dir = mkdtempSync(join(tmpdir(), 'spinspice-cnn-decks-'));
  try {
    const pixels = pixelFractions(digits, [7]);
    const { decks, logits } = writeNetworkDecks(model, pixels, dir, { maxResonators: 20000 });
    const ref = referenceNetwork(model).forward(pixels);
    logits.forEach((z, i) => assert.ok(Math.abs(z - ref.logits[i]) <= 1e-12 * Math.max(...ref.logits.map(Math.abs)), `logit ${i}`));
    assert.is(decks.length, partitionNetwork(DIGITS_ARCH, 20000).flat().length);
    assert.ok(readdirSync(dir).includes('spinspice_stnoActivation.lib') && readdirSync(dir).includes('decks.json'));
    assert.not.ok(readdirSync(dir).includes('spinspice_spinDiode.lib'), 'resonators are flat elements, not subcircuit instances');
    const deck = decks.find((d) => d.layer === 1)!;
    const result = await simulate(readFileSync(join(dir, deck.file), 'utf8'), { baseDir: dir });
    const part = partitionLayer(DIGITS_ARCH, 1, 20000)[deck.index];
    for (const [c, u] of readPartition(model, part, result).chains) assert.ok(Math.abs(u - ref.chains[1][c]) <= 1e-6 * Math.max(1e-3, Math.abs(ref.chains[1][c])), `chain ${c}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
