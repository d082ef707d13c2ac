// Splits a CNN's chains into decks of bounded size (a pure function): pooling windows stay whole, every chain in exactly one deck.
import { cnnShapes, type CnnArch, type ConvShape } from '../surrogate/cnn/arch.ts';

/** A pooled STNO neuron with the chains of its pooling window, or a chain that feeds no neuron (FC outputs, trailing rows). */
export interface DeckUnit {
  readonly chains: readonly number[];
  /** Index of the pooled neuron (poolH, poolW, M layout) that the chains feed through max pooling, V-to-I stage and STNO. */
  readonly neuron?: number;
}

export interface DeckPartition {
  readonly layer: number;
  readonly index: number;
  readonly units: readonly DeckUnit[];
  /** Resonators in the deck (taps on zero padding excluded). */
  readonly resonators: number;
}

/** Resonators of a conv chain at output pixel (oh, ow): filter taps that land inside the input, times its channels. */
export function convChainResonators(s: ConvShape, oh: number, ow: number): number {
  const { kernel: k, pad } = s.spec;
  const inside = (o: number, n: number) => {
    let t = 0;
    for (let i = 0; i < k; i++) if (o + i - pad >= 0 && o + i - pad < n) t++;
    return t;
  };
  return inside(oh, s.inH) * inside(ow, s.inW) * s.inC;
}

/** Units of a synaptic layer in deck order: pooled neurons (index order), then chains outside every pooling window; FC chains. */
export function layerUnits(arch: CnnArch, layer: number): { unit: DeckUnit; resonators: number }[] {
  const shapes = cnnShapes(arch);
  if (layer === shapes.convs.length) return Array.from({ length: shapes.classes }, (_, m) => ({ unit: { chains: [m] }, resonators: shapes.fcInputs }));
  const s = shapes.convs[layer];
  if (!s) throw new RangeError(`${arch.name} has no synaptic layer ${layer}`);
  const { pool, filters: M } = s.spec;
  const chain = (oh: number, ow: number, m: number) => (oh * s.outW + ow) * M + m;
  const units: { unit: DeckUnit; resonators: number }[] = [];
  for (let ph = 0; ph < s.poolH; ph++) {
    for (let pw = 0; pw < s.poolW; pw++) {
      for (let m = 0; m < M; m++) {
        const chains: number[] = [];
        let resonators = 0;
        for (let a = 0; a < pool; a++) {
          for (let b = 0; b < pool; b++) {
            chains.push(chain(ph * pool + a, pw * pool + b, m));
            resonators += convChainResonators(s, ph * pool + a, pw * pool + b);
          }
        }
        units.push({ unit: { chains, neuron: (ph * s.poolW + pw) * M + m }, resonators });
      }
    }
  }
  for (let oh = 0; oh < s.outH; oh++) {
    for (let ow = 0; ow < s.outW; ow++) {
      if (oh < s.poolH * pool && ow < s.poolW * pool) continue;
      for (let m = 0; m < M; m++) units.push({ unit: { chains: [chain(oh, ow, m)] }, resonators: convChainResonators(s, oh, ow) });
    }
  }
  return units;
}

/** Greedy packing of a layer's units, in order, into decks of at most maxResonators (a unit larger than that gets its own deck). */
export function partitionLayer(arch: CnnArch, layer: number, maxResonators: number): DeckPartition[] {
  if (!(maxResonators >= 1)) throw new RangeError(`maxResonators must be >= 1, got ${maxResonators}`);
  const parts: DeckPartition[] = [];
  let units: DeckUnit[] = [];
  let count = 0;
  const flush = () => {
    if (units.length) parts.push({ layer, index: parts.length, units, resonators: count });
    units = [];
    count = 0;
  };
  for (const { unit, resonators } of layerUnits(arch, layer)) {
    if (count + resonators > maxResonators) flush();
    units.push(unit);
    count += resonators;
  }
  flush();
  return parts;
}

/** Decks of every synaptic layer (layer l's decks need layer l-1's outputs; decks of one layer are independent). */
export function partitionNetwork(arch: CnnArch, maxResonators: number): DeckPartition[][] {
  return Array.from({ length: cnnShapes(arch).convs.length + 1 }, (_, l) => partitionLayer(arch, l, maxResonators));
}
