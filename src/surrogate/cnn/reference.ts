// Float64 forward pass of the spintronic CNN straight from the device equations: the reference for netlist parity and gradients.
import { stnoActivation } from '../../devices/stnoActivation.ts';
import { cnnShapes } from './arch.ts';
import { layerResonators, type LayerResonators } from './hardware.ts';
import type { CnnModel } from './model.ts';
import type { Variability } from './variability.ts';

/** Per-layer quantities of one image, in the surrogate's units (uV, mA, uW); layouts (h, w, m). */
export interface ReferenceOutputs {
  /** Per convolution: chain voltages before pooling (outH * outW * M), uV. */
  readonly chains: Float64Array[];
  /** Per convolution: STNO input currents after pooling and amplification (poolH * poolW * M), mA. */
  readonly currents: Float64Array[];
  /** Per convolution: emitted powers, uW. */
  readonly powers: Float64Array[];
  /** FC chain voltages, uV. */
  readonly fcChains: Float64Array;
  readonly logits: Float64Array;
}

/** The network's resonators, built once and reused for many images. */
export interface ReferenceNetwork {
  readonly model: CnnModel;
  readonly layers: LayerResonators[];
  forward(pixelFractions: ArrayLike<number>): ReferenceOutputs;
}

/** Chain voltages of a layer (uV): sum over each chain's resonators of P[input] * W. */
export function chainVoltages(layer: LayerResonators, powersUw: ArrayLike<number>): Float64Array {
  const out = new Float64Array(layer.chains);
  for (let c = 0; c < layer.chains; c++) {
    let u = 0;
    for (let r = c * layer.chainLength, end = r + layer.chainLength; r < end; r++) if (layer.input[r] >= 0) u += powersUw[layer.input[r]] * layer.weight[r];
    out[c] = u;
  }
  return out;
}

/** Max pooling pool x pool, stride pool, of an (H, W, M) map; trailing rows/columns that fill no window are dropped. */
export function maxPool(x: Float64Array, H: number, W: number, M: number, pool: number): Float64Array {
  const ph = Math.floor(H / pool);
  const pw = Math.floor(W / pool);
  const out = new Float64Array(ph * pw * M).fill(-Infinity);
  for (let h = 0; h < ph * pool; h++) {
    for (let w = 0; w < pw * pool; w++) {
      const o = (Math.floor(h / pool) * pw + Math.floor(w / pool)) * M;
      for (let m = 0; m < M; m++) out[o + m] = Math.max(out[o + m], x[(h * W + w) * M + m]);
    }
  }
  return out;
}

/** Emitted power (uW) of an STNO driven by `currentMa`: the stnoActivation device equation in SI. */
export function stnoPowerUw(model: CnnModel, currentMa: number): number {
  const ph = model.physics;
  return ph.PmaxUw * stnoActivation.fn.normalizedPower({ I: currentMa * 1e-3, Ith: ph.IthMa * 1e-3, Imax: ph.ImaxMa * 1e-3, Q: ph.Q });
}

/** Build the float64 reference of a spintronic model (with device variability if given). */
export function referenceNetwork(model: CnnModel, variability?: Variability): ReferenceNetwork {
  if (model.params.kind !== 'spintronic') throw new RangeError('the float64 reference covers the spintronic network');
  const shapes = cnnShapes(model.arch);
  const layers = Array.from({ length: shapes.convs.length + 1 }, (_, l) => layerResonators(model, l, variability));
  const gains = model.params.gains;
  return {
    model,
    layers,
    forward(pixels) {
      let P = Float64Array.from(pixels, (v) => v * model.physics.inputPowerUw);
      const chains: Float64Array[] = [];
      const currents: Float64Array[] = [];
      const powers: Float64Array[] = [];
      shapes.convs.forEach((s, l) => {
        const U = chainVoltages(layers[l], P);
        const I = maxPool(U, s.outH, s.outW, s.spec.filters, s.spec.pool).map((u) => gains[l] * u);
        P = I.map((i) => stnoPowerUw(model, i));
        chains.push(U);
        currents.push(I);
        powers.push(P);
      });
      const fcChains = chainVoltages(layers[shapes.convs.length], P);
      const logits = fcChains.map((u) => gains[shapes.convs.length] * u);
      return { chains, currents, powers, fcChains, logits };
    },
  };
}
