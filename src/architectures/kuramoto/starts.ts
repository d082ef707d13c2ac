// Data-driven starts of the extended classifier (one output pair), computed from the training set only.
//
// Each start wires a small oscillator mechanism whose sync region already has the shape of the positives:
// - slab: the output pair alone at mid +- k h(z), locked where |h| <= 1 (a band or a half-space, fitSlab);
// - bridged cluster: the output pair held 50-64 MHz apart, too far to lock alone (2k = 20 MHz), so it locks only
//   through the other oscillators when they gather between its two frequencies: F_a = mid + s v_a . (z - z0) with
//   directions v_a spread around the circle puts them together only near the positives' centroid z0, a round region;
// - OR gate: the pair at floor and floor + 28..34 MHz (locks only with help), mediators F_a = floor + G h_r(z)
//   clipped at the floor of the tuning range: below the floor where h_r <= 0, they sit on the lower pair member and
//   lock the pair; far above it otherwise. Two half-planes (fitUnion) give an L-shaped or concave region.
// The remaining oscillators of a slab start are parked 60-80 MHz away with zero input weights.
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../../random/rng.ts';
import type { KuramotoClassifier } from './model.ts';
import { fitSlab, fitUnion, type RuleFit } from './ruleFit.ts';
import type { Examples } from './tasks.ts';

/** A named start that overwrites a fresh extended classifier's weights. */
export interface Start {
  readonly name: string;
  readonly apply: (model: KuramotoClassifier, data: Examples) => void;
}

/** Logistic sharpness of the slab starts (margins of ~1/8 and ~1/4 of the lock range). */
const SLAB_SHARPNESS = [8, 4];
/** Bridged cluster: pair gaps (MHz; 2 mediators bridge up to ~50 MHz, 3 beyond 62) and spreads at the positives' RMS radius. */
const BRIDGE_GAPS = [56, 64];
const BRIDGE_SPREADS = [24, 28, 32];
/** OR gate: pair gaps (MHz): unlocked alone (> 2k), locked with two mediators on the lower member (up to ~40). */
const GATE_GAPS = [28, 34];

/** The data-driven starts, in a fixed order; `seed` seeds the rule fits and random directions. */
export function dataDrivenStarts(seed: number): Start[] {
  const fits = new Map<string, RuleFit>();
  const cached = (key: string, fit: () => RuleFit) => fits.get(key) ?? fits.set(key, fit()).get(key)!;
  return [
    ...SLAB_SHARPNESS.map((sharpness) => ({
      name: `slab (sharpness ${sharpness})`,
      apply: (model: KuramotoClassifier, data: Examples) => {
        const { a, c } = cached(`slab${sharpness}`, () => fitSlab(scaled(model, data), data.y, { seed, sharpness }));
        pairSlab(model, a[0], c[0]);
      },
    })),
    ...BRIDGE_GAPS.flatMap((gap) =>
      BRIDGE_SPREADS.map((spread) => ({
        name: `bridged cluster (gap ${gap} MHz, spread ${spread} MHz)`,
        apply: (model: KuramotoClassifier, data: Examples) => bridgedCluster(model, data, gap, spread, seed),
      })),
    ),
    ...GATE_GAPS.map((gap) => ({
      name: `OR gate (gap ${gap} MHz)`,
      apply: (model: KuramotoClassifier, data: Examples) => orGate(model, cached('union', () => fitUnion(scaled(model, data), data.y, { seed })), gap),
    })),
  ];
}

const scaled = (model: KuramotoClassifier, data: Examples) => tf.tidy(() => model.scale(data.x).arraySync() as number[][]);

function frame(model: KuramotoClassifier) {
  const d = model.description;
  const [i, j] = d.outputPairs[0];
  const [lo, hi] = d.tuningRangeMHz;
  const others = Array.from({ length: d.n }, (_, a) => a).filter((a) => a !== i && a !== j);
  return { i, j, others, lo, mid: (lo + hi) / 2, kMHz: d.settings.coupling / 1e6, unit: d.frequencyUnitMHz, dim: d.inputs };
}

/** Weight row of an oscillator with F = bias + slope . z (MHz). */
const row = (slope: readonly number[], bias: number, unit: number) => [...slope.map((v) => v / unit), bias / unit];

/** Output pair at mid +- k (a . z + c); the others parked 60-80 MHz from mid. */
function pairSlab(model: KuramotoClassifier, a: readonly number[], c: number): void {
  const { i, j, others, mid, kMHz, unit, dim } = frame(model);
  const W: number[][] = [];
  W[i] = row(a.map((v) => kMHz * v), mid + kMHz * c, unit);
  W[j] = row(a.map((v) => -kMHz * v), mid - kMHz * c, unit);
  const parked = [-80, 80, -60, 60, -70, 70];
  others.forEach((o, q) => (W[o] = row(new Array<number>(dim).fill(0), mid + parked[q % parked.length], unit)));
  model.weights.assign(tf.tensor2d(W));
}

/**
 * Output pair fixed at mid +- gap/2; the others at mid + s v_a . (z - z0), z0 the positives' centroid, s putting
 * `spreadMHz` at their RMS radius; directions evenly over a half turn (2D) or seeded random (higher dimensions).
 */
function bridgedCluster(model: KuramotoClassifier, data: Examples, gapMHz: number, spreadMHz: number, seed: number): void {
  const { i, j, others, mid, unit, dim } = frame(model);
  const z = scaled(model, data);
  const pos = z.filter((_, m) => data.y[m]);
  if (pos.length === 0) return;
  const z0 = Array.from({ length: dim }, (_, q) => pos.reduce((s, r) => s + r[q], 0) / pos.length);
  const r0 = Math.sqrt(pos.reduce((s, r) => s + r.reduce((t, v, q) => t + (v - z0[q]) ** 2, 0), 0) / pos.length) || 1;
  const s = spreadMHz / r0;
  const rng = createRng(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rng.uniform())) * Math.cos(2 * Math.PI * rng.uniform());
  const direction = (q: number) => {
    const v = dim === 2 ? [Math.cos((Math.PI * q) / others.length), Math.sin((Math.PI * q) / others.length)] : Array.from({ length: dim }, gauss);
    const l = Math.hypot(...v) || 1;
    return v.map((x) => x / l);
  };
  const W: number[][] = [];
  W[i] = row(new Array<number>(dim).fill(0), mid + gapMHz / 2, unit);
  W[j] = row(new Array<number>(dim).fill(0), mid - gapMHz / 2, unit);
  others.forEach((o, q) => {
    const v = direction(q);
    W[o] = row(v.map((x) => s * x), mid - s * v.reduce((t, x, p) => t + x * z0[p], 0), unit);
  });
  model.weights.assign(tf.tensor2d(W));
}

/**
 * Output pair at the floor of the tuning range and gap above it; the others alternate between the two half-planes of
 * the union fit, F = floor + 2 (gap + 2k) h_r(z): clipped to the floor (on the lower pair member, locking the pair)
 * where h_r <= 0, past the upper member (no help) where h_r >= 1/2, the fitted boundary.
 */
function orGate(model: KuramotoClassifier, fit: RuleFit, gapMHz: number): void {
  const { i, j, others, lo, kMHz, unit, dim } = frame(model);
  const G = 2 * (gapMHz + 2 * kMHz);
  const W: number[][] = [];
  W[i] = row(new Array<number>(dim).fill(0), lo + gapMHz, unit);
  W[j] = row(new Array<number>(dim).fill(0), lo, unit);
  others.forEach((o, q) => {
    const r = q % fit.a.length;
    W[o] = row(fit.a[r].map((v) => G * v), lo + G * fit.c[r], unit);
  });
  model.weights.assign(tf.tensor2d(W));
}
