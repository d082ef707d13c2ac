// `spinspice train <architecture> ...`: one command, one entry per architecture (its options and handler).
import { Command, Option } from 'commander';
import { InputError } from '../../errors.ts';
import { startProgress } from '../../io/progress.ts';
import { runExperiment, TRAINING_DT, writeExperiment } from '../../architectures/kuramoto/experiment.ts';
import { ARCHITECTURES, type Architecture } from '../../architectures/kuramoto/model.ts';
import { TASK_NAMES, type TaskName } from '../../architectures/kuramoto/tasks.ts';
import { MAX_DT } from '../../surrogate/kuramoto/params.ts';
import { KuramotoPool } from '../../surrogate/kuramoto/pool.ts';
import { parseQuantity } from '../../units/quantity.ts';
import { integer, outputDir } from '../options.ts';
import { dynamicalOptions, trainDynamicalHandler } from './trainDynamical.ts';
import { cnnOptions, trainCnnHandler } from './trainCnn.ts';
import { trainVowelsHandler, vowelOptions } from './trainVowels.ts';

type CliOptions = Record<string, string | undefined>;

/** What an architecture contributes to `train`: its options (commander flags) and a handler for the parsed values. */
interface TrainEntry {
  readonly options: readonly { flags: string; description: string; default?: string }[];
  readonly handler: (o: CliOptions) => Promise<void>;
}

const kuramotoOptions: TrainEntry['options'] = [
  { flags: '--task <name>', description: `task (${TASK_NAMES.join(', ')})` },
  { flags: '--arch <name>', description: 'extended (F = W [x; 1]) or reference (input + tuning oscillators)', default: 'extended' },
  { flags: '--iterations <n>', description: 'offline learning iterations', default: '100' },
  { flags: '--seed <n>', description: 'seed of initialisation and initial phases', default: '1' },
  { flags: '--split-seed <n>', description: 'seed of the Iris 30/20 split per species', default: '0' },
  { flags: '--oscillators <n>', description: 'number of oscillators N', default: '6' },
  { flags: '--dt <time>', description: 'Euler step', default: `${TRAINING_DT * 1e12}ps` },
  { flags: '--restarts <k>', description: 'independent restarts (seeds derived from --seed); keeps the lowest training error', default: '1' },
  { flags: '--out <dir>', description: 'output directory (model.json, metrics.json, figures)' },
];

/** Registry: architecture name -> options and handler. Add an architecture with one line here. */
const ENTRIES: Record<string, TrainEntry> = {
  kuramoto: { options: kuramotoOptions, handler: trainKuramoto },
  dynamical: { options: dynamicalOptions, handler: trainDynamicalHandler },
  rfcnn: { options: cnnOptions, handler: trainCnnHandler },
  vowels: { options: vowelOptions, handler: (o) => trainVowelsHandler(o, (dir: string) => void outputDir(dir)) },
};

/** Other names of an architecture (kept so that earlier command lines still run). */
const ALIASES: Record<string, string> = { cnn: 'rfcnn' };
const NAMES = `${Object.keys(ENTRIES).join(', ')}; ${Object.entries(ALIASES).map(([alias, name]) => `${alias} = ${name}`).join(', ')}`;

export function registerTrain(program: Command): void {
  const cmd = program
    .command('train')
    .description(`train a network offline (architectures: ${NAMES})`)
    .argument('<architecture>', [...Object.keys(ENTRIES), ...Object.keys(ALIASES)].join(' | '));
  // Options of every architecture, without defaults: each handler gets its own defaults below.
  const seen = new Set<string>();
  for (const entry of Object.values(ENTRIES)) {
    for (const o of entry.options) {
      const option = new Option(o.flags, o.description);
      if (seen.has(option.attributeName())) continue;
      seen.add(option.attributeName());
      cmd.addOption(option);
    }
  }
  cmd.action(async (name: string, parsed: CliOptions) => {
    const architecture = ALIASES[name] ?? name;
    const entry = ENTRIES[architecture];
    if (!entry) throw new InputError(`unknown architecture '${name}' (one of ${NAMES})`, 'architecture');
    const own = new Map(entry.options.map((o) => [new Option(o.flags).attributeName(), o]));
    for (const [key, value] of Object.entries(parsed)) {
      if (value !== undefined && !own.has(key)) throw new InputError(`not an option of 'train ${architecture}'`, `--${kebab(key)}`);
    }
    const withDefaults: CliOptions = {};
    for (const [key, o] of own) withDefaults[key] = parsed[key] ?? o.default;
    await entry.handler(withDefaults);
  });
}

const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Validates the kuramoto options once; returns resolved values. */
export function parseKuramotoOptions(o: CliOptions) {
  if (!o.task) throw new InputError(`is required (one of ${TASK_NAMES.join(', ')})`, '--task');
  if (!(TASK_NAMES as readonly string[]).includes(o.task)) throw new InputError(`unknown task '${o.task}' (one of ${TASK_NAMES.join(', ')})`, '--task');
  const arch = o.arch ?? 'extended';
  if (!(ARCHITECTURES as readonly string[]).includes(arch)) throw new InputError(`must be extended or reference, got '${arch}'`, '--arch');
  const dt = parseQuantity(o.dt ?? `${TRAINING_DT}`, 's', '--dt');
  if (!(dt > 0 && dt <= MAX_DT)) throw new InputError(`must be a time in (0, ${MAX_DT * 1e12} ps], got ${JSON.stringify(o.dt)}`, '--dt');
  outputDir(o.out);
  return {
    task: o.task as TaskName,
    arch: arch as Architecture,
    iterations: integer(o.iterations, '--iterations', 0),
    seed: integer(o.seed, '--seed', 0),
    splitSeed: integer(o.splitSeed, '--split-seed', 0),
    n: integer(o.oscillators, '--oscillators', 2),
    dt,
    restarts: integer(o.restarts, '--restarts', 1),
    out: o.out!,
  };
}

async function trainKuramoto(raw: CliOptions): Promise<void> {
  const o = parseKuramotoOptions(raw);
  const pool = new KuramotoPool();
  const bar = startProgress(`train kuramoto ${o.arch} ${o.task}`, o.iterations * o.restarts);
  try {
    const result = await runExperiment({
      ...o,
      pool,
      onIteration: (_t, loss, accuracy) => bar.tick(1, { E: loss.toFixed(4), acc: `${(100 * accuracy).toFixed(1)}%` }),
    });
    bar.stop();
    await writeExperiment(o.out, result, pool);
    const r = result.record;
    process.stdout.write(
      `${o.task} ${o.arch}: train ${(100 * r.train.accuracy).toFixed(1)} %, test ${(100 * r.test.accuracy).toFixed(1)} % ` +
        `(${r.seconds.toFixed(1)} s) -> ${o.out}\n`,
    );
  } finally {
    bar.stop();
    await pool.close();
  }
}
