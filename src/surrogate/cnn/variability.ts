// Resonator-to-resonator variability (paper 002 eq. 4): f_res = (f_RF + Gamma N(0, sigma)) (1 - zeta), one draw per resonator, seeded.
import { createRng, seedFor } from '../../random/rng.ts';
import { cnnShapes, type CnnArch } from './arch.ts';

/**
 * Standard normal draws n, one per resonator, so that f_res = f_res,nominal * (1 + alpha * sigma * n): with Gamma = alpha f_RF
 * (the half width of the resonance, where the anti-Lorentzian peaks), eq. 4 gives (f + alpha f sigma n)(1 - zeta). The draws do
 * not depend on sigma, so a sweep over sigma scales the same devices (common random numbers). Layouts:
 * conv layer: index (p * K + q) * M + m, p = h * outW + w the chain's output pixel, q = (i * k + j) * C + c its place in the filter,
 * m the filter; FC layer: k * classes + m, k the input channel.
 */
export interface DeviceDraws {
  readonly seed: number;
  readonly conv: Float64Array[];
  readonly fc: Float64Array;
}

/** Seeded draws for every resonator of an architecture (layer l uses createRng(seedFor(seed, l))). */
export function drawDevices(arch: CnnArch, seed: number): DeviceDraws {
  const shapes = cnnShapes(arch);
  const fill = (n: number, layer: number) => {
    const rng = createRng(seedFor(seed, layer));
    return Float64Array.from({ length: n }, () => rng.normal());
  };
  return {
    seed,
    conv: shapes.convs.map((s, l) => fill(s.outH * s.outW * s.spec.kernel ** 2 * s.inC * s.spec.filters, l)),
    fc: fill(shapes.fcInputs * shapes.classes, shapes.convs.length),
  };
}

/** A variability setting: sigma (in units of the resonance half width Gamma) and the devices it scales. */
export interface Variability {
  readonly sigma: number;
  readonly draws: DeviceDraws;
}

/** Relative resonance shift 1 + alpha * sigma * n of one resonator. */
export const detuneFactor = (alpha: number, sigma: number, n: number) => 1 + alpha * sigma * n;
