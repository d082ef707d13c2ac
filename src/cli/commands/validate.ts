// `spinspice validate MODEL.json --out DIR`: every test example through ngspice, compared with the surrogate.
import type { Command } from 'commander';
import { TaskPool } from '../../parallel/taskPool.ts';
import { studyCommand } from '../architectures/index.ts';
import { engineOption, outputDir } from '../options.ts';
import { examplesOption, workersOption } from '../studyContext.ts';

interface ValidateOptions {
  out?: string;
  engine: string;
  examples?: string;
  workers?: string;
  tmax?: string;
}

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('run the test examples of a trained model through ngspice and compare with the surrogate (resumable)')
    .argument('<model>', 'model.json written by spinspice train')
    .requiredOption('--out <dir>', 'output folder (validation.json, figures, per-example JSONL)')
    .option('--engine <name>', 'wasm (embedded) or native', 'wasm')
    .option('--examples <n>', 'evaluate N evenly spaced test examples (default: all)')
    .option('--workers <n>', 'parallel workers, one engine each (default: all cores)')
    .option('--tmax <time>', "largest transient step (default: the architecture's)")
    .action(async (modelFile: string, o: ValidateOptions) => {
      const dir = outputDir(o.out);
      const run = studyCommand(modelFile, 'validate');
      const request = { modelFile, dir, engine: engineOption(o.engine), examples: examplesOption(o.examples), tmax: o.tmax };
      const pool = new TaskPool(workersOption(o.workers));
      try {
        process.stdout.write((await run({ ...request, pool })).join('\n') + '\n');
      } finally {
        await pool.close();
      }
    });
}
