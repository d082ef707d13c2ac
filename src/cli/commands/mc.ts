// `spinspice mc MODEL.json --trials N --out DIR`: mismatch Monte Carlo (resumable), yield and sensitivity ranking; --replay reruns one trial.
import { join } from 'node:path';
import type { Command } from 'commander';
import { InputError } from '../../errors.ts';
import { readJsonl } from '../../io/jsonl.ts';
import { mismatchStudy, trialSpec } from '../../montecarlo/kuramotoStudies.ts';
import { runTrial, type Level, type TrialRecord } from '../../montecarlo/kuramotoTrial.ts';
import { overrideSpreads, tableSpreads } from '../../montecarlo/mismatch.ts';
import { TaskPool } from '../../parallel/taskPool.ts';
import { parseQuantity } from '../../units/quantity.ts';
import { bounded, integer, outputDir } from '../options.ts';
import { examplesOption, STUDY_FLAGS, studyContext, type StudyCliOptions } from '../studyContext.ts';

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
    .option('--spread <name=value...>', 'override a spread: F0=3MHz, kappa=5%, k=0.1, gm=2%, gain=1%, offset=2uA', [])
    .option('--linewidth <freq>', 'phase-noise linewidth of every STNO', '0')
    .option('--workers <n>', 'parallel workers, one engine each (default: all cores)')
    .option('--seed <n>', 'study seed: trial i uses seedFor(seed, i)', '1')
    .option('--threshold <fraction>', 'accuracy counted as a good die for the yield', '0.9')
    .option('--sensitivity-trials <n>', 'trials per knob for the one-at-a-time ranking (0: none; default min(trials, 20))')
    .option('--replay <index>', 'run trial <index> alone, print its record and compare with trials.jsonl');
  for (const [flags, doc, dflt] of STUDY_FLAGS) cmd.option(flags, doc, dflt);
  cmd.action(async (modelFile: string, o: McOptions) => {
    const dir = outputDir(o.out);
    const level = o.level as Level;
    if (level !== 'circuit' && level !== 'surrogate') throw new InputError(`must be circuit or surrogate, got ${JSON.stringify(o.level)}`, '--level');
    const trials = integer(o.trials, '--trials', 1);
    const seed = integer(o.seed, '--seed', 0);
    const linewidth = parseQuantity(o.linewidth, 'Hz', '--linewidth');
    if (!(linewidth >= 0)) throw new InputError(`must be >= 0, got ${o.linewidth}`, '--linewidth');
    const spreads = overrideSpreads(tableSpreads(), o.spread);
    const pool = new TaskPool(o.workers === undefined ? undefined : integer(o.workers, '--workers', 1));
    try {
      const c = studyContext(modelFile, o, pool, examplesOption(o.examples));
      if (o.replay !== undefined) {
        const index = integer(o.replay, '--replay', 0);
        const record = await runTrial(trialSpec(c, { level, spreads, linewidth, seed }, index));
        const stored = readJsonl<TrialRecord>(join(dir, 'trials.jsonl')).find((r) => r.index === index);
        const same = stored ? JSON.stringify({ ...stored, seconds: 0 }) === JSON.stringify({ ...record, seconds: 0 }) : null;
        process.stdout.write(`${JSON.stringify(record)}\n${same === null ? 'trial not in trials.jsonl yet' : same ? 'same as the stored trial' : 'DIFFERS from the stored trial'}\n`);
        return;
      }
      const sensitivityTrials = o.sensitivityTrials === undefined ? Math.min(trials, 20) : integer(o.sensitivityTrials, '--sensitivity-trials', 0);
      const s = await mismatchStudy(c, { dir, level, spreads, linewidth, trials, seed, threshold: bounded(o.threshold, '--threshold', 0, 1), sensitivityTrials });
      const pct = (v: number) => `${(100 * v).toFixed(1)} %`;
      const lines = [
        `${s.finished} of ${s.trials} trials finished (${s.failed} failed), ${level} level, ${s.examples} examples: mean ${pct(s.mean)}, min ${pct(s.min)}, max ${pct(s.max)}, yield ${pct(s.yield)} at >= ${pct(s.threshold)}`,
        ...(s.nominal === null ? [] : [`nominal ${pct(s.nominal)}; accuracy lost to each knob alone: ${s.sensitivity.map((e) => `${e.knob} ${(100 * e.drop).toFixed(1)}`).join(', ')} points`]),
        `-> ${dir}/summary.json`,
      ];
      process.stdout.write(lines.join('\n') + '\n');
    } finally {
      await pool.close();
    }
  });
}
