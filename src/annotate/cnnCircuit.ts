// One deck of a trained spintronic CNN: resonator chains (spinDiode in series), 2x2 max pooling, V-to-I stages, STNO neurons.
import { stnoActivation } from '../devices/stnoActivation.ts';
import type { SimResult } from '../sim/result.ts';
import type { Description, Instance } from '../spec/description.ts';
import { cmosGm } from '../devices/cmosAmp.ts';
import { maxPool } from '../devices/maxPool.ts';
import { spinDiode } from '../devices/spinDiode.ts';
import { cnnShapes } from '../surrogate/cnn/arch.ts';
import { allocResonators, chainFiller, stageTransconductance } from '../surrogate/cnn/hardware.ts';
import type { CnnModel } from '../surrogate/cnn/model.ts';
import type { Variability } from '../surrogate/cnn/variability.ts';
import type { DeckPartition } from './cnnPartition.ts';

/** Net and instance names of a deck (one place, shared by the description builder, the streaming emitter and the read-out). */
export const cnnNames = {
  input: (k: number) => `x${k}`,
  chainTop: (chain: number) => `u${chain}`,
  chainNode: (chain: number, j: number) => `c${chain}_${j}`,
  resonator: (chain: number, q: number) => `r${chain}_${q}`,
  pooled: (n: number) => `m${n}`,
  current: (n: number) => `i${n}`,
  power: (n: number) => `p${n}`,
  pool: (n: number) => `pool${n}`,
  stage: (n: number) => `vtoi${n}`,
  neuron: (n: number) => `stno${n}`,
};

/** Parameters of every device of the neuron stage of conv layer `layer`, from the model. */
export function neuronStageParams(model: CnnModel, layer: number) {
  const ph = model.physics;
  return {
    vtoi: { gm: stageTransconductance(model, layer), ioffset: 0, imin: -1, imax: 1 },
    stno: { Ith: ph.IthMa * 1e-3, Q: ph.Q, Imax: ph.ImaxMa * 1e-3, Pmax: ph.PmaxUw * 1e-6, Rin: stnoActivation.defaults().Rin },
  };
}

const instance = (name: string, kind: string, defaults: Record<string, number>, nets: Record<string, string>, params: Record<string, number> = {}): Instance => ({
  name,
  kind,
  nets,
  params: { ...defaults, ...params },
  initial: {},
});

/**
 * The resolved description of one deck (built already resolved: values are SI numbers inside the device bounds, and a test
 * holds it equal to what resolveDescription makes of it). A V source per RF input channel the deck's resonators use (1 V = 1 uW,
 * the spinDiode's rf convention); each chain as spinDiode instances in series from ground (only taps that meet the image);
 * for a pooled unit maxPool -> cmosGm (gm = layer gain, 1 mA/uV = 1e3 A/V) -> stnoActivation. `inputPowersUw` are the
 * layer's input powers.
 */
export function partitionDescription(model: CnnModel, part: DeckPartition, inputPowersUw: ArrayLike<number>, variability?: Variability): Description {
  const shapes = cnnShapes(model.arch);
  const isConv = part.layer < shapes.convs.length;
  if (isConv && shapes.convs[part.layer].spec.pool !== 2) throw new RangeError('the maxPool device pools 2x2 windows');
  const filler = chainFiller(model, part.layer, variability, shapes);
  const res = allocResonators(filler.chainLength);
  const n = cnnNames;
  const instances: Instance[] = [];
  const diode = spinDiode.defaults();
  const gm = cmosGm.defaults();
  const stno = stnoActivation.defaults();
  const used = new Set<number>();
  const save: string[] = [];
  for (const unit of part.units) {
    for (const chain of unit.chains) {
      filler.fill(chain, res);
      const taps: number[] = [];
      for (let q = 0; q < filler.chainLength; q++) if (res.input[q] >= 0) taps.push(q);
      taps.forEach((q, j) => {
        used.add(res.input[q]);
        const nets = { rf: n.input(res.input[q]), p: j === taps.length - 1 ? n.chainTop(chain) : n.chainNode(chain, j + 1), n: j === 0 ? '0' : n.chainNode(chain, j) };
        instances.push(instance(n.resonator(chain, q), 'spinDiode', diode, nets, { fres: res.fres[q], f: res.f[q], alpha: model.physics.alpha, A: model.physics.A }));
      });
      save.push(n.chainTop(chain));
    }
    if (unit.neuron !== undefined) {
      const u = unit.neuron;
      const p = neuronStageParams(model, part.layer);
      const [a, b, c, d] = unit.chains.map(n.chainTop);
      instances.push(instance(n.pool(u), 'maxPool', maxPool.defaults(), { in1: a, in2: b, in3: c, in4: d, out: n.pooled(u) }));
      instances.push(instance(n.stage(u), 'cmosGm', gm, { inp: n.pooled(u), inn: '0', out: n.current(u) }, p.vtoi));
      instances.push(instance(n.neuron(u), 'stnoActivation', stno, { in: n.current(u), pout: n.power(u) }, p.stno));
      save.push(n.pooled(u), n.current(u), n.power(u));
    }
  }
  const sources = [...used].sort((x, y) => x - y).map((k) => ({ name: n.input(k), type: 'V' as const, nets: { p: n.input(k), n: '0' }, dc: inputPowersUw[k] }));
  return {
    name: `${model.arch.name} layer ${part.layer} deck ${part.index}: ${part.units.length} units, ${part.resonators} resonators`,
    seed: 1,
    instances,
    sources,
    analyses: [{ type: 'op' }],
    options: {},
    save,
    trainable: [],
  };
}

/** Read-out of a deck's run in the surrogate's units: chain voltages (uV), STNO currents (mA) and powers (uW) by index. */
export interface DeckReadout {
  readonly chains: Map<number, number>;
  readonly currents: Map<number, number>;
  readonly powers: Map<number, number>;
}

export function readPartition(model: CnnModel, part: DeckPartition, result: SimResult): DeckReadout {
  const v = (net: string) => {
    const x = result.variables[`v(${net})`];
    if (!x) throw new Error(`deck ${part.layer}/${part.index}: no v(${net}) in the result`);
    return x[0];
  };
  const out: DeckReadout = { chains: new Map(), currents: new Map(), powers: new Map() };
  const rin = neuronStageParams(model, part.layer).stno.Rin;
  for (const unit of part.units) {
    for (const chain of unit.chains) out.chains.set(chain, v(cnnNames.chainTop(chain)) * 1e6);
    if (unit.neuron !== undefined) {
      out.currents.set(unit.neuron, (v(cnnNames.current(unit.neuron)) / rin) * 1e3);
      out.powers.set(unit.neuron, v(cnnNames.power(unit.neuron)));
    }
  }
  return out;
}
