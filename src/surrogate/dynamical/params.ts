// Trainable values and fixed density masks of the layered network: seeded init, flat packing for the kernel.
import { createRng, seedFor, type Rng } from '../../random/rng.ts';
import type { DynamicalConfig } from './config.ts';

/**
 * Matrices are row-major, row = receiving neuron, column = sending neuron (or input).
 * win: width x inputs (input -> layer 0); wext[l]: layer l -> layer l+1 (width x width, l = 0..layers-2);
 * wint[l]: layer l -> itself; b[l]: trainable bias of layer l; wout: classes x width readout of the last layer.
 * Masked entries are kept at exactly 0 (their gradient is 0 too, so they stay 0).
 */
export interface DynamicalParams {
  win: Float32Array;
  wext: Float32Array[];
  wint: Float32Array[];
  b: Float32Array[];
  wout: Float32Array;
  bout: Float32Array;
}

/** 1 = connection present. The readout is dense (the paper's 2896 synapses = 320 + 0.5 * 5152). */
export interface DynamicalMasks {
  win: Uint8Array;
  wext: Uint8Array[];
  wint: Uint8Array[];
}

const mask = (n: number, density: number, rng: Rng): Uint8Array => Uint8Array.from({ length: n }, () => (rng.uniform() < density ? 1 : 0));

/** Fixed random masks drawn from stream seedFor(seed, 0): each entry kept with probability = its density. */
export function drawMasks(c: DynamicalConfig, seed: number): DynamicalMasks {
  const rng = createRng(seedFor(seed, 0));
  const nn = c.width * c.width;
  return {
    win: mask(c.width * c.inputs, c.densityInter, rng),
    wext: Array.from({ length: c.layers - 1 }, () => mask(nn, c.densityInter, rng)),
    wint: Array.from({ length: c.layers }, () => mask(nn, c.densityIntra, rng)),
  };
}

/** Default initial drive I0 (1/ns) of initParams: the paper's design rule I * dt ~ 1 at half strength for 1 ns inputs. */
export const DEFAULT_INIT_DRIVE = 0.5;

/**
 * Physical weights (1/ns) at the paper's design rule (eq. 9): the drive I = S <|W|> sqrt(N_fanin) starts at initDrive.
 * Connections between neurons W ~ U(-a, a) with a = 2 I0 / (S sqrt(N_fanin)), N_fanin = (d_inter + d_intra) width;
 * input weights U(-2 I0 / S, 2 I0 / S) (a unit input drives I0). Masked entries 0, biases 0, readout
 * U(+-1/sqrt(width)) (PyTorch's Linear default). Stream seedFor(seed, 1).
 */
export function initParams(c: DynamicalConfig, masks: DynamicalMasks, seed: number, initDrive = DEFAULT_INIT_DRIVE): DynamicalParams {
  const rng = createRng(seedFor(seed, 1));
  const uni = (m: Uint8Array | undefined, n: number, a: number) =>
    Float32Array.from({ length: n }, (_, i) => {
      const w = (2 * rng.uniform() - 1) * a;
      return m && !m[i] ? 0 : w;
    });
  const fanIn = Math.max(1, (c.densityInter + c.densityIntra) * c.width);
  const aHidden = (2 * initDrive) / (c.S * Math.sqrt(fanIn));
  const aInput = (2 * initDrive) / c.S;
  return {
    win: uni(masks.win, c.width * c.inputs, aInput),
    wext: masks.wext.map((m) => uni(m, c.width * c.width, aHidden)),
    wint: masks.wint.map((m) => uni(m, c.width * c.width, aHidden)),
    b: Array.from({ length: c.layers }, () => new Float32Array(c.width)),
    wout: uni(undefined, c.classes * c.width, 1 / Math.sqrt(c.width)),
    bout: new Float32Array(c.classes),
  };
}

/** The dynamics parameters in kernel order: win, wext[0..], wint[0..], b[0..] (the readout is separate). */
export function dynamicsArrays(p: DynamicalParams): Float32Array[] {
  return [p.win, ...p.wext, ...p.wint, ...p.b];
}

/** Rebuild a params object from arrays in the order of dynamicsArrays plus the readout. */
export function fromArrays(c: DynamicalConfig, dyn: Float32Array[], wout: Float32Array, bout: Float32Array): DynamicalParams {
  const L = c.layers;
  return { win: dyn[0], wext: dyn.slice(1, L), wint: dyn.slice(L, 2 * L), b: dyn.slice(2 * L, 3 * L), wout, bout };
}

/** Count of connections present (masks) in the dynamics plus the dense readout. */
export function synapseCount(c: DynamicalConfig, m: DynamicalMasks): number {
  const ones = (a: Uint8Array) => a.reduce((s, v) => s + v, 0);
  return ones(m.win) + m.wext.reduce((s, a) => s + ones(a), 0) + m.wint.reduce((s, a) => s + ones(a), 0) + c.classes * c.width;
}
