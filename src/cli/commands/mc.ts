// `spinspice mc MODEL.json --trials N --out DIR`: mismatch Monte Carlo (resumable), yield and sensitivity ranking; --replay reruns one trial.
import type { Command } from 'commander';
import { InputError } from '../../errors.ts';
import { TaskPool } from '../../parallel/taskPool.ts';
import { parseQuantity } from '../../units/quantity.ts';
import { studyCommand } from '../architectures/index.ts';
import type { McRequest } from '../architectures/studyCommands.ts';
import { bounded, engineOption, integer, outputDir } from '../options.ts';
import { examplesOption, STUDY_FLAGS, workersOption, type StudyCliOptions } from '../studyContext.ts';

interface McOptions extends StudyCliOptions {
  out?: string;
  trials: string;
  level: string;
  examples?: string;
  spread: string[];
  linewidth: string;
  workers?: string;
  seed: string;
  threshold: string;
  sensitivityTrials?: string;
  replay?: string;
}

export function registerMc(program: Command): void {
  const cmd = program
    .command('mc')
    .description('mismatch Monte Carlo of a trained model: accuracy distribution, yield, sensitivity ranking (resumable)')
    .argument('<model>', 'model.json written by spinspice train')
    .requiredOption('--out <dir>', 'study folder (trials.jsonl, summary.json, figures)')
    .option('--trials <n>', 'number of trials', '40')
    .option('--level <name>', 'circuit (ngspice) or surrogate', 'circuit')
    .option('--examples <n>', 'test examples per trial (evenly spaced; default all)')
    .option('--spread <name=value...>', "override a knob's spread, e.g. F0=3MHz, kappa=5%, gm=2% (knobs depend on the architecture)", [])
    .option('--linewidth <freq>', 'phase-noise linewidth of every STNO', '0')
    .option('--workers <n>', 'parallel workers, one engine each (default: all cores)')
    .option('--seed <n>', 'study seed: trial i uses seedFor(seed, i)', '1')
    .option('--threshold <fraction>', 'accuracy counted as a good die for the yield', '0.9')
    .option('--sensitivity-trials <n>', 'trials per knob for the one-at-a-time ranking (0: none; default min(trials, 20))')
    .option('--replay <index>', 'run trial <index> alone, print its record and compare with trials.jsonl');
  for (const [flags, doc, dflt] of STUDY_FLAGS) cmd.option(flags, doc, dflt);
  cmd.action(async (modelFile: string, o: McOptions) => {
    const dir = outputDir(o.out);
    const level = o.level as McRequest['level'];
    if (level !== 'circuit' && level !== 'surrogate') throw new InputError(`must be circuit or surrogate, got ${JSON.stringify(o.level)}`, '--level');
    const trials = integer(o.trials, '--trials', 1);
    const linewidth = parseQuantity(o.linewidth, 'Hz', '--linewidth');
    if (!(linewidth >= 0)) throw new InputError(`must be >= 0, got ${o.linewidth}`, '--linewidth');
    const run = studyCommand(modelFile, 'mc');
    const request = {
      modelFile,
      dir,
      level,
      trials,
      examples: examplesOption(o.examples),
      spread: o.spread,
      linewidth,
      seed: integer(o.seed, '--seed', 0),
      threshold: bounded(o.threshold, '--threshold', 0, 1),
      sensitivityTrials: o.sensitivityTrials === undefined ? Math.min(trials, 20) : integer(o.sensitivityTrials, '--sensitivity-trials', 0),
      replay: o.replay === undefined ? undefined : integer(o.replay, '--replay', 0),
      engine: engineOption(o.engine),
      tmax: o.tmax,
      dt: o.dt,
    };
    const pool = new TaskPool(workersOption(o.workers));
    try {
      process.stdout.write((await run({ ...request, pool })).join('\n') + '\n');
    } finally {
      await pool.close();
    }
  });
}
