// Speed of Monte Carlo studies on the worker pool: the same 40-trial circuit study with 1 and with 2 workers; rewrites the mc section of docs/BENCHMARKS.md.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runExperiment, writeExperiment } from '../src/architectures/kuramoto/experiment.ts';
import { writeFileAtomic } from '../src/io/atomic.ts';
import { mismatchStudy } from '../src/montecarlo/kuramotoStudies.ts';
import { tableSpreads } from '../src/montecarlo/mismatch.ts';
import { ROOT } from '../src/netlist/examples.ts';
import { TaskPool } from '../src/parallel/taskPool.ts';
import { markdownTable, replaceSection } from '../src/report/index.ts';
import { resolveSettings } from '../src/surrogate/kuramoto/params.ts';
import { loadKuramotoTarget } from '../src/validate/kuramotoTarget.ts';

const { values } = parseArgs({ options: { trials: { type: 'string', default: '40' }, examples: { type: 'string', default: '3' } } });
const trials = Number(values.trials);
const examples = Number(values.examples);
process.env.SPINSPICE_QUIET = '1';

const work = mkdtempSync(join(tmpdir(), 'spinspice-bench-mc-'));
const trained = await runExperiment({ task: 'iris-versicolor', arch: 'extended', iterations: 100, seed: 1 });
await writeExperiment(work, trained);
const target = loadKuramotoTarget(join(work, 'model.json'), { examples });
const load0 = loadavg()[0];
const rows: (string | number)[][] = [];
const seconds: Record<string, number> = {};
for (const level of ['circuit', 'surrogate'] as const) {
  for (const workers of [1, 2]) {
    const pool = new TaskPool(workers);
    const context = { target, pool, engine: 'wasm' as const, tmax: 1e-10, settings: resolveSettings({ ...target.model.description.settings, linewidth: 0 }) };
    const dir = join(work, `${level}-${workers}`);
    // warm the workers (engine start, module imports) outside the timed study
    await Promise.all(Array.from({ length: workers }, () => pool.run(new URL('../src/montecarlo/kuramotoTrial.ts', import.meta.url), 'trialFrequencies', [target.design, target.z.slice(0, 1), { level, linewidth: 0, settings: context.settings, engine: 'wasm', tmax: 1e-10, seed: 0 }])));
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const s = await mismatchStudy(context, { dir, level, spreads: tableSpreads(), linewidth: 0, trials, seed: 1, threshold: 0.9, sensitivityTrials: 0 });
    const wall = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    await pool.close();
    seconds[`${level}-${workers}`] = wall;
    const runs = level === 'circuit' ? trials * examples : trials * target.z.length;
    rows.push([level, workers, trials, level === 'circuit' ? examples : target.z.length, wall.toFixed(1), cpuSeconds.toFixed(1), (runs / wall).toFixed(1), workers === 1 ? '1.00' : (seconds[`${level}-1`] / wall).toFixed(2), `${(100 * s.mean).toFixed(1)} %`]);
    process.stdout.write(`${level} ${workers} worker(s): ${wall.toFixed(1)} s\n`);
  }
}
const load1 = loadavg()[0];
rmSync(work, { recursive: true, force: true });
const L: string[] = [];
L.push('## Monte Carlo studies on the worker pool');
L.push('');
L.push(`Written by \`npm run bench:mc\` (scripts/benchMc.ts) on ${new Date().toISOString().slice(0, 10)}, ${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, Node ${process.version};`);
L.push(`1-minute load average ${load0.toFixed(1)} at start and ${load1.toFixed(1)} at end (it lags: the CPU column, this process and its worker threads, shows whether the workers had their cores — about workers x wall when they did).`);
L.push('');
L.push(`The same mismatch study (${trials} trials, spreads of the device tables, Iris versicolor classifier N = 6 trained with seed 1) with one and with two piscina workers; each worker owns one WASM ngspice engine (circuit level) and runs its trials' examples one after another. Workers are started and warmed before the clock starts.`);
L.push('');
L.push(markdownTable(['level', 'workers', 'trials', 'examples / trial', 'wall s', 'CPU s', 'example runs / s', 'speed-up', 'mean accuracy'], rows));
L.push('');
L.push(`Target: two workers at least 1.7x faster than one on the 40-trial circuit study — ${(seconds['circuit-1'] / seconds['circuit-2']).toFixed(2)}x.`);
const path = join(ROOT, 'docs/BENCHMARKS.md');
writeFileAtomic(path, replaceSection(readFileSync(path, 'utf8'), 'mc', L.join('\n')));
process.exit(0);
