// Training runs: a run stopped mid-epoch and resumed from its checkpoint ends exactly where an uninterrupted run ends; it learns.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadDigits, splitDigits } from '../../../src/data/digits.ts';
import { digitsImages, firstImages } from '../../../src/data/images.ts';
import type { CnnArch } from '../../../src/surrogate/cnn/arch.ts';
import { initSoftware, initSpintronic, type SpintronicParams } from '../../../src/surrogate/cnn/model.ts';
import { evaluateModel, trainCnn, type Checkpoint } from '../../../src/surrogate/cnn/train.ts';

const ARCH: CnnArch = { name: 'tiny', input: { height: 8, width: 8, channels: 1 }, convs: [{ filters: 4, kernel: 3, pad: 1, pool: 2 }, { filters: 8, kernel: 3, pad: 1, pool: 2 }], classes: 10 };
const { train, test: held } = splitDigits(loadDigits(), 0);
const subset = firstImages(digitsImages(train), 200);

test('stopped after the second checkpoint of epoch 0 and resumed, training ends with the same parameters as without the stop', async () => {
  const options = { epochs: 2, seed: 3, batchSize: 32, lr: 0.01 };
  const straight = await trainCnn(initSpintronic(ARCH, 1), subset, options);
  const saved: Checkpoint[] = [];
  const stop = new Error('stopped');
  await trainCnn(initSpintronic(ARCH, 1), subset, {
    ...options,
    checkpoint: {
      every: 3,
      save: (c) => {
        saved.push(c);
        if (saved.length === 2) throw stop;
      },
    },
  }).then(
    () => assert.unreachable('the run should have stopped'),
    (e) => assert.is(e, stop),
  );
  assert.equal([saved[1].epoch, saved[1].batch], [0, 6]);
  const resumed = await trainCnn(initSpintronic(ARCH, 1), subset, { ...options, resume: saved[1] });
  const a = straight.model.params as SpintronicParams;
  const b = resumed.model.params as SpintronicParams;
  assert.equal(b.gains, a.gains);
  assert.equal([...b.fcFresHz], [...a.fcFresHz]);
  b.zeta.forEach((z, l) => assert.equal([...z], [...a.zeta[l]]));
  assert.equal(resumed.history.map((h) => h.trainLoss), straight.history.map((h) => h.trainLoss));
});

test('both networks learn the digits: a few epochs lift test accuracy far above chance', async () => {
  const testSet = digitsImages(held);
  const arch: CnnArch = { ...ARCH, convs: [{ filters: 8, kernel: 3, pad: 1, pool: 2 }, { filters: 16, kernel: 3, pad: 1, pool: 2 }] };
  for (const init of [initSpintronic(arch, 2), initSoftware(arch, 2)]) {
    const before = evaluateModel(init, testSet).accuracy;
    const { model } = await trainCnn(init, digitsImages(train), { epochs: 3, seed: 1, batchSize: 32, lr: 0.05 });
    const after = evaluateModel(model, testSet).accuracy;
    assert.ok(after > 0.8 && after > before + 0.5, `${init.params.kind}: ${before} -> ${after}`);
  }
});

test.run();
