// `spinspice train vowels [--rule online|gradient] [--arch reference|extended] ...`: options and handler (paper 003's vowel task).
import { readFileSync } from 'node:fs';
import { InputError } from '../../errors.ts';
import { DEFAULT_EXTENDED_SEARCH } from '../../architectures/vowels/extendedSearch.ts';
import { runVowelExperimentWithProgress, VOWEL_DEFAULTS, VOWEL_RULES, writeVowelExperiment, type VowelRule } from '../../architectures/vowels/experiment.ts';
import { VOWEL_ARCHITECTURES, type VowelArchitecture } from '../../architectures/vowels/model.ts';
import { readVowelNetwork } from '../../architectures/vowels/persist.ts';
import { VOWEL_TASK_NAMES, type VowelTaskName } from '../../architectures/vowels/task.ts';

/** Commander-style option definitions of the `vowels` architecture (flags, description, default). */
export const vowelOptions: readonly { flags: string; description: string; default?: string }[] = [
  { flags: '--task <name>', description: `task (${VOWEL_TASK_NAMES.join(', ')})`, default: 'vowels7' },
  { flags: '--rule <name>', description: 'online (the experiment\'s rule on the bias currents) or gradient (forced-Kuramoto operator)', default: 'gradient' },
  { flags: '--arch <name>', description: 'reference (4 bias currents) or extended (F = W [x; 1], starts from the trained reference network)', default: 'reference' },
  { flags: '--init-from <model>', description: 'extended: model.json of the trained reference network (same task and split) to start from; default: train it first' },
  { flags: '--search-sweeps <n>', description: `extended: sweeps of the row search from the reference before training (default ${DEFAULT_EXTENDED_SEARCH.sweeps}; 0 = none)` },
  { flags: '--iterations <n>', description: `gradient iterations (default ${VOWEL_DEFAULTS.gradientIterations}) or online passes (default ${VOWEL_DEFAULTS.onlineEpochs})` },
  { flags: '--seed <n>', description: 'seed of the initial draws, initial phases and presentation order', default: '1' },
  { flags: '--split-seed <n>', description: 'seed of the train/test split by speaker', default: '0' },
  { flags: '--out <dir>', description: 'output directory (model.json, metrics.json, figures)' },
];

type CliOptions = Record<string, string | undefined>;

const integer = (v: string | undefined, field: string, min: number) => {
  const n = Number(v);
  if (v === undefined || v.trim() === '' || !Number.isInteger(n) || n < min || n > 0xffffffff) throw new InputError(`must be an integer >= ${min}, got ${JSON.stringify(v)}`, field);
  return n;
};

/** Validates the options once; returns resolved values. `ensureDir` proves --out writable (throws otherwise). */
export function parseVowelOptions(o: CliOptions, ensureDir: (dir: string) => void) {
  const task = o.task ?? 'vowels7';
  if (!(VOWEL_TASK_NAMES as readonly string[]).includes(task)) throw new InputError(`unknown task '${task}' (one of ${VOWEL_TASK_NAMES.join(', ')})`, '--task');
  const rule = o.rule ?? 'gradient';
  if (!(VOWEL_RULES as readonly string[]).includes(rule)) throw new InputError(`must be online or gradient, got '${rule}'`, '--rule');
  const arch = o.arch ?? 'reference';
  if (!(VOWEL_ARCHITECTURES as readonly string[]).includes(arch)) throw new InputError(`must be reference or extended, got '${arch}'`, '--arch');
  if (rule === 'online' && arch !== 'reference') throw new InputError('the online rule tunes the reference network\'s bias currents (use --arch reference)', '--rule');
  if (o.searchSweeps !== undefined && arch !== 'extended') throw new InputError('only the extended network has a row search (use --arch extended)', '--search-sweeps');
  if (o.initFrom !== undefined && arch !== 'extended') throw new InputError('only the extended network starts from a trained reference network (use --arch extended)', '--init-from');
  if (!o.out) throw new InputError('is required', '--out');
  try {
    ensureDir(o.out);
  } catch (e) {
    throw new InputError(`cannot write to ${o.out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, '--out');
  }
  return {
    task: task as VowelTaskName,
    rule: rule as VowelRule,
    arch: arch as VowelArchitecture,
    iterations: o.iterations === undefined ? undefined : integer(o.iterations, '--iterations', 0),
    seed: integer(o.seed ?? '1', '--seed', 0),
    splitSeed: integer(o.splitSeed ?? '0', '--split-seed', 0),
    searchSweeps: integer(o.searchSweeps ?? String(DEFAULT_EXTENDED_SEARCH.sweeps), '--search-sweeps', 0),
    initFrom: o.initFrom,
    out: o.out,
  };
}

/** Trains, writes model.json + metrics.json + figures into --out and prints the scores. */
export async function trainVowelsHandler(raw: CliOptions, ensureDir: (dir: string) => void): Promise<void> {
  const o = parseVowelOptions(raw, ensureDir);
  const initFrom = o.initFrom === undefined ? undefined : referenceFor(o.initFrom, o.task, o.splitSeed);
  const extendedSearch = { ...DEFAULT_EXTENDED_SEARCH, sweeps: o.searchSweeps };
  const r = runVowelExperimentWithProgress(`train vowels ${o.arch} ${o.rule} ${o.task}`, { ...o, initFrom, extendedSearch });
  await writeVowelExperiment(o.out, r);
  const m = r.metrics;
  process.stdout.write(`${m.task} ${m.arch} (${m.rule}): train ${(100 * m.train.accuracy).toFixed(1)} %, test ${(100 * m.test.accuracy).toFixed(1)} % (${m.seconds.toFixed(1)} s) -> ${o.out}\n`);
}

/** The reference network of --init-from, refused when its training record names another task or speaker split. */
function referenceFor(path: string, task: string, splitSeed: number) {
  const net = readVowelNetwork(path);
  const training = (JSON.parse(readFileSync(path, 'utf8')) as { training?: { task?: string; splitSeed?: number } }).training ?? {};
  if (training.task !== undefined && training.task !== task) throw new InputError(`${path} was trained on ${training.task}, not ${task}`, '--init-from');
  if (training.splitSeed !== undefined && training.splitSeed !== splitSeed) throw new InputError(`${path} was trained on split ${training.splitSeed}, not ${splitSeed} (--split-seed)`, '--init-from');
  return net;
}
