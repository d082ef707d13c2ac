// `spinspice noise MODEL.json --out DIR`: phase-noise sweep over linewidths, surrogate and circuit trials (paper 000 Fig. 8).
import type { Command } from 'commander';
import { InputError } from '../../errors.ts';
import { noiseSweep } from '../../montecarlo/kuramotoStudies.ts';
import { TaskPool } from '../../parallel/taskPool.ts';
import { parseQuantity } from '../../units/quantity.ts';
import { integer, outputDir } from '../options.ts';
import { examplesOption, STUDY_FLAGS, studyContext, type StudyCliOptions } from '../studyContext.ts';

interface NoiseOptions extends StudyCliOptions {
  out?: string;
  linewidths: string;
  trials: string;
  circuitTrials: string;
  circuitExamples?: string;
  workers?: string;
  seed: string;
}

export function registerNoise(program: Command): void {
  const cmd = program
    .command('noise')
    .description('phase-noise sweep: test accuracy against STNO linewidth, surrogate and ngspice trials (resumable)')
    .argument('<model>', 'model.json written by spinspice train')
    .requiredOption('--out <dir>', 'study folder (noise.json, noise.svg, one trials.jsonl per level and linewidth)')
    .option('--linewidths <list>', 'comma-separated linewidths (a bare number is MHz)', '0,0.25,0.5,1,2,4')
    .option('--trials <n>', 'surrogate trials per linewidth', '100')
    .option('--circuit-trials <n>', 'ngspice trials per linewidth (0: none)', '2')
    .option('--circuit-examples <n>', 'test examples per circuit trial (evenly spaced; default all)')
    .option('--workers <n>', 'parallel workers, one engine each (default: all cores)')
    .option('--seed <n>', 'study seed: trial i uses seedFor(seed, i)', '1');
  for (const [flags, doc, dflt] of STUDY_FLAGS) cmd.option(flags, doc, dflt);
  cmd.action(async (modelFile: string, o: NoiseOptions) => {
    const dir = outputDir(o.out);
    const linewidths = o.linewidths.split(',').map((v) => {
      const hz = /^\s*[0-9.eE+-]+\s*$/.test(v) ? Number(v) * 1e6 : parseQuantity(v, 'Hz', '--linewidths');
      if (!(hz >= 0)) throw new InputError(`linewidths must be >= 0, got ${JSON.stringify(v)}`, '--linewidths');
      return hz;
    });
    const pool = new TaskPool(o.workers === undefined ? undefined : integer(o.workers, '--workers', 1));
    try {
      const surrogate = studyContext(modelFile, o, pool, undefined);
      const circuit = studyContext(modelFile, o, pool, examplesOption(o.circuitExamples, '--circuit-examples'));
      const sweep = await noiseSweep(surrogate, circuit, {
        dir,
        linewidths,
        trials: integer(o.trials, '--trials', 0),
        circuitTrials: integer(o.circuitTrials, '--circuit-trials', 0),
        seed: integer(o.seed, '--seed', 0),
      });
      const pct = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '-' : `${(100 * v).toFixed(1)}`);
      const lines = sweep.levels.map(
        (l) =>
          `${(l.linewidthHz / 1e6).toString().padStart(5)} MHz: surrogate mean ${pct(l.surrogate?.mean)} % (min ${pct(l.surrogate?.min)}, max ${pct(l.surrogate?.max)})` +
          (l.circuit ? `, circuit mean ${pct(l.circuit.mean)} % (min ${pct(l.circuit.min)}, ${l.circuit.finished} trials)` : ''),
      );
      process.stdout.write([...lines, `-> ${dir}/noise.json`].join('\n') + '\n');
    } finally {
      await pool.close();
    }
  });
}
