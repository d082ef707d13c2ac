// Writes every deck of a trained CNN for one image, one deck at a time (memory bounded by the largest deck, not the network).
import { join } from 'node:path';
import { writeFileAtomic, writeJsonAtomic } from '../io/atomic.ts';
import { emitNetlist } from '../netlist/emit.ts';
import { cnnShapes } from '../surrogate/cnn/arch.ts';
import { allocResonators, chainFiller } from '../surrogate/cnn/hardware.ts';
import type { CnnModel } from '../surrogate/cnn/model.ts';
import { stnoPowerUw } from '../surrogate/cnn/reference.ts';
import type { Variability } from '../surrogate/cnn/variability.ts';
import { partitionDescription } from './cnnCircuit.ts';
import { partitionLayer, type DeckPartition } from './cnnPartition.ts';

export interface WrittenDeck {
  readonly layer: number;
  readonly index: number;
  readonly file: string;
  readonly resonators: number;
  readonly bytes: number;
  readonly hash: string;
}

export interface DeckSetOptions {
  readonly maxResonators: number;
  readonly variability?: Variability;
  readonly onDeck?: (d: WrittenDeck) => void;
}

/** Chain voltages (uV) of a deck's chains from the same resonators the deck holds. */
function deckChainVoltages(model: CnnModel, part: DeckPartition, inputs: ArrayLike<number>, v: Variability | undefined, out: Float64Array): void {
  const filler = chainFiller(model, part.layer, v);
  const res = allocResonators(filler.chainLength);
  for (const unit of part.units) {
    for (const chain of unit.chains) {
      filler.fill(chain, res);
      let u = 0;
      for (let q = 0; q < filler.chainLength; q++) if (res.input[q] >= 0) u += inputs[res.input[q]] * res.weight[q];
      out[chain] = u;
    }
  }
}

/**
 * Emit the decks of every synaptic layer for one image into `dir` (layer<l>-deck<i>.cir, the device libraries, decks.json).
 * Layer 0 decks are driven by the image's RF powers; each later layer's decks by the STNO powers the float64 model computes
 * from the chains just written (the circuit-level run replaces these with ngspice outputs). Returns the decks and the logits.
 */
export function writeNetworkDecks(model: CnnModel, pixelFractions: ArrayLike<number>, dir: string, o: DeckSetOptions): { decks: WrittenDeck[]; logits: number[] } {
  if (model.params.kind !== 'spintronic') throw new RangeError('only the spintronic CNN has decks');
  const shapes = cnnShapes(model.arch);
  const gains = model.params.gains;
  let inputs: ArrayLike<number> = Float64Array.from(pixelFractions, (p) => p * model.physics.inputPowerUw);
  const decks: WrittenDeck[] = [];
  const libraries = new Set<string>();
  let logits: number[] = [];
  for (let l = 0; l <= shapes.convs.length; l++) {
    const parts = partitionLayer(model.arch, l, o.maxResonators);
    const chains = new Float64Array(parts.reduce((n, p) => n + p.units.reduce((m, u) => m + u.chains.length, 0), 0));
    for (const part of parts) {
      const { deck, libraries: libs, hash } = emitNetlist(partitionDescription(model, part, inputs, o.variability), 0, { flatten: true });
      const file = `layer${l}-deck${String(part.index).padStart(4, '0')}.cir`;
      writeFileAtomic(join(dir, file), deck);
      for (const [name, text] of Object.entries(libs)) {
        if (!libraries.has(name)) writeFileAtomic(join(dir, name), text);
        libraries.add(name);
      }
      const written = { layer: l, index: part.index, file, resonators: part.resonators, bytes: Buffer.byteLength(deck), hash };
      decks.push(written);
      o.onDeck?.(written);
      deckChainVoltages(model, part, inputs, o.variability, chains);
    }
    if (l < shapes.convs.length) {
      const s = shapes.convs[l];
      const M = s.spec.filters;
      const powers = new Float64Array(s.poolH * s.poolW * M);
      for (let ph = 0; ph < s.poolH; ph++) {
        for (let pw = 0; pw < s.poolW; pw++) {
          for (let m = 0; m < M; m++) {
            let u = -Infinity;
            for (let a = 0; a < s.spec.pool; a++) for (let b = 0; b < s.spec.pool; b++) u = Math.max(u, chains[((ph * s.spec.pool + a) * s.outW + pw * s.spec.pool + b) * M + m]);
            powers[(ph * s.poolW + pw) * M + m] = stnoPowerUw(model, gains[l] * u);
          }
        }
      }
      inputs = powers;
    } else {
      logits = Array.from(chains, (u) => gains[l] * u);
    }
  }
  writeJsonAtomic(join(dir, 'decks.json'), { model: model.arch.name, maxResonators: o.maxResonators, variability: o.variability ? { sigma: o.variability.sigma, seed: o.variability.draws.seed } : null, logits, decks });
  return { decks, logits };
}
