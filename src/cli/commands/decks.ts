// `spinspice decks MODEL.json --image i --out DIR`: every deck of a trained spintronic CNN for one test image, written one at a time.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { writeNetworkDecks } from '../../annotate/cnnDecks.ts';
import { taskData, CNN_TASKS, type CnnTask } from '../../architectures/cnn/tasks.ts';
import { pixelFractions } from '../../data/images.ts';
import { InputError } from '../../errors.ts';
import { CNN_MODEL_FORMAT, fromModelJson, type CnnModelJson } from '../../surrogate/cnn/model.ts';
import { drawDevices } from '../../surrogate/cnn/variability.ts';
import { bounded, integer, outputDir } from '../options.ts';

function loadCnnModel(file: string): { doc: CnnModelJson; task: CnnTask } {
  let doc: CnnModelJson;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8')) as CnnModelJson;
  } catch (e) {
    throw new InputError(`cannot read a model: ${(e as Error).message}`, undefined, file);
  }
  if (doc.format !== CNN_MODEL_FORMAT || doc.network !== 'spintronic') throw new InputError('is not a spintronic CNN model.json (spinspice train cnn --network spintronic)', 'format', file);
  if (!(CNN_TASKS as readonly string[]).includes(doc.task as string)) throw new InputError(`unknown task ${JSON.stringify(doc.task)}`, 'task', file);
  return { doc, task: doc.task as CnnTask };
}

export function registerDecks(program: Command): void {
  program
    .command('decks')
    .description('write every ngspice deck of a trained spintronic CNN for one test image (resonator chains, pooling, V-to-I stages, STNOs)')
    .argument('<model>', 'model.json written by spinspice train cnn')
    .requiredOption('--image <index>', "index of the test image in the task's test set")
    .requiredOption('--out <dir>', 'directory for the decks, their libraries and decks.json')
    .option('--max-resonators <n>', 'resonators per deck at most', '50000')
    .option('--sigma <s>', 'resonance variability (eq. 4, units of the half width alpha*f)', '0')
    .option('--variability-seed <n>', 'seed of the device draws', '1')
    .action((file: string, o: { image: string; out: string; maxResonators: string; sigma: string; variabilitySeed: string }) => {
      const { doc, task } = loadCnnModel(file);
      const model = fromModelJson(doc);
      const test = taskData(task).test;
      const image = integer(o.image, '--image', 0);
      if (image >= test.count) throw new InputError(`must be below ${test.count} (${task} test images), got ${image}`, '--image');
      const maxResonators = integer(o.maxResonators, '--max-resonators', 1);
      const sigma = bounded(o.sigma, '--sigma', 0, 100);
      const variability = sigma > 0 ? { sigma, draws: drawDevices(model.arch, integer(o.variabilitySeed, '--variability-seed', 0)) } : undefined;
      const dir = outputDir(o.out);
      const { decks, logits } = writeNetworkDecks(model, pixelFractions(test, [image]), dir, { maxResonators, variability });
      const resonators = decks.reduce((s, d) => s + d.resonators, 0);
      const predicted = logits.indexOf(Math.max(...logits));
      process.stdout.write(`wrote ${decks.length} decks (${resonators} resonators) to ${dir}; surrogate predicts ${predicted}, label ${test.labels[image]}\n`);
    });
}
