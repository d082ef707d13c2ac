// scikit-learn digits (1797 images 8 x 8, values 0..16) shipped in data/digits/, and its seeded 50/50 split.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { InputError } from '../errors.ts';
import { createRng, permutation } from '../random/rng.ts';

/** Path of the shipped gzip'd CSV (64 pixels then the label per line). */
export const DIGITS_PATH = fileURLToPath(new URL('../../data/digits/digits.csv.gz', import.meta.url));

export const DIGITS_PIXELS = 64;

/** Images as rows of 64 pixel values 0..16 (row-major 8 x 8) and labels 0..9. */
export interface DigitsSet {
  /** n * 64 pixel values, image i at [64 i, 64 i + 64). */
  readonly pixels: Float32Array;
  readonly labels: Int32Array;
  readonly count: number;
}

let cached: DigitsSet | undefined;

/** Load the full set (1797 images), checking shape and value ranges. */
export function loadDigits(path = DIGITS_PATH): DigitsSet {
  if (path === DIGITS_PATH && cached) return cached;
  const lines = gunzipSync(readFileSync(path)).toString('utf8').split('\n').filter((l) => l.trim() !== '');
  const pixels = new Float32Array(lines.length * DIGITS_PIXELS);
  const labels = new Int32Array(lines.length);
  lines.forEach((line, i) => {
    const v = line.split(',').map(Number);
    if (v.length !== DIGITS_PIXELS + 1 || v.some((x) => !Number.isInteger(x) || x < 0 || x > 16) || v[64] > 9) {
      throw new InputError(`line ${i + 1}: expected 64 pixels in 0..16 and a label in 0..9`, undefined, path);
    }
    pixels.set(v.slice(0, DIGITS_PIXELS), i * DIGITS_PIXELS);
    labels[i] = v[64];
  });
  const set = { pixels, labels, count: lines.length };
  if (path === DIGITS_PATH) cached = set;
  return set;
}

/** The images at `indices`, in that order. */
export function subset(set: DigitsSet, indices: readonly number[]): DigitsSet {
  const pixels = new Float32Array(indices.length * DIGITS_PIXELS);
  const labels = new Int32Array(indices.length);
  indices.forEach((k, i) => {
    pixels.set(set.pixels.subarray(k * DIGITS_PIXELS, (k + 1) * DIGITS_PIXELS), i * DIGITS_PIXELS);
    labels[i] = set.labels[k];
  });
  return { pixels, labels, count: indices.length };
}

/** Seeded 50/50 split: a permutation of all images, the first floor(n/2) (898) train, the rest (899) test. */
export function splitDigits(set: DigitsSet, splitSeed: number): { train: DigitsSet; test: DigitsSet } {
  const p = permutation(set.count, createRng(splitSeed));
  const nTrain = Math.floor(set.count / 2);
  return { train: subset(set, p.slice(0, nTrain)), test: subset(set, p.slice(nTrain)) };
}
