// `spinspice validate MODEL.json --out DIR`: every test example through ngspice, compared with the surrogate.
import type { Command } from 'commander';
import { TaskPool } from '../../parallel/taskPool.ts';
import { parseQuantity } from '../../units/quantity.ts';
import { loadKuramotoTarget } from '../../validate/kuramotoTarget.ts';
import { validateKuramoto, writeValidation } from '../../validate/kuramotoValidation.ts';
import { DEFAULT_RUN } from '../../annotate/kuramotoCircuit.ts';
import { engineOption, integer, outputDir } from '../options.ts';

interface ValidateOptions {
  out?: string;
  engine: string;
  examples?: string;
  workers?: string;
  tmax: string;
}

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('run the test examples of a trained model through ngspice and compare with the surrogate (resumable)')
    .argument('<model>', 'model.json written by spinspice train')
    .requiredOption('--out <dir>', 'output folder (validation.json, figures, circuit-examples.jsonl)')
    .option('--engine <name>', 'wasm (embedded) or native', 'wasm')
    .option('--examples <n>', 'evaluate N evenly spaced test examples (default: all)')
    .option('--workers <n>', 'parallel workers, one engine each (default: all cores)')
    .option('--tmax <time>', 'largest transient step', `${DEFAULT_RUN.tmax}`)
    .action(async (modelFile: string, o: ValidateOptions) => {
      const dir = outputDir(o.out);
      const target = loadKuramotoTarget(modelFile, { examples: o.examples === undefined ? undefined : integer(o.examples, '--examples', 1) });
      const pool = new TaskPool(o.workers === undefined ? undefined : integer(o.workers, '--workers', 1));
      try {
        const report = await validateKuramoto(target, { dir, engine: engineOption(o.engine), tmax: parseQuantity(o.tmax, 's', '--tmax'), pool });
        await writeValidation(dir, report);
        const pct = (v: number) => `${(100 * v).toFixed(1)} %`;
        const lines = [
          `${report.examples} examples (${report.engine}): agreement ${pct(report.agreement)}, circuit ${pct(report.circuitAccuracy)}, surrogate ${pct(report.surrogateAccuracy)}` +
            `, mean-frequency error rms ${(report.frequencyError.rmsHz / 1e3).toFixed(1)} kHz, max ${(report.frequencyError.maxAbsHz / 1e3).toFixed(1)} kHz`,
          ...report.disagreements.map((e) =>
            'error' in e.circuit
              ? `  example ${e.index}: circuit failed: ${e.circuit.error}`
              : `  example ${e.index}: surrogate ${e.surrogate.positive ? 'sync' : 'async'} (D = ${e.surrogate.D[0].toFixed(3)}), circuit ${e.circuit.positive ? 'sync' : 'async'} (D = ${e.circuit.D[0].toFixed(3)}), target ${e.target ? 'sync' : 'async'}`,
          ),
          ...report.outOfRange.map((r) => `  out of range: ${r.element}.${r.field} = ${r.value.toExponential(3)} (allowed ${r.allowed[0].toExponential(3)} .. ${r.allowed[1].toExponential(3)}): ${r.note}`),
          `-> ${dir}/validation.json`,
        ];
        process.stdout.write(lines.join('\n') + '\n');
      } finally {
        await pool.close();
      }
    });
}
