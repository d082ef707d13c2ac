// The trained model mapped onto devices: every resonator's chain, input channel, channel frequency f and resonance f_res.
import { spinDiode } from '../../devices/spinDiode.ts';
import { cnnShapes, type CnnShapes } from './arch.ts';
import { layerFrequencies } from './frequencyPlan.ts';
import type { CnnModel, SpintronicParams } from './model.ts';
import { detuneFactor, type Variability } from './variability.ts';

/**
 * One synaptic layer as chains of resonators. Conv layer: chain index (p * M + m), p = oh * outW + ow (the chain voltage
 * layout (oh, ow, m)), resonator q = (i * k + j) * C + c of the filter; a resonator exists only where the filter meets the
 * image (zero padding has no RF channel): its `input` is -1 and it is not built. FC layer: chain m, resonator k = input
 * channel k. Arrays hold chainLength entries per chain: input channel, f (Hz), f_res (Hz), weight W(f, f_res) (uV/uW).
 */
export interface ChainResonators {
  readonly input: Int32Array;
  readonly f: Float64Array;
  readonly fres: Float64Array;
  readonly weight: Float64Array;
}

export interface LayerResonators extends ChainResonators {
  readonly layer: number;
  readonly chains: number;
  readonly chainLength: number;
}

function spintronic(model: CnnModel): SpintronicParams {
  if (model.params.kind !== 'spintronic') throw new RangeError('the software CNN has no devices');
  return model.params;
}

/** The spinDiode device equation (SI): the weight of every resonator in the netlists and in the float64 reference. */
export function resonatorWeight(model: CnnModel, f: number, fres: number): number {
  return spinDiode.fn.weight({ f, fres, alpha: model.physics.alpha, A: model.physics.A });
}

/** Writes the resonators of one chain of a synaptic layer into arrays (at `offset`); built once per layer and variability. */
export interface ChainFiller {
  readonly layer: number;
  readonly chains: number;
  readonly chainLength: number;
  fill(chain: number, out: ChainResonators, offset?: number): void;
}

/** Chain filler of synaptic layer `layer` (convolutions first, the FC layer last), with device variability if given. */
export function chainFiller(model: CnnModel, layer: number, variability?: Variability, shapes: CnnShapes = cnnShapes(model.arch)): ChainFiller {
  const p = spintronic(model);
  const freqs = layerFrequencies(model.plan, layer);
  const shift = (n: number) => (variability ? detuneFactor(model.physics.alpha, variability.sigma, n) : 1);
  if (layer === shapes.convs.length) {
    const K = shapes.fcInputs;
    const M = shapes.classes;
    const draws = variability?.draws.fc;
    return {
      layer,
      chains: M,
      chainLength: K,
      fill(m, out, offset = 0) {
        for (let k = 0; k < K; k++) {
          const r = offset + k;
          out.input[r] = k;
          out.f[r] = freqs[k];
          out.fres[r] = p.fcFresHz[k * M + m] * shift(draws ? draws[k * M + m] : 0);
          out.weight[r] = resonatorWeight(model, out.f[r], out.fres[r]);
        }
      },
    };
  }
  const s = shapes.convs[layer];
  const { kernel: k, pad, filters: M } = s.spec;
  const C = s.inC;
  const K = k * k * C;
  const zeta = p.zeta[layer];
  const draws = variability?.draws.conv[layer];
  return {
    layer,
    chains: s.outH * s.outW * M,
    chainLength: K,
    fill(chain, out, offset = 0) {
      const pix = Math.floor(chain / M);
      const m = chain % M;
      const oh = Math.floor(pix / s.outW);
      const ow = pix % s.outW;
      for (let i = 0; i < k; i++) {
        for (let j = 0; j < k; j++) {
          const h = oh + i - pad;
          const w = ow + j - pad;
          const inside = h >= 0 && h < s.inH && w >= 0 && w < s.inW;
          for (let c = 0; c < C; c++) {
            const q = (i * k + j) * C + c;
            const r = offset + q;
            if (!inside) {
              out.input[r] = -1;
              out.f[r] = out.fres[r] = out.weight[r] = 0;
              continue;
            }
            const ch = (h * s.inW + w) * C + c;
            out.input[r] = ch;
            out.f[r] = freqs[ch];
            out.fres[r] = freqs[ch] * (1 - zeta[q * M + m]) * shift(draws ? draws[(pix * K + q) * M + m] : 0);
            out.weight[r] = resonatorWeight(model, out.f[r], out.fres[r]);
          }
        }
      }
    },
  };
}

/** Arrays for `n` resonators. */
export function allocResonators(n: number): ChainResonators {
  return { input: new Int32Array(n), f: new Float64Array(n), fres: new Float64Array(n), weight: new Float64Array(n) };
}

/** Every resonator of a layer in memory (MNIST's second convolution: 6.2 million, ~170 MB; the streaming emitter works per chain). */
export function layerResonators(model: CnnModel, layer: number, variability?: Variability): LayerResonators {
  const filler = chainFiller(model, layer, variability);
  const arrays = allocResonators(filler.chains * filler.chainLength);
  for (let c = 0; c < filler.chains; c++) filler.fill(c, arrays, c * filler.chainLength);
  return { ...arrays, layer, chains: filler.chains, chainLength: filler.chainLength };
}

/** Transconductance (A/V) of the V-to-I stage of conv layer l: the gain in mA/uV is 1e3 A/V. */
export const stageTransconductance = (model: CnnModel, layer: number) => spintronic(model).gains[layer] * 1e3;
