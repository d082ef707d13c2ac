// The whole trained spintronic CNN at circuit level: every layer's decks through ngspice, layer after layer, per test image.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { partitionNetwork } from '../annotate/cnnPartition.ts';
import { writeJsonAtomic } from '../io/atomic.ts';
import { pixelFractions, type ImageSet } from '../data/images.ts';
import type { TaskPool } from '../parallel/taskPool.ts';
import type { EngineName } from '../sim/simulate.ts';
import { stableHash } from '../spec/hash.ts';
import { cnnShapes } from '../surrogate/cnn/arch.ts';
import { toModelJson, type CnnModel } from '../surrogate/cnn/model.ts';
import { chainVoltages, referenceNetwork, type ReferenceNetwork } from '../surrogate/cnn/reference.ts';
import type { Variability } from '../surrogate/cnn/variability.ts';
import { runCnnDeck, type DeckResult, type DeckTask } from './cnnDeck.ts';

export interface CircuitRunOptions {
  readonly maxResonators: number;
  readonly engine: EngineName;
  /** Run decks (of all images) on this pool in parallel; without it images and decks run one after another in this thread. */
  readonly pool?: TaskPool;
  readonly variability?: { readonly sigma: number; readonly seed: number; readonly draws: Variability['draws'] };
  readonly onDeck?: (image: number, layer: number, deck: number, seconds: number) => void;
}

/** Per synaptic layer: how far the circuit is from the float64 reference. */
export interface LayerComparison {
  /** max over chains of |U_circuit - U_ref| / sum_r |P_r W_r|, U_ref from the circuit's own inputs to the layer (the deck's error alone). */
  readonly chainErrorLocal: number;
  /** The same with U_ref propagated through the reference from the image (errors of the layers before included). */
  readonly chainErrorEndToEnd: number;
  /** max |I_circuit - I_ref| (mA) and max |P_circuit - P_ref| (uW), end to end (conv layers). */
  readonly currentErrorMa?: number;
  readonly powerErrorUw?: number;
}

export interface ImageComparison {
  readonly image: number;
  readonly label: number;
  readonly referencePrediction: number;
  readonly circuitPrediction: number;
  readonly circuitLogits: number[];
  readonly referenceLogits: number[];
  readonly layers: LayerComparison[];
  readonly decks: number;
  readonly deckSeconds: number;
}

/** Sum over each chain's resonators of |P W| (uV): the scale a chain voltage is compared with. */
function chainScales(ref: ReferenceNetwork, layer: number, powers: ArrayLike<number>): Float64Array {
  const l = ref.layers[layer];
  const abs = { ...l, weight: l.weight.map(Math.abs) };
  return chainVoltages(abs, Float64Array.from(powers, Math.abs));
}

/** Run images `indices` of `set` through the circuit, layer by layer (each layer's decks fed with the previous decks' STNO powers). */
export async function runNetworkCircuit(model: CnnModel, set: ImageSet, indices: readonly number[], o: CircuitRunOptions): Promise<ImageComparison[]> {
  const shapes = cnnShapes(model.arch);
  const layers = partitionNetwork(model.arch, o.maxResonators);
  const variability = o.variability && { sigma: o.variability.sigma, draws: o.variability.draws };
  const ref = referenceNetwork(model, variability);
  const modelJson = toModelJson(model);
  const key = `${stableHash(modelJson)}:${o.variability?.sigma ?? 0}:${o.variability?.seed ?? ''}`;
  const modelDir = mkdtempSync(join(tmpdir(), 'spinspice-cnn-model-'));
  const modelFile = join(modelDir, 'model.json');
  writeJsonAtomic(modelFile, modelJson);
  const run = (t: DeckTask): Promise<DeckResult> => (o.pool ? o.pool.run<DeckResult>(new URL('./cnnDeck.ts', import.meta.url), 'runCnnDeck', [t]) : runCnnDeck(t));
  const one = async (image: number): Promise<ImageComparison> => {
    const pixels = pixelFractions(set, [image]);
    const expected = ref.forward(pixels);
    let inputs = Array.from(pixels, (v) => v * model.physics.inputPowerUw);
    const comparisons: LayerComparison[] = [];
    let decks = 0;
    let deckSeconds = 0;
    let circuitLogits: number[] = [];
    for (let l = 0; l < layers.length; l++) {
      const results = await Promise.all(
        layers[l].map((part) =>
          run({ modelFile, key, part, inputs, engine: o.engine, variability: o.variability && { sigma: o.variability.sigma, seed: o.variability.seed } }).then((r) => {
            o.onDeck?.(image, l, part.index, r.seconds);
            return r;
          }),
        ),
      );
      decks += results.length;
      deckSeconds += results.reduce((s, r) => s + r.seconds, 0);
      const isConv = l < shapes.convs.length;
      const chainCount = ref.layers[l].chains;
      const chains = new Float64Array(chainCount);
      for (const r of results) for (const [c, u] of r.chains) chains[c] = u;
      const local = chainVoltages(ref.layers[l], inputs);
      const scale = chainScales(ref, l, inputs);
      const refChains = isConv ? expected.chains[l] : expected.fcChains;
      const rel = (a: ArrayLike<number>) => Array.from(chains).reduce((m, u, c) => Math.max(m, scale[c] > 0 ? Math.abs(u - a[c]) / scale[c] : Math.abs(u - a[c])), 0);
      if (isConv) {
        const n = expected.currents[l].length;
        const currents = new Float64Array(n);
        const powers = new Float64Array(n);
        for (const r of results) {
          for (const [k, v] of r.currents) currents[k] = v;
          for (const [k, v] of r.powers) powers[k] = v;
        }
        const maxDiff = (a: Float64Array, b: Float64Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
        comparisons.push({ chainErrorLocal: rel(local), chainErrorEndToEnd: rel(refChains), currentErrorMa: maxDiff(currents, expected.currents[l]), powerErrorUw: maxDiff(powers, expected.powers[l]) });
        inputs = Array.from(powers);
      } else {
        comparisons.push({ chainErrorLocal: rel(local), chainErrorEndToEnd: rel(refChains) });
        circuitLogits = Array.from(chains, (u) => (model.params.kind === 'spintronic' ? model.params.gains[l] : 1) * u);
      }
    }
    const argmax = (v: ArrayLike<number>) => Array.from(v).reduce((b, x, i, a) => (x > a[b] ? i : b), 0);
    return {
      image,
      label: set.labels[image],
      referencePrediction: argmax(expected.logits),
      circuitPrediction: argmax(circuitLogits),
      circuitLogits,
      referenceLogits: Array.from(expected.logits),
      layers: comparisons,
      decks,
      deckSeconds,
    };
  };
  try {
    if (o.pool) return await Promise.all(indices.map(one));
    const out: ImageComparison[] = [];
    for (const i of indices) out.push(await one(i));
    return out;
  } finally {
    rmSync(modelDir, { recursive: true, force: true });
  }
}
