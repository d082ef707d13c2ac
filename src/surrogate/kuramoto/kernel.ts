// Float64 Kuramoto kernels over a batch (PHYSICS.md 1, paper 000 eqs. 6-8): forward f_bar, Jacobian by forward
// sensitivities (eq. 7), and vector-Jacobian product by an adjoint pass.
//
// Scheme: explicit Euler theta_i(t+dt) = theta_i(t) + 2 pi dt f_i(t), f_i = F_i + k sum_j sin(theta_j - theta_i),
// exactly the paper's map, carried as the unit phasor (cos, sin) of psi_i = theta_i - 2 pi F0 t in a frame rotating
// at F0 = mean(F) (the coupling sees only phase differences, so nothing changes). The phase advance is a rotation
// whose cos/sin come from a Taylor polynomial (|angle| < 0.2 rad, truncation < 1e-12): no trig call per step.
// The coupling is the exact mean field sum_j sin(theta_j - theta_i) = cos_i S - sin_i C, O(N) per step.
// f_bar_i = mean of f_i(t) over the last `window` (the deterministic f_i of eq. 8; noise enters through the phases).
import { createRng, type Rng } from '../../random/rng.ts';
import { kernelFor, type KernelArgs } from './codegen.ts';
import { stepPlan, type KuramotoSettings } from './params.ts';

/** A batch of natural-frequency vectors: `F[b * n + i]` (Hz) for example b, oscillator i. */
export interface FrequencyBatch {
  readonly F: Float64Array;
  readonly batch: number;
  readonly n: number;
  /** One seed per example: initial phases (then phase noise) are drawn from createRng(seeds[b]). */
  readonly seeds: ArrayLike<number>;
}

/**
 * Forward pass: mean instantaneous frequency over the window, `fbar[b * n + i]` (Hz). Noisy if settings.linewidth > 0.
 * `couplingScale` (length n) gives oscillator i the coupling k * couplingScale[i] (device mismatch of k).
 */
export function kuramotoForward(input: FrequencyBatch, settings: KuramotoSettings, couplingScale?: ArrayLike<number>): Float64Array {
  const fbar = new Float64Array(input.batch * input.n);
  const noise = settings.linewidth > 0;
  if (couplingScale && couplingScale.length !== input.n) throw new RangeError(`couplingScale needs ${input.n} entries, got ${couplingScale.length}`);
  const run = kernelFor({ n: input.n, kind: 'forward', noise, scaledCoupling: couplingScale !== undefined });
  const args = argsFor(input.n, settings);
  if (couplingScale) args.kScale = Float64Array.from(couplingScale);
  for (let b = 0; b < input.batch; b++) {
    const { F0, rng } = load(input, b, args);
    if (noise) args.normal = () => rng.normal();
    run(args);
    store(fbar, b, input.n, F0, args);
  }
  return fbar;
}

/**
 * Forward pass plus the full Jacobian d fbar / d F by forward sensitivities (paper eq. 7), noiseless:
 * P = d theta / d F, Q = d f / d F = I + J P, P += h Q, Jacobian = mean of Q over the window. O(N^2) per step.
 * `jacobian[(b * n + i) * n + a]` = d fbar_i / d F_a (dimensionless) for example b.
 */
export function kuramotoSensitivity(input: FrequencyBatch, settings: KuramotoSettings): { fbar: Float64Array; jacobian: Float64Array } {
  const { batch, n } = input;
  const fbar = new Float64Array(batch * n);
  const jacobian = new Float64Array(batch * n * n);
  const run = kernelFor({ n, kind: 'sensitivity' });
  const args = argsFor(n, settings, 2 * n * n);
  const scale = 1 / (args.h * (args.steps - args.first));
  for (let b = 0; b < batch; b++) {
    const { F0 } = load(input, b, args);
    run(args);
    store(fbar, b, n, F0, args);
    // mean of Q = dP/dt over the window = (P_end - P_windowStart) / (h L)
    for (let q = 0; q < n * n; q++) jacobian[b * n * n + q] = (args.out[q] - args.out[n * n + q]) * scale;
  }
  return { fbar, jacobian };
}

/**
 * Forward pass plus chosen rows of the Jacobian by adjoint passes (one adjoint vector per row, all carried in one
 * reverse sweep), noiseless. `jacobian[(b * R + r) * n + a]` = d fbar_{rows[r]} / d F_a. Cheaper than eq. 7 when
 * only the read-out oscillators' rows are needed (R = 2 for one output pair). A finite `horizon` (s) makes the adjoint
 * forget at rate 1/horizon (truncated back-propagation through time: sensitivities older than ~horizon are dropped),
 * which keeps gradients meaningful where the 1 us dynamics is chaotic; Infinity (default) is the exact Jacobian.
 */
export function kuramotoJacobianRows(
  input: FrequencyBatch,
  settings: KuramotoSettings,
  rows: readonly number[],
  horizon = Infinity,
): { fbar: Float64Array; jacobian: Float64Array } {
  const { batch, n } = input;
  const R = rows.length;
  const seeds = new Float64Array(batch * R * n);
  for (let b = 0; b < batch; b++) rows.forEach((row, r) => (seeds[(b * R + r) * n + row] = 1));
  const { fbar, grad } = reverseMode(input, settings, seeds, R, horizon);
  return { fbar, jacobian: grad };
}

/**
 * Forward pass plus the vector-Jacobian product grad_a = sum_i gbar_i d fbar_i / d F_a by one adjoint (reverse) pass
 * over the recorded trajectory, noiseless. `gbar` and `grad` are laid out like F.
 */
export function kuramotoVjp(input: FrequencyBatch, settings: KuramotoSettings, gbar: Float64Array): { fbar: Float64Array; grad: Float64Array } {
  return reverseMode(input, settings, gbar, 1, Infinity);
}

/** Forward run recording phasors, then one reverse sweep carrying R adjoint vectors seeded by `seeds[(b*R + r)*n + i]`. */
function reverseMode(
  input: FrequencyBatch,
  settings: KuramotoSettings,
  seeds: Float64Array,
  R: number,
  horizon: number,
): { fbar: Float64Array; grad: Float64Array } {
  const { batch, n } = input;
  const fbar = new Float64Array(batch * n);
  const grad = new Float64Array(batch * R * n);
  const forward = kernelFor({ n, kind: 'forward', record: true });
  const reverse = kernelFor({ n, kind: 'reverse', rows: R });
  const args = argsFor(n, settings, R * n);
  args.trajC = new Float64Array(args.steps * n);
  args.trajS = new Float64Array(args.steps * n);
  args.rho = Number.isFinite(horizon) ? Math.exp(-settings.dt / horizon) : 1;
  const L = args.steps - args.first;
  for (let b = 0; b < batch; b++) {
    const { F0 } = load(input, b, args);
    forward(args);
    store(fbar, b, n, F0, args);
    const seedRow = new Float64Array(R * n);
    for (let q = 0; q < R * n; q++) seedRow[q] = seeds[b * R * n + q] / L;
    args.acc = seedRow;
    reverse(args);
    grad.set(args.out, b * R * n);
    args.acc = new Float64Array(n);
  }
  return { fbar, grad };
}

const noNoise = () => 0;

function argsFor(n: number, settings: KuramotoSettings, outLength = 0): KernelArgs {
  const plan = stepPlan(settings);
  return {
    steps: plan.steps,
    first: plan.firstAveraged,
    h: 2 * Math.PI * settings.dt,
    k: settings.coupling,
    sigma: Math.sqrt(2 * Math.PI * settings.dt * settings.linewidth),
    normal: noNoise,
    c: new Float64Array(n),
    s: new Float64Array(n),
    d: new Float64Array(n),
    acc: new Float64Array(n),
    out: new Float64Array(outLength),
    trajC: new Float64Array(0),
    trajS: new Float64Array(0),
    rho: 1,
    kScale: new Float64Array(0),
  };
}

/** Initial phases theta_i(0) in [0, 2 pi) of a run seeded with `seed` (what the kernels use; for SPICE parity runs). */
export function initialPhases(seed: number, n: number): number[] {
  const rng = createRng(seed >>> 0);
  return Array.from({ length: n }, () => 2 * Math.PI * rng.uniform());
}

/** Loads example b: initial phases from its seed (then its noise stream), detunings from F0 = mean(F). */
function load(input: FrequencyBatch, b: number, args: KernelArgs): { F0: number; rng: Rng } {
  const { n, F } = input;
  const rng = createRng(input.seeds[b] >>> 0);
  let F0 = 0;
  for (let i = 0; i < n; i++) F0 += F[b * n + i];
  F0 /= n;
  for (let i = 0; i < n; i++) {
    const th = 2 * Math.PI * rng.uniform(); // same draws as initialPhases(seeds[b], n)
    args.c[i] = Math.cos(th);
    args.s[i] = Math.sin(th);
    args.d[i] = F[b * n + i] - F0;
  }
  return { F0, rng };
}

function store(fbar: Float64Array, b: number, n: number, F0: number, args: KernelArgs): void {
  const L = args.steps - args.first;
  for (let i = 0; i < n; i++) fbar[b * n + i] = F0 + args.acc[i] / L;
}
