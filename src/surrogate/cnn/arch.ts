// CNN architectures (paper 002's MNIST network and a small digits variant) and the layer shapes and device counts they imply.

/** A convolution layer: `filters` kernels of kernel x kernel, stride 1, zero padding `pad`, then max pooling pool x pool, stride pool. */
export interface ConvSpec {
  readonly filters: number;
  readonly kernel: number;
  readonly pad: number;
  readonly pool: number;
}

export interface CnnArch {
  readonly name: string;
  readonly input: { readonly height: number; readonly width: number; readonly channels: number };
  readonly convs: readonly ConvSpec[];
  readonly classes: number;
}

/** Paper 002 (Fig. 5a): conv 32 x 5x5 pad 1 -> pool 2 -> STNO -> conv 64 x 5x5 pad 1 -> pool 2 -> STNO -> FC 1600 x 10. */
export const MNIST_ARCH: CnnArch = {
  name: 'paper-mnist',
  input: { height: 28, width: 28, channels: 1 },
  convs: [
    { filters: 32, kernel: 5, pad: 1, pool: 2 },
    { filters: 64, kernel: 5, pad: 1, pool: 2 },
  ],
  classes: 10,
};

/** The quick variant for the 8x8 scikit-learn digits: conv 32 x 3x3 pad 1 -> pool 2 -> STNO -> conv 64 x 3x3 pad 1 -> pool 2 -> STNO -> FC 256 x 10. */
export const DIGITS_ARCH: CnnArch = {
  name: 'digits-small',
  input: { height: 8, width: 8, channels: 1 },
  convs: [
    { filters: 32, kernel: 3, pad: 1, pool: 2 },
    { filters: 64, kernel: 3, pad: 1, pool: 2 },
  ],
  classes: 10,
};

/** Shapes of one convolution layer: its input (the previous layer's neurons), its chains (one per output pixel and filter), its pooled output. */
export interface ConvShape {
  readonly spec: ConvSpec;
  /** Input neurons (height, width, channels); each is one RF channel of the layer's frequency plan. */
  readonly inH: number;
  readonly inW: number;
  readonly inC: number;
  /** Chains: outH x outW x filters, each of kernel^2 * inC resonators in series. */
  readonly outH: number;
  readonly outW: number;
  /** Pooled output (floor: a trailing row or column that fills no window is dropped). */
  readonly poolH: number;
  readonly poolW: number;
}

export interface CnnShapes {
  readonly convs: readonly ConvShape[];
  /** Inputs of the fully connected layer (the last pooled map flattened in (h, w, c) order). */
  readonly fcInputs: number;
  readonly classes: number;
}

/** Layer shapes of an architecture (throws on a layer that leaves no output). */
export function cnnShapes(arch: CnnArch): CnnShapes {
  let [h, w, c] = [arch.input.height, arch.input.width, arch.input.channels];
  const convs = arch.convs.map((spec, l) => {
    const outH = h + 2 * spec.pad - spec.kernel + 1;
    const outW = w + 2 * spec.pad - spec.kernel + 1;
    const poolH = Math.floor(outH / spec.pool);
    const poolW = Math.floor(outW / spec.pool);
    if (poolH < 1 || poolW < 1) throw new RangeError(`${arch.name}: convolution ${l} leaves no output (${outH} x ${outW} before pooling)`);
    const shape: ConvShape = { spec, inH: h, inW: w, inC: c, outH, outW, poolH, poolW };
    [h, w, c] = [poolH, poolW, spec.filters];
    return shape;
  });
  return { convs, fcInputs: h * w * c, classes: arch.classes };
}

/** Number of RF input channels (neurons feeding resonators) of each synaptic layer: the convolutions', then the FC layer's. */
export function layerInputs(shapes: CnnShapes): number[] {
  return [...shapes.convs.map((s) => s.inH * s.inW * s.inC), shapes.fcInputs];
}

/** Resonators per synaptic layer: chains x resonators per chain (conv: outH*outW*filters x k^2*inC; FC: classes x inputs). */
export function layerSynapses(shapes: CnnShapes): number[] {
  return [...shapes.convs.map((s) => s.outH * s.outW * s.spec.filters * s.spec.kernel ** 2 * s.inC), shapes.fcInputs * shapes.classes];
}

/** Sum over output positions of the filter taps that land inside an input of size n (zero padding has no RF channel). */
function tapsInside(n: number, out: number, k: number, pad: number): number {
  let taps = 0;
  for (let o = 0; o < out; o++) for (let i = 0; i < k; i++) if (o + i - pad >= 0 && o + i - pad < n) taps++;
  return taps;
}

/**
 * Device counts. Neurons are the RF emitters (input pixels and STNOs: 784 + 5408 + 1600 = 7792 for MNIST; the outputs go to
 * CMOS softmax). Synapses as paper 002 counts them: every filter tap of every chain (6.752 million for MNIST).
 * resonatorsWithInput leaves out the taps on zero padding, which receive no RF signal and need no device (6.29 million).
 */
export function deviceCounts(arch: CnnArch): {
  neurons: number;
  synapses: number;
  resonatorsWithInput: number;
  chains: number;
  perLayer: { inputs: number; resonators: number; resonatorsWithInput: number; chains: number }[];
} {
  const shapes = cnnShapes(arch);
  const inputs = layerInputs(shapes);
  const resonators = layerSynapses(shapes);
  const withInput = [
    ...shapes.convs.map((s) => tapsInside(s.inH, s.outH, s.spec.kernel, s.spec.pad) * tapsInside(s.inW, s.outW, s.spec.kernel, s.spec.pad) * s.inC * s.spec.filters),
    shapes.fcInputs * shapes.classes,
  ];
  const chains = [...shapes.convs.map((s) => s.outH * s.outW * s.spec.filters), shapes.classes];
  const perLayer = inputs.map((n, l) => ({ inputs: n, resonators: resonators[l], resonatorsWithInput: withInput[l], chains: chains[l] }));
  const sum = (xs: number[]) => xs.reduce((s, n) => s + n, 0);
  return { neurons: sum(inputs), synapses: sum(resonators), resonatorsWithInput: sum(withInput), chains: sum(chains), perLayer };
}
