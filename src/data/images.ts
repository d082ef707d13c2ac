// Grey-level image sets (MNIST, 8x8 digits) as one shape for the CNN: pixels, labels, size, full-scale value.
import type { DigitsSet } from './digits.ts';

export interface ImageSet {
  /** count * height * width pixel values in [0, maxValue], image i at [i*h*w, (i+1)*h*w), row-major. */
  readonly pixels: Uint8Array | Float32Array;
  readonly labels: Int32Array;
  readonly count: number;
  readonly height: number;
  readonly width: number;
  /** Full-scale pixel value (255 for MNIST, 16 for the 8x8 digits). */
  readonly maxValue: number;
}

/** The 8x8 scikit-learn digits (values 0..16) as an ImageSet. */
export function digitsImages(set: DigitsSet): ImageSet {
  return { pixels: set.pixels, labels: set.labels, count: set.count, height: 8, width: 8, maxValue: 16 };
}

/** Pixels of images `indices` as fractions of full scale (B * h * w values, NHWC with one channel). */
export function pixelFractions(set: ImageSet, indices: ArrayLike<number>): Float32Array {
  const n = set.height * set.width;
  const out = new Float32Array(indices.length * n);
  for (let b = 0; b < indices.length; b++) {
    const src = indices[b] * n;
    for (let k = 0; k < n; k++) out[b * n + k] = set.pixels[src + k] / set.maxValue;
  }
  return out;
}

/** The first `count` images of a set (a view, no copy). */
export function firstImages(set: ImageSet, count: number): ImageSet {
  const n = Math.min(count, set.count);
  const px = set.height * set.width;
  return { ...set, pixels: set.pixels.subarray(0, n * px), labels: set.labels.subarray(0, n), count: n };
}

/** Images `indices` of a set, in that order (a copy). */
export function pickImages(set: ImageSet, indices: readonly number[]): ImageSet {
  const px = set.height * set.width;
  const pixels = new Float32Array(indices.length * px);
  indices.forEach((i, b) => pixels.set(set.pixels.subarray(i * px, (i + 1) * px), b * px));
  return { ...set, pixels, labels: Int32Array.from(indices, (i) => set.labels[i]), count: indices.length };
}

/** `count` evenly spaced indices of a set of `total` (all when count >= total). */
export function evenlySpaced(total: number, count: number): number[] {
  const kept = Math.min(count, total);
  return Array.from({ length: kept }, (_, i) => Math.floor((i * total) / kept));
}
