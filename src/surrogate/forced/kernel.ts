// Float64 forced-Kuramoto kernels over a batch (paper 003 on paper 000's scheme): forward f_bar and d f_bar / d F.
//
// Oscillator i: f_i = F_i + k sum_j sin(theta_j - theta_i) + sum_s k_s sin(phi_s - theta_i), phi_s = phi_s0 + 2 pi f_s t,
// integrated by explicit Euler theta_i += 2 pi dt f_i (paper 000's map) in a frame rotating at F0 = mean(F). Both sums
// are mean fields over unit phasors: k (c_i S - s_i C) + (c_i Ss - s_i Cs) with S, C the oscillators' sums and
// Ss = sum_s k_s sin phi_s, Cs = sum_s k_s cos phi_s: the RF line of the rfSource/stnoPhase circuit, where every
// phasor on the line reaches every oscillator. Sources are exact rotations (they feel nothing).
// Jacobian by forward sensitivities (paper 000 eq. 7 with the forcing term), P = d theta / d F (n x n):
//   Q_ia = delta_ia + k (c_i u_a + s_i v_a) - P_ia g_i,   u_a = sum_j c_j P_ja, v_a = sum_j s_j P_ja,
//   g_i = k (c_i C + s_i S) + (c_i Cs + s_i Ss),          P <- rho P + h Q,  d f_bar / d F = mean of Q over the window.
// rho = exp(-dt / horizon) < 1 forgets sensitivities older than ~horizon (truncated; 1 = exact).
import { createRng, type Rng } from '../../random/rng.ts';
import { stepPlan } from '../kuramoto/params.ts';
import type { ForcedSettings } from './params.ts';

/** A batch of runs: natural frequencies `F[b * n + i]` and source frequencies `fs[b * m + s]` (Hz). */
export interface ForcedBatch {
  readonly F: Float64Array;
  readonly fs: Float64Array;
  readonly batch: number;
  readonly n: number;
  readonly m: number;
  /** One seed per example: initial phases of the n oscillators then of the m sources, then phase noise. */
  readonly seeds: ArrayLike<number>;
}

/** Initial phases (rad) of a run seeded with `seed`: n oscillators then m sources (for circuit parity runs). */
export function forcedInitialPhases(seed: number, n: number, m: number): { oscillators: number[]; sources: number[] } {
  const rng = createRng(seed >>> 0);
  const oscillators = Array.from({ length: n }, () => 2 * Math.PI * rng.uniform());
  const sources = Array.from({ length: m }, () => 2 * Math.PI * rng.uniform());
  return { oscillators, sources };
}

/** Forward pass: `fbar[b * n + i]` (Hz), noisy if settings.linewidth > 0. */
export function forcedForward(input: ForcedBatch, settings: ForcedSettings): Float64Array {
  return run(input, settings, false, Infinity).fbar;
}

/**
 * Forward pass plus d fbar / d F by forward sensitivities (noiseless): `jacobian[(b * n + i) * n + a]` = d fbar_i / d F_a.
 * `horizon` (s) truncates the sensitivities (default Infinity: exact).
 */
export function forcedSensitivity(input: ForcedBatch, settings: ForcedSettings, horizon = Infinity): { fbar: Float64Array; jacobian: Float64Array } {
  if (settings.linewidth > 0) throw new Error('gradients are defined for the noiseless model only');
  const r = run(input, settings, true, horizon);
  return { fbar: r.fbar, jacobian: r.jacobian! };
}

function run(input: ForcedBatch, settings: ForcedSettings, sensitivity: boolean, horizon: number): { fbar: Float64Array; jacobian: Float64Array | null } {
  const { batch, n, m } = input;
  if (settings.injection.length !== m) throw new RangeError(`settings give ${settings.injection.length} injection strengths for ${m} sources`);
  if (!(horizon > 0)) throw new RangeError(`horizon must be > 0 s, got ${horizon}`);
  const fbar = new Float64Array(batch * n);
  const jacobian = sensitivity ? new Float64Array(batch * n * n) : null;
  const plan = stepPlan(settings);
  const h = 2 * Math.PI * settings.dt;
  const k = settings.coupling;
  const sigma = Math.sqrt(2 * Math.PI * settings.dt * settings.linewidth);
  const rho = Number.isFinite(horizon) ? Math.exp(-settings.dt / horizon) : 1;
  const c = new Float64Array(n);
  const s = new Float64Array(n);
  const d = new Float64Array(n);
  const acc = new Float64Array(n);
  const cs = new Float64Array(m);
  const ss = new Float64Array(m);
  const rotC = new Float64Array(m);
  const rotS = new Float64Array(m);
  const P = new Float64Array(n * n);
  const Q = new Float64Array(n * n);
  const J = new Float64Array(n * n);
  const u = new Float64Array(n);
  const v = new Float64Array(n);
  const f = new Float64Array(n);
  for (let b = 0; b < batch; b++) {
    const rng: Rng = createRng(input.seeds[b] >>> 0);
    let F0 = 0;
    for (let i = 0; i < n; i++) F0 += input.F[b * n + i];
    F0 /= n;
    for (let i = 0; i < n; i++) {
      const th = 2 * Math.PI * rng.uniform(); // same draws as forcedInitialPhases
      c[i] = Math.cos(th);
      s[i] = Math.sin(th);
      d[i] = input.F[b * n + i] - F0;
      acc[i] = 0;
    }
    for (let q = 0; q < m; q++) {
      const ph = 2 * Math.PI * rng.uniform();
      cs[q] = Math.cos(ph);
      ss[q] = Math.sin(ph);
      const w = h * (input.fs[b * m + q] - F0);
      rotC[q] = Math.cos(w);
      rotS[q] = Math.sin(w);
    }
    P.fill(0);
    J.fill(0);
    for (let t = 0; t < plan.steps; t++) {
      const averaging = t >= plan.firstAveraged;
      let S = 0;
      let C = 0;
      for (let i = 0; i < n; i++) {
        S += s[i];
        C += c[i];
      }
      let Ss = 0;
      let Cs = 0;
      for (let q = 0; q < m; q++) {
        const kq = settings.injection[q];
        Ss += kq * ss[q];
        Cs += kq * cs[q];
      }
      if (sensitivity) {
        for (let a = 0; a < n; a++) {
          let ua = 0;
          let va = 0;
          for (let j = 0; j < n; j++) {
            ua += c[j] * P[j * n + a];
            va += s[j] * P[j * n + a];
          }
          u[a] = ua;
          v[a] = va;
        }
        for (let i = 0; i < n; i++) {
          const g = k * (c[i] * C + s[i] * S) + (c[i] * Cs + s[i] * Ss);
          for (let a = 0; a < n; a++) {
            const qa = (a === i ? 1 : 0) + k * (c[i] * u[a] + s[i] * v[a]) - P[i * n + a] * g;
            Q[i * n + a] = qa;
            if (averaging) J[i * n + a] += qa;
          }
        }
        for (let q = 0; q < n * n; q++) P[q] = rho * P[q] + h * Q[q];
      }
      for (let i = 0; i < n; i++) f[i] = d[i] + k * (c[i] * S - s[i] * C) + (c[i] * Ss - s[i] * Cs);
      for (let i = 0; i < n; i++) {
        if (averaging) acc[i] += f[i];
        const a = h * f[i] + (sigma > 0 ? sigma * rng.normal() : 0);
        const a2 = a * a;
        // rotation by a (|a| < 0.2 rad: Taylor to a^8, truncation < 1e-12), as in the Kuramoto kernels
        const ca = 1 + a2 * (-0.5 + a2 * (1 / 24 + a2 * (-1 / 720 + a2 * (1 / 40320))));
        const sa = a * (1 + a2 * (-1 / 6 + a2 * (1 / 120 + a2 * (-1 / 5040))));
        const cn = c[i] * ca - s[i] * sa;
        s[i] = s[i] * ca + c[i] * sa;
        c[i] = cn;
      }
      for (let q = 0; q < m; q++) {
        const cn = cs[q] * rotC[q] - ss[q] * rotS[q];
        ss[q] = ss[q] * rotC[q] + cs[q] * rotS[q];
        cs[q] = cn;
      }
      if ((t & 1023) === 1023) renormalise(c, s, cs, ss);
    }
    for (let i = 0; i < n; i++) fbar[b * n + i] = F0 + acc[i] / plan.averaged;
    if (jacobian) for (let q = 0; q < n * n; q++) jacobian[b * n * n + q] = J[q] / plan.averaged;
  }
  return { fbar, jacobian };
}

/** Pulls the phasors back onto the unit circle (rounding drift of the repeated rotations). */
function renormalise(c: Float64Array, s: Float64Array, cs: Float64Array, ss: Float64Array): void {
  for (let i = 0; i < c.length; i++) {
    const r = 1 / Math.sqrt(c[i] * c[i] + s[i] * s[i]);
    c[i] *= r;
    s[i] *= r;
  }
  for (let q = 0; q < cs.length; q++) {
    const r = 1 / Math.sqrt(cs[q] * cs[q] + ss[q] * ss[q]);
    cs[q] *= r;
    ss[q] *= r;
  }
}
