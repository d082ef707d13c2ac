// Emits the Kuramoto step loops unrolled over the N oscillators (state in local variables, no array bounds checks).
//
// Each emitted function integrates ONE example; kernel.ts drives them over a batch. The unrolled form runs 1.6x
// faster than indexed loops in V8 and reaches about the scalar arithmetic limit. Variables in the emitted code:
// c_i, s_i = cos, sin of the phase in the frame rotating at F0; d_i = F_i - F0; m_i = running sum of f_i - F0;
// p_i_a = d theta_i / d F_a (sensitivity); l_i = adjoint of theta_i; g_i = accumulated gradient.

/** Options selecting a kernel variant. */
export interface KernelVariant {
  readonly n: number;
  /** 'forward': f_bar only; 'sensitivity': f_bar and the Jacobian (eq. 7); 'reverse': adjoint pass over a trajectory. */
  readonly kind: 'forward' | 'sensitivity' | 'reverse';
  /** forward only: record the phasors of every step into trajC/trajS (for the reverse pass). */
  readonly record?: boolean;
  /** forward only: add phase noise sigma * normal() to each phase advance (eq. 8). */
  readonly noise?: boolean;
  /** forward only: oscillator i feels coupling k * kScale[i] (device-to-device mismatch of k). */
  readonly scaledCoupling?: boolean;
  /** reverse only: number of adjoint vectors carried together (1 for a VJP, one per Jacobian row otherwise). */
  readonly rows?: number;
}

/** Arguments of every emitted kernel (unused ones are ignored by a variant). */
export interface KernelArgs {
  steps: number;
  first: number;
  h: number;
  k: number;
  sigma: number;
  normal: () => number;
  c: Float64Array;
  s: Float64Array;
  d: Float64Array;
  /** forward/sensitivity: out, sum of (f_i - F0) over the window. reverse: in, seeds gbar_ri / L (rows x n). */
  acc: Float64Array;
  /** sensitivity: out, P at the end (n*n) then P at the window start (n*n). reverse: out, gradients (rows x n). */
  out: Float64Array;
  trajC: Float64Array;
  trajS: Float64Array;
  /** reverse: per-step decay of the adjoint, exp(-dt / horizon); 1 = exact gradient. */
  rho: number;
  /** forward with scaledCoupling: per-oscillator factor on k (n). */
  kScale: Float64Array;
}

type Kernel = (a: KernelArgs) => void;
const cache = new Map<string, Kernel>();

/** The compiled kernel for a variant (compiled once per process and variant). */
export function kernelFor(v: KernelVariant): Kernel {
  const key = `${v.n}:${v.kind}:${v.record ? 1 : 0}:${v.noise ? 1 : 0}:${v.scaledCoupling ? 1 : 0}:${v.rows ?? 1}`;
  let fn = cache.get(key);
  if (!fn) {
    const body = v.kind === 'reverse' ? reverseSource(v.n, v.rows ?? 1) : forwardSource(v);
    fn = new Function('A', body) as Kernel;
    cache.set(key, fn);
  }
  return fn;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const sum = (n: number, term: (i: number) => string) => range(n).map(term).join(' + ');

/** One Euler step of the phasors, with optional window sum, recording, noise and sensitivity update. */
function stepSource(v: KernelVariant, averaging: boolean): string {
  const { n } = v;
  const L: string[] = [];
  L.push(`S = ${sum(n, (i) => `s${i}`)}; C = ${sum(n, (i) => `c${i}`)};`);
  if (v.record) {
    L.push(`o = t * ${n};`);
    for (const i of range(n)) L.push(`trajC[o + ${i}] = c${i}; trajS[o + ${i}] = s${i};`);
  }
  if (v.kind === 'sensitivity') {
    // (J P)_ia = k [c_i u_a + s_i v_a - P_ia (c_i C + s_i S)],  u_a = sum_j c_j P_ja,  v_a = sum_j s_j P_ja
    for (const a of range(n)) {
      L.push(`const u${a} = ${sum(n, (j) => `c${j} * p${j}_${a}`)};`);
      L.push(`const v${a} = ${sum(n, (j) => `s${j} * p${j}_${a}`)};`);
    }
    for (const i of range(n)) {
      L.push(`{ const keep = 1 - hk * (c${i} * C + s${i} * S), hc = hk * c${i}, hs = hk * s${i};`);
      for (const a of range(n)) {
        L.push(`  p${i}_${a} = p${i}_${a} * keep + hc * u${a} + hs * v${a}${a === i ? ' + h' : ''};`);
      }
      L.push('}');
    }
  }
  for (const i of range(n)) {
    L.push(`{ const f = d${i} + ${v.scaledCoupling ? `k${i}` : 'k'} * (c${i} * S - s${i} * C);`);
    if (averaging) L.push(`  m${i} += f;`);
    L.push(`  const a = h * f${v.noise ? ' + sigma * normal()' : ''}, a2 = a * a;`);
    L.push('  const ca = 1 + a2 * (-0.5 + a2 * (1 / 24 + a2 * (-1 / 720 + a2 * (1 / 40320))));');
    L.push('  const sa = a * (1 + a2 * (-1 / 6 + a2 * (1 / 120 + a2 * (-1 / 5040))));');
    L.push(`  const cn = c${i} * ca - s${i} * sa; s${i} = s${i} * ca + c${i} * sa; c${i} = cn; }`);
  }
  return L.join('\n');
}

/** Steps t in [from, to) in chunks of 1024, pulling the phasors back onto the unit circle after each chunk. */
function loopSource(v: KernelVariant, from: string, to: string, averaging: boolean): string {
  const renorm = range(v.n).map((i) => `r = 1 / Math.sqrt(c${i} * c${i} + s${i} * s${i}); c${i} *= r; s${i} *= r;`);
  return [
    `for (let t0 = ${from}; t0 < ${to}; t0 += 1024) {`,
    `  const t1 = Math.min(t0 + 1024, ${to});`,
    `  for (let t = t0; t < t1; t++) {\n${stepSource(v, averaging)}\n}`,
    ...renorm,
    '}',
  ].join('\n');
}

function forwardSource(v: KernelVariant): string {
  const { n } = v;
  const sens = v.kind === 'sensitivity';
  const L: string[] = [];
  L.push('const { steps, first, h, k, sigma, normal, c, s, d, acc, out, trajC, trajS, kScale } = A;');
  L.push('const hk = h * k; let S = 0, C = 0, r = 0, o = 0;');
  if (v.scaledCoupling) for (const i of range(n)) L.push(`const k${i} = k * kScale[${i}];`);
  for (const i of range(n)) L.push(`let c${i} = c[${i}], s${i} = s[${i}]; const d${i} = d[${i}]; let m${i} = 0;`);
  if (sens) for (const i of range(n)) L.push(`let ${range(n).map((a) => `p${i}_${a} = 0`).join(', ')};`);
  L.push(loopSource(v, '0', 'first', false));
  if (sens) for (const i of range(n)) for (const a of range(n)) L.push(`out[${n * n + i * n + a}] = p${i}_${a};`);
  L.push(loopSource(v, 'first', 'steps', true));
  if (sens) for (const i of range(n)) for (const a of range(n)) L.push(`out[${i * n + a}] = p${i}_${a};`);
  for (const i of range(n)) L.push(`c[${i}] = c${i}; s[${i}] = s${i}; acc[${i}] = m${i};`);
  return L.join('\n');
}

/**
 * Reverse pass over a recorded trajectory, from the last step to the first, for R adjoint vectors at once
 * (row r seeded with acc[r * n + i] = gbar_ri / L). For each row:
 * mu_i = gbar_i / L [t in window] + h l_i;  g_i += mu_i;  l_j += k [c_j A + s_j B - mu_j (c_j C + s_j S)]
 * with A = sum mu cos, B = sum mu sin (the transposed mean-field coupling Jacobian). out[r * n + i] = g_ri.
 * With rho < 1 the adjoint forgets at rate 1/horizon (rho = exp(-dt/horizon)): a truncated-BPTT gradient.
 */
function reverseSource(n: number, rows: number): string {
  const L: string[] = [];
  L.push('const { steps, first, h, k, acc, out, trajC, trajS, rho } = A;');
  for (const r of range(rows)) for (const i of range(n)) L.push(`let l${r}_${i} = 0, g${r}_${i} = 0; const w${r}_${i} = acc[${r * n + i}];`);
  const body = (window: boolean) => {
    const B: string[] = [`const o = t * ${n};`];
    for (const i of range(n)) B.push(`const c${i} = trajC[o + ${i}], s${i} = trajS[o + ${i}];`);
    B.push(`const S = ${sum(n, (i) => `s${i}`)}, C = ${sum(n, (i) => `c${i}`)};`);
    for (const i of range(n)) B.push(`const q${i} = c${i} * C + s${i} * S;`);
    for (const r of range(rows)) {
      B.push('{');
      for (const i of range(n)) B.push(`const mu${i} = ${window ? `w${r}_${i} + ` : ''}h * l${r}_${i}; g${r}_${i} += mu${i};`);
      B.push(`const Am = ${sum(n, (i) => `mu${i} * c${i}`)}, Bm = ${sum(n, (i) => `mu${i} * s${i}`)};`);
      for (const j of range(n)) B.push(`l${r}_${j} = rho * (l${r}_${j} + k * (c${j} * Am + s${j} * Bm - mu${j} * q${j}));`);
      B.push('}');
    }
    return B.join('\n');
  };
  L.push(`for (let t = steps - 1; t >= first; t--) {\n${body(true)}\n}`);
  L.push(`for (let t = first - 1; t >= 0; t--) {\n${body(false)}\n}`);
  for (const r of range(rows)) for (const i of range(n)) L.push(`out[${r * n + i}] = g${r}_${i};`);
  return L.join('\n');
}
