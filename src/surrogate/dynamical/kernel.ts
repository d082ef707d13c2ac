// Hand-written float64 RK4 forward pass and its exact discrete adjoint (BPTT) for the layered STNO / CTRNN network.
import { gammaOf, omegaCutOf, stepOf, type DynamicalConfig } from './config.ts';
import type { DynamicalMasks } from './params.ts';

/*
 * State per neuron g (global index l*width + i) and sample b, stored neuron-major at g*B + b:
 *   spintronic: x (power) and z = y - x (filter state, so that y = x + z), dz/dt = -omega_cut (z + x),
 *               which is dy/dt = -omega_cut y + dx/dt; dx/dt = -gamma x + I x (1 - x)
 *   ctrnn:      x only, y = tanh(x), dx/dt = -gamma x + I
 * Drive I_g = S (b_g + sum_k W_gk v_k) + b_fixed with v = [y (all neurons); u (inputs)], only masked-in
 * connections stored (CSR). Input u_t is held constant over [t dt, (t+1) dt); each interval takes `substeps`
 * classical RK4 steps. The backward pass recomputes one input interval at a time from checkpoints and
 * propagates adjoints through the RK4 stages exactly (discrete adjoint), so gradients are those of the
 * discrete forward map.
 */

/** Default memory for keeping every RK4 stage of a taped forward (else one input interval is recomputed at a time). */
const FULL_TAPE_BYTES = 192 * 2 ** 20;

/** Cached quantities of one RK4 stage: stage state x (and z for the spintronic model), sources v, drive I. */
interface StageCache {
  x: Float64Array;
  v: Float64Array;
  I: Float64Array;
}

/** Per-neuron rates (1/ns, global neuron order l * width + i) replacing the config's gamma and omega_cut (mismatch studies). */
export interface NeuronRates {
  readonly gamma?: ArrayLike<number>;
  readonly omega?: ArrayLike<number>;
}

/** Observer of trajectories: called at t = 0 and after every RK4 step with x, v = [y; u] and the drive I. */
export type TrajectoryObserver = (tNs: number, x: Float64Array, v: Float64Array, I: Float64Array) => void;

export class DynamicsKernel {
  readonly G: number;
  readonly thetaSize: number;
  /** Offsets in theta of win, wext[l], wint[l], b[l] (kernel order, as dynamicsArrays). */
  readonly offsets: number[];
  private readonly rowStart: Int32Array;
  private readonly col: Int32Array;
  private readonly pidx: Int32Array;
  /** Transposed structure over neuron columns (CSC): entries colStart[c]..colStart[c+1] of tRow / tK. */
  private readonly colStart: Int32Array;
  private readonly tRow: Int32Array;
  private readonly tK: Int32Array;
  /** Per-batch gathered weights (wk[k] = theta[pidx[k]], wT the same in CSC order) and offsets col * B, row * B. */
  private wk = new Float64Array(0);
  private wT = new Float64Array(0);
  private colB = new Int32Array(0);
  private tRowB = new Int32Array(0);
  private readonly biasOff: number;
  private readonly stno: boolean;
  /** Per-neuron damping gamma_g and filter corner omega_g (1/ns): the config's values unless mismatched rates are given. */
  private readonly gamma: Float64Array;
  private readonly omega: Float64Array;
  private readonly h: number;
  private theta: Float64Array = new Float64Array(0);
  /** Batch size padded to a multiple of 4 (the inner loops are unrolled by 4; padded samples have zero input and adjoint). */
  private B = 0;
  private batch = 0;
  private T = 0;
  private u: Float32Array = new Float32Array(0);
  private ckX: Float64Array[] = [];
  private ckZ: Float64Array[] = [];
  private finalX = new Float64Array(0);
  private caches: StageCache[] = [];
  /** True when the last taped forward kept every stage (backward then skips the recomputation). */
  private fullTape = false;
  private kx: Float64Array[] = [];
  private kz: Float64Array[] = [];
  private sx = new Float64Array(0);
  private sz = new Float64Array(0);
  private ucol = new Float64Array(0);
  private gp = new Float64Array(0);

  constructor(
    readonly cfg: DynamicalConfig,
    masks: DynamicalMasks,
    private readonly fullTapeBytes = FULL_TAPE_BYTES,
    rates?: NeuronRates,
  ) {
    const { layers: L, width: N, inputs: P } = cfg;
    this.G = L * N;
    this.stno = cfg.model === 'spintronic';
    const perNeuron = (v: ArrayLike<number> | undefined, nominal: number, field: string) => {
      if (v && v.length !== this.G) throw new RangeError(`${field} needs ${this.G} per-neuron values, got ${v.length}`);
      return v ? Float64Array.from(v) : new Float64Array(this.G).fill(nominal);
    };
    this.gamma = perNeuron(rates?.gamma, gammaOf(cfg), 'gamma');
    this.omega = perNeuron(rates?.omega, omegaCutOf(cfg), 'omega');
    this.h = stepOf(cfg);
    const sizes = [N * P, ...Array(L - 1).fill(N * N), ...Array(L).fill(N * N), ...Array(L).fill(N)];
    this.offsets = [];
    let off = 0;
    for (const s of sizes) {
      this.offsets.push(off);
      off += s;
    }
    this.thetaSize = off;
    this.biasOff = this.offsets[2 * L];
    const rowStart = [0];
    const col: number[] = [];
    const pidx: number[] = [];
    for (let l = 0; l < L; l++) {
      for (let i = 0; i < N; i++) {
        if (l === 0) {
          for (let j = 0; j < P; j++) if (masks.win[i * P + j]) (col.push(this.G + j), pidx.push(this.offsets[0] + i * P + j));
        } else {
          for (let j = 0; j < N; j++) if (masks.wext[l - 1][i * N + j]) (col.push((l - 1) * N + j), pidx.push(this.offsets[l] + i * N + j));
        }
        for (let j = 0; j < N; j++) if (masks.wint[l][i * N + j]) (col.push(l * N + j), pidx.push(this.offsets[L + l] + i * N + j));
        rowStart.push(col.length);
      }
    }
    this.rowStart = Int32Array.from(rowStart);
    this.col = Int32Array.from(col);
    this.pidx = Int32Array.from(pidx);
    const byCol = Array.from({ length: this.G }, () => [] as [number, number][]);
    for (let r = 0; r < this.G; r++) for (let k = rowStart[r]; k < rowStart[r + 1]; k++) if (col[k] < this.G) byCol[col[k]].push([r, k]);
    const colStart = [0];
    for (const list of byCol) colStart.push(colStart[colStart.length - 1] + list.length);
    this.colStart = Int32Array.from(colStart);
    this.tRow = Int32Array.from(byCol.flat(), ([r]) => r);
    this.tK = Int32Array.from(byCol.flat(), ([, k]) => k);
  }

  /** Stride between neurons in the arrays an observer sees (the batch padded to a multiple of 4); sample b is at g * stride + b. */
  get stride(): number {
    return this.B;
  }

  /** Number of stored connections (nonzeros) in the dynamics. */
  get connections(): number {
    return this.col.length;
  }

  private ensure(batch: number): void {
    this.batch = batch;
    const B = Math.ceil(batch / 4) * 4;
    if (B === this.B) return;
    this.B = B;
    this.colB = Int32Array.from(this.col, (c) => c * B);
    this.tRowB = Int32Array.from(this.tRow, (r) => r * B);
    const GB = this.G * B;
    const VB = (this.G + this.cfg.inputs) * B;
    const nc = 4 * this.cfg.substeps;
    this.caches = Array.from({ length: nc }, () => ({ x: new Float64Array(GB), v: new Float64Array(VB), I: new Float64Array(GB) }));
    this.kx = Array.from({ length: 4 }, () => new Float64Array(GB));
    this.kz = Array.from({ length: 4 }, () => new Float64Array(GB));
    this.sx = new Float64Array(GB);
    this.sz = new Float64Array(GB);
    this.ucol = new Float64Array(this.cfg.inputs * B);
    this.gp = new Float64Array(GB);
    this.ckX = [];
    this.ckZ = [];
  }

  private loadInput(t: number): void {
    const { B, batch, T, u, ucol } = this;
    const P = this.cfg.inputs;
    const s = this.cfg.inputScale;
    for (let p = 0; p < P; p++) for (let b = 0; b < B; b++) ucol[p * B + b] = b < batch ? s * u[(b * T + t) * P + p] : 0;
  }

  /** One evaluation of the right-hand side at state (x, z); fills v, I and the derivatives dx, dz. */
  private evalStage(x: Float64Array, z: Float64Array, c: StageCache, dx: Float64Array, dz: Float64Array): void {
    const { G, B, wk, colB, rowStart, stno, gamma, omega } = this;
    const { v, I } = c;
    const GB = G * B;
    if (stno) for (let i = 0; i < GB; i++) v[i] = x[i] + z[i];
    else for (let i = 0; i < GB; i++) v[i] = Math.tanh(x[i]);
    v.set(this.ucol, GB);
    const S = this.cfg.S;
    const bf = this.cfg.bFixedPerNs;
    for (let r = 0; r < G; r++) {
      const ro = r * B;
      const bias = this.theta[this.biasOff + r];
      const ks = rowStart[r];
      const ke = rowStart[r + 1];
      for (let b = 0; b < B; b += 4) {
        let a0 = bias;
        let a1 = bias;
        let a2 = bias;
        let a3 = bias;
        for (let k = ks; k < ke; k++) {
          const w = wk[k];
          const co = colB[k] + b;
          a0 += w * v[co];
          a1 += w * v[co + 1];
          a2 += w * v[co + 2];
          a3 += w * v[co + 3];
        }
        I[ro + b] = S * a0 + bf;
        I[ro + b + 1] = S * a1 + bf;
        I[ro + b + 2] = S * a2 + bf;
        I[ro + b + 3] = S * a3 + bf;
      }
    }
    for (let r = 0; r < G; r++) {
      const ga = gamma[r];
      const om = omega[r];
      const end = (r + 1) * B;
      if (stno) {
        for (let i = r * B; i < end; i++) {
          const xi = x[i];
          dx[i] = -ga * xi + I[i] * xi * (1 - xi);
          dz[i] = -om * (z[i] + xi);
        }
      } else {
        for (let i = r * B; i < end; i++) dx[i] = -ga * x[i] + I[i];
      }
    }
  }

  /** Keep every stage of a taped forward when it fits in fullTapeBytes (saves the recomputation in backward). */
  private growCaches(n: number): boolean {
    const GB = this.G * this.B;
    const VB = (this.G + this.cfg.inputs) * this.B;
    if (n * (2 * GB + VB) * 8 > this.fullTapeBytes) return false;
    while (this.caches.length < n) this.caches.push({ x: new Float64Array(GB), v: new Float64Array(VB), I: new Float64Array(GB) });
    return true;
  }

  /** One RK4 step of (x, z) in place; stage values go to caches[base .. base+3]. */
  private rk4Step(x: Float64Array, z: Float64Array, base: number): void {
    const { h, kx, kz, sx, sz, stno, caches } = this;
    const GB = this.G * this.B;
    const coef = [0, h / 2, h / 2, h];
    for (let q = 0; q < 4; q++) {
      const c = caches[base + q];
      if (q === 0) {
        c.x.set(x);
        this.evalStage(x, z, c, kx[0], kz[0]);
      } else {
        const a = coef[q];
        const px = kx[q - 1];
        const pz = kz[q - 1];
        for (let i = 0; i < GB; i++) sx[i] = x[i] + a * px[i];
        if (stno) for (let i = 0; i < GB; i++) sz[i] = z[i] + a * pz[i];
        c.x.set(sx);
        this.evalStage(sx, sz, c, kx[q], kz[q]);
      }
    }
    const h6 = h / 6;
    for (let i = 0; i < GB; i++) x[i] += h6 * (kx[0][i] + 2 * kx[1][i] + 2 * kx[2][i] + kx[3][i]);
    if (stno) for (let i = 0; i < GB; i++) z[i] += h6 * (kz[0][i] + 2 * kz[1][i] + 2 * kz[2][i] + kz[3][i]);
  }

  /**
   * Run the network on a batch. theta: dynamics parameters (kernel order); u: B x T x inputs raw inputs
   * (batch-major, scaled by inputScale inside). Returns y of the last layer at t = T dt, batch-major B x width.
   * With `tape` the interval checkpoints are kept for backward(); `observe` sees every RK4 step.
   */
  forward(theta: Float64Array, u: Float32Array, B: number, T: number, opts: { tape?: boolean; observe?: TrajectoryObserver } = {}): Float64Array {
    if (theta.length !== this.thetaSize) throw new RangeError(`theta has ${theta.length} values, expected ${this.thetaSize}`);
    if (u.length !== B * T * this.cfg.inputs) throw new RangeError(`u has ${u.length} values, expected ${B * T * this.cfg.inputs}`);
    this.ensure(B);
    this.theta = theta;
    this.wk = Float64Array.from(this.pidx, (p) => theta[p]);
    this.wT = Float64Array.from(this.tK, (k) => this.wk[k]);
    this.u = u;
    this.T = T;
    const GB = this.G * this.B;
    const x = new Float64Array(GB).fill(this.cfg.x0);
    const z = new Float64Array(GB).fill(this.stno ? -this.cfg.x0 : 0);
    if (opts.tape) {
      while (this.ckX.length < T) (this.ckX.push(new Float64Array(GB)), this.ckZ.push(new Float64Array(GB)));
    }
    this.fullTape = !!opts.tape && this.growCaches(4 * this.cfg.substeps * T);
    const K = this.cfg.substeps;
    const observe = opts.observe;
    if (observe) {
      this.loadInput(0);
      this.evalStage(x, z, this.caches[0], this.kx[0], this.kz[0]);
      observe(0, x, this.caches[0].v, this.caches[0].I);
    }
    for (let t = 0; t < T; t++) {
      if (opts.tape) (this.ckX[t].set(x), this.ckZ[t].set(z));
      this.loadInput(t);
      for (let j = 0; j < K; j++) {
        this.rk4Step(x, z, this.fullTape ? 4 * (t * K + j) : 0);
        if (observe) {
          this.evalStage(x, z, this.caches[0], this.kx[0], this.kz[0]);
          observe((t * K + j + 1) * this.h, x, this.caches[0].v, this.caches[0].I);
        }
      }
    }
    this.finalX = x;
    return this.readout(x, z);
  }

  private readout(x: Float64Array, z: Float64Array): Float64Array {
    const { B, batch, stno } = this;
    const N = this.cfg.width;
    const g0 = (this.cfg.layers - 1) * N;
    const out = new Float64Array(batch * N);
    for (let i = 0; i < N; i++) {
      const ro = (g0 + i) * B;
      for (let b = 0; b < batch; b++) out[b * N + i] = stno ? x[ro + b] + z[ro + b] : Math.tanh(x[ro + b]);
    }
    return out;
  }

  /** Vector-Jacobian product of one stage: (ax, az) = adjoint of (dx, dz) -> adjoint of the stage state (tx, tz); adds to g. */
  private vjp(c: StageCache, ax: Float64Array, az: Float64Array, tx: Float64Array, tz: Float64Array, g: Float64Array): void {
    const { G, B, rowStart, colB, pidx, stno, gamma, omega, gp, colStart, wT, tRowB } = this;
    const S = this.cfg.S;
    const v = c.v;
    for (let r = 0; r < G; r++) {
      const ro = r * B;
      const ga = gamma[r];
      const om = omega[r];
      let sum = 0;
      if (stno) {
        for (let b = 0; b < B; b++) {
          const i = ro + b;
          const xi = c.x[i];
          const a = ax[i];
          const gi = S * a * xi * (1 - xi);
          gp[i] = gi;
          sum += gi;
          tx[i] = a * (-ga + c.I[i] * (1 - 2 * xi)) - om * az[i];
          tz[i] = -om * az[i];
        }
      } else {
        for (let b = 0; b < B; b++) {
          const i = ro + b;
          gp[i] = S * ax[i];
          sum += gp[i];
          tx[i] = -ga * ax[i];
        }
      }
      g[this.biasOff + r] += sum;
      // weight gradients: dL/dW_k = sum_b gp[row, b] v[col_k, b]
      for (let k = rowStart[r], e = rowStart[r + 1]; k < e; k++) {
        const co = colB[k];
        let d0 = 0;
        let d1 = 0;
        let d2 = 0;
        let d3 = 0;
        for (let b = 0; b < B; b += 4) {
          d0 += gp[ro + b] * v[co + b];
          d1 += gp[ro + b + 1] * v[co + b + 1];
          d2 += gp[ro + b + 2] * v[co + b + 2];
          d3 += gp[ro + b + 3] * v[co + b + 3];
        }
        g[pidx[k]] += d0 + d1 + d2 + d3;
      }
    }
    // adjoint of the sources y_c = sum over the rows fed by c of W_k gp[row]; then through y = x + z or y = tanh(x)
    for (let cc = 0; cc < G; cc++) {
      const co = cc * B;
      const js = colStart[cc];
      const je = colStart[cc + 1];
      for (let b = 0; b < B; b += 4) {
        let a0 = 0;
        let a1 = 0;
        let a2 = 0;
        let a3 = 0;
        for (let j = js; j < je; j++) {
          const w = wT[j];
          const ro = tRowB[j] + b;
          a0 += w * gp[ro];
          a1 += w * gp[ro + 1];
          a2 += w * gp[ro + 2];
          a3 += w * gp[ro + 3];
        }
        const i = co + b;
        if (stno) {
          tx[i] += a0;
          tx[i + 1] += a1;
          tx[i + 2] += a2;
          tx[i + 3] += a3;
          tz[i] += a0;
          tz[i + 1] += a1;
          tz[i + 2] += a2;
          tz[i + 3] += a3;
        } else {
          tx[i] += a0 * (1 - v[i] * v[i]);
          tx[i + 1] += a1 * (1 - v[i + 1] * v[i + 1]);
          tx[i + 2] += a2 * (1 - v[i + 2] * v[i + 2]);
          tx[i + 3] += a3 * (1 - v[i + 3] * v[i + 3]);
        }
      }
    }
  }

  /** Adjoint of one RK4 step whose stages are in caches[base .. base+3]; (ax, az) updated in place. */
  private rk4Back(ax: Float64Array, az: Float64Array, base: number, g: Float64Array, tmp: Float64Array[]): void {
    const { h, kx, kz, stno } = this;
    const GB = this.G * this.B;
    const w = [h / 6, h / 3, h / 3, h / 6];
    for (let q = 0; q < 4; q++) {
      for (let i = 0; i < GB; i++) kx[q][i] = w[q] * ax[i];
      if (stno) for (let i = 0; i < GB; i++) kz[q][i] = w[q] * az[i];
    }
    const [tx, tz] = tmp;
    const back = [0, h / 2, h / 2, h];
    for (let q = 3; q >= 0; q--) {
      this.vjp(this.caches[base + q], kx[q], kz[q], tx, tz, g);
      for (let i = 0; i < GB; i++) ax[i] += tx[i];
      if (stno) for (let i = 0; i < GB; i++) az[i] += tz[i];
      if (q > 0) {
        const a = back[q];
        for (let i = 0; i < GB; i++) kx[q - 1][i] += a * tx[i];
        if (stno) for (let i = 0; i < GB; i++) kz[q - 1][i] += a * tz[i];
      }
    }
  }

  /** Gradient of sum(dOut * forward output) w.r.t. theta (dOut batch-major B x width); needs forward({tape: true}). */
  backward(dOut: Float64Array): Float64Array {
    const { G, B, batch, T, stno } = this;
    const N = this.cfg.width;
    const K = this.cfg.substeps;
    const GB = G * B;
    if (this.ckX.length < T || dOut.length !== batch * N) throw new Error('backward() needs a taped forward() on the same batch');
    const g = new Float64Array(this.thetaSize);
    const ax = new Float64Array(GB);
    const az = new Float64Array(GB);
    const g0 = (this.cfg.layers - 1) * N;
    for (let i = 0; i < N; i++) {
      const ro = (g0 + i) * B;
      for (let b = 0; b < batch; b++) {
        const d = dOut[b * N + i];
        if (stno) (ax[ro + b] = d, az[ro + b] = d);
        else {
          const y = Math.tanh(this.finalX[ro + b]);
          ax[ro + b] = d * (1 - y * y);
        }
      }
    }
    const x = new Float64Array(GB);
    const z = new Float64Array(GB);
    const tmp = [new Float64Array(GB), new Float64Array(GB)];
    for (let t = T - 1; t >= 0; t--) {
      if (this.fullTape) {
        for (let j = K - 1; j >= 0; j--) this.rk4Back(ax, az, 4 * (t * K + j), g, tmp);
        continue;
      }
      x.set(this.ckX[t]);
      z.set(this.ckZ[t]);
      this.loadInput(t);
      for (let j = 0; j < K; j++) this.rk4Step(x, z, 4 * j);
      for (let j = K - 1; j >= 0; j--) this.rk4Back(ax, az, 4 * j, g, tmp);
    }
    return g;
  }
}
