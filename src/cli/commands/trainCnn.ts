// `spinspice train rfcnn --task digits|mnist ...` (alias `train cnn`): option definitions and the handler (validation, resumable training, outputs).
import { readFileSync } from 'node:fs';
import { InputError } from '../../errors.ts';
import { fromModelJson, type CnnModelJson } from '../../surrogate/cnn/model.ts';
import { startProgress } from '../../io/progress.ts';
import { CNN_TASKS, TASKS, type CnnTask } from '../../architectures/cnn/tasks.ts';
import { runCnn, writeCnnRun } from '../../architectures/cnn/experiment.ts';
import { useConvBackend } from '../../surrogate/cnn/backend.ts';
import { bounded, integer, outputDir } from '../options.ts';

/** Commander-style option definitions of the `rfcnn` architecture (defaults of the task apply when a flag is absent). */
export const cnnOptions: readonly { flags: string; description: string; default?: string }[] = [
  { flags: '--task <name>', description: `task (${CNN_TASKS.join(', ')})` },
  { flags: '--network <kind>', description: 'spintronic (resonator chains + STNOs) or software (same shape, ReLU)', default: 'spintronic' },
  { flags: '--epochs <n>', description: 'training epochs (digits 20, mnist 8)' },
  { flags: '--sigma <s>', description: 'resonance variability during training, in units of the half width alpha*f (paper 002 eq. 4)', default: '0' },
  { flags: '--seed <n>', description: 'seed of initialisation and shuffles', default: '1' },
  { flags: '--variability-seed <n>', description: 'seed of the device draws (default: --seed)' },
  { flags: '--init <model>', description: 'start from a trained model.json (fine-tuning, e.g. with --sigma) instead of a seeded init' },
  { flags: '--batch-size <n>', description: 'mini-batch size (digits 32, mnist 64)' },
  { flags: '--lr <x>', description: 'Adam learning rate of the first epoch (digits 0.01, mnist 0.003)' },
  { flags: '--lr-decay <x>', description: 'learning-rate factor per epoch (digits 0.9, mnist 0.85)' },
  { flags: '--out <dir>', description: 'output directory (model.json, metrics.json; checkpoint.json while running, resumed if present)' },
];

type CliOptions = Record<string, string | undefined>;

function readModel(file: string) {
  try {
    return fromModelJson(JSON.parse(readFileSync(file, 'utf8')) as CnnModelJson);
  } catch (e) {
    throw new InputError(`cannot read a CNN model.json: ${(e as Error).message}`, '--init', file);
  }
}

/** Validate everything once at the boundary; returns fully resolved run options. */
export function parseCnnOptions(o: CliOptions) {
  if (!o.task) throw new InputError(`is required (one of ${CNN_TASKS.join(', ')})`, '--task');
  if (!(CNN_TASKS as readonly string[]).includes(o.task)) throw new InputError(`unknown task '${o.task}' (one of ${CNN_TASKS.join(', ')})`, '--task');
  const task = o.task as CnnTask;
  const spec = TASKS[task];
  const network = o.network ?? 'spintronic';
  if (network !== 'spintronic' && network !== 'software') throw new InputError(`must be spintronic or software, got '${network}'`, '--network');
  const sigma = bounded(o.sigma ?? '0', '--sigma', 0, 100);
  if (sigma > 0 && network === 'software') throw new InputError('applies to the spintronic network only (resonance-frequency variability)', '--sigma');
  const seed = integer(o.seed ?? '1', '--seed', 0);
  if (seed > 0xffffffff) throw new InputError(`must be an integer in [0, 4294967295], got ${o.seed}`, '--seed');
  return {
    task,
    network: network as 'spintronic' | 'software',
    epochs: integer(o.epochs ?? String(spec.epochs), '--epochs', 1),
    sigma,
    seed,
    variabilitySeed: o.variabilitySeed === undefined ? undefined : integer(o.variabilitySeed, '--variability-seed', 0),
    batchSize: integer(o.batchSize ?? String(spec.batchSize), '--batch-size', 1),
    lr: bounded(o.lr ?? String(spec.lr), '--lr', 1e-9, 10),
    lrDecay: bounded(o.lrDecay ?? String(spec.lrDecay), '--lr-decay', 1e-3, 1),
    out: outputDir(o.out),
    initial: o.init === undefined ? undefined : { model: readModel(o.init), source: o.init },
  };
}

/** Train (resuming from --out/checkpoint.json when present), then write model.json and metrics.json into --out. */
export async function trainCnnHandler(raw: CliOptions): Promise<void> {
  const o = parseCnnOptions(raw);
  const backend = await useConvBackend();
  const bar = startProgress(`train rfcnn ${o.network} ${o.task} (${backend})`, o.epochs);
  let run;
  try {
    run = await runCnn({
      ...o,
      checkpointDir: o.out,
      onEpoch: (e) => bar.tick(1, { loss: e.trainLoss.toFixed(4), test: `${((e.testAccuracy ?? 0) * 100).toFixed(2)}%`, 'img/s': e.imagesPerSecond.toFixed(0) }),
    });
  } finally {
    bar.stop();
  }
  writeCnnRun(o.out, run);
  const m = run.metrics;
  process.stdout.write(`${o.task} ${o.network}: train ${(100 * m.train.accuracy).toFixed(2)} %, test ${(100 * m.test.accuracy).toFixed(2)} % after ${m.epochs} epochs (${m.seconds.toFixed(0)} s) -> ${o.out}\n`);
}
