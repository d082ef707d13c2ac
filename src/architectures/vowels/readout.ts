// Read-out of the vowel network: which oscillator is locked to which source (D <= 1), lock patterns, and the learned pattern -> class map.
import { pairError } from '../kuramoto/loss.ts';

/**
 * Desynchronization of oscillator i from source s, D = |f_bar_i - f_s| / (k_s / 4); locked iff D <= 1.
 * Paper 000 thresholds a pair at |f_bar_i - f_bar_j| = k/2, a quarter of its locking half-width 2k (the beat there is
 * sqrt(dF^2 - 4k^2) = k/2 at dF = 2.06 k). A forced oscillator's locking half-width is k_s, so the same quarter gives
 * k_s/4 (beat k_s/4 at |F - f_s| = 1.03 k_s); with k_s = 2k it is paper 000's k/2 exactly.
 */
export function sourceDesynchronization(fbar: number, fs: number, injection: number): number {
  return Math.abs(fbar - fs) / (injection / 4);
}

/** Lock pattern of one example: bit (i * m + s) set when oscillator i is locked to source s. */
export type LockPattern = number;

/** D for every (oscillator, source) pair of every example: `D[b][i * m + s]`, from f_bar (batch x n) and f_s (batch x m), any one unit. */
export function desynchronizations(fbar: ArrayLike<number>, fs: ArrayLike<number>, n: number, injection: readonly number[]): number[][] {
  const m = injection.length;
  const batch = fbar.length / n;
  return Array.from({ length: batch }, (_, b) =>
    Array.from({ length: n * m }, (_, q) => sourceDesynchronization(fbar[b * n + Math.floor(q / m)], fs[b * m + (q % m)], injection[q % m])),
  );
}

/** The lock pattern of one example's D row. */
export function patternOf(D: readonly number[]): LockPattern {
  return D.reduce((p, v, q) => (v <= 1 ? p | (1 << q) : p), 0);
}

/** Soft Hamming distance of a D row to a pattern: the sum of paper 000's pair errors E (eqs. 3-4), each in [0, 1]. */
export function patternError(D: readonly number[], pattern: LockPattern): number {
  return D.reduce((e, v, q) => e + pairError(v, ((pattern >> q) & 1) === 1), 0);
}

/** Human-readable pattern: "A1 B3" = oscillator 1 locked to A, oscillator 3 to B; "-" = nothing locked. */
export function patternLabel(pattern: LockPattern, n: number, sourceNames: readonly string[] = ['A', 'B']): string {
  const m = sourceNames.length;
  const parts: string[] = [];
  for (let s = 0; s < m; s++) for (let i = 0; i < n; i++) if ((pattern >> (i * m + s)) & 1) parts.push(`${sourceNames[s]}${i + 1}`);
  return parts.length ? parts.join(' ') : '-';
}

/** The output code: one lock pattern per class (code word); other patterns decode to the nearest code word. */
export interface PatternDecoder {
  readonly entries: readonly { readonly pattern: LockPattern; readonly cls: number }[];
}

/**
 * Learns the code from training patterns, one pattern per class as in the experiment ("all the points corresponding to
 * one vowel should fall in a single synchronization region", paper 003): (pattern, class) pairs are taken greedily by
 * how many training tokens of that class show that pattern, each class and each pattern at most once. Ties go to the
 * lower pattern, then class index. A class whose tokens all share patterns taken by other classes gets no code word.
 */
export function learnDecoder(patterns: readonly LockPattern[], y: readonly number[], classes: number): PatternDecoder {
  const counts = new Map<LockPattern, number[]>();
  patterns.forEach((p, t) => {
    if (!counts.has(p)) counts.set(p, new Array<number>(classes).fill(0));
    counts.get(p)![y[t]]++;
  });
  const owner = new Map<LockPattern, number>();
  const served = new Set<number>();
  const pairs = [...counts].flatMap(([p, c]) => c.map((v, cls) => ({ p, cls, v }))).filter((e) => e.v > 0);
  pairs.sort((a, b) => b.v - a.v || a.p - b.p || a.cls - b.cls);
  for (const { p, cls } of pairs) {
    if (owner.has(p) || served.has(cls)) continue;
    owner.set(p, cls);
    served.add(cls);
  }
  return { entries: [...owner].map(([pattern, cls]) => ({ pattern, cls })).sort((a, b) => a.pattern - b.pattern) };
}

/** The decoder entry nearest to a D row: exact pattern if known, else the lowest soft distance (patternError). */
export function nearestEntry(D: readonly number[], decoder: PatternDecoder, among?: (cls: number) => boolean): { pattern: LockPattern; cls: number } | null {
  const exact = patternOf(D);
  let best: { pattern: LockPattern; cls: number } | null = null;
  let bestError = Infinity;
  for (const e of decoder.entries) {
    if (among && !among(e.cls)) continue;
    if (e.pattern === exact) return e;
    const err = patternError(D, e.pattern);
    if (err < bestError) {
      bestError = err;
      best = e;
    }
  }
  return best;
}

/** Class of each example (D rows); -1 if the decoder is empty. */
export function decode(D: readonly (readonly number[])[], decoder: PatternDecoder): number[] {
  return D.map((row) => nearestEntry(row, decoder)?.cls ?? -1);
}
