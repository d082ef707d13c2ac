// `spinspice demo --out DIR` (npm start): the whole story on the embedded engine — device checks, training, back-annotation, validation, studies, report.
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Command } from 'commander';
import { beatFrequency, meanFrequency } from '../../analysis/phase.ts';
import { oscillatorPair } from '../../architectures/oscillatorPair.ts';
import { stnoPhase } from '../../devices/stnoPhase.ts';
import { writeFileAtomic, writeJsonAtomic } from '../../io/atomic.ts';
import { startProgress } from '../../io/progress.ts';
import { emitNetlist } from '../../netlist/emit.ts';
import { EXAMPLES_DIR } from '../../netlist/examples.ts';
import { InputError, SimulationError } from '../../errors.ts';
import { csv, lineChart, markdownTable } from '../../report/index.ts';
import { runDescription } from '../../sim/runDescription.ts';
import { closeEngines } from '../../sim/simulate.ts';
import { loadDescription, resolveDescription } from '../../spec/resolve.ts';
import { VERSION } from '../../version.ts';

const DETUNING_RATIOS = [0.5, 0.9, 1.1, 1.5, 2, 3];

/** The circuit-level story after the device checks: each step is a spinspice command writing into its own folder. */
function storySteps(out: string, seed: string): { name: string; argv: string[] }[] {
  const model = join(out, 'train', 'model.json');
  return [
    { name: 'train', argv: ['train', 'kuramoto', '--task', 'iris-versicolor', '--arch', 'extended', '--iterations', '100', '--seed', seed, '--out', join(out, 'train')] },
    { name: 'back-annotate', argv: ['netlist', model, '--example', '0', '--out', join(out, 'circuit', 'example0.cir')] },
    { name: 'validate', argv: ['validate', model, '--out', join(out, 'validate')] },
    { name: 'phase noise', argv: ['noise', model, '--trials', '100', '--circuit-trials', '1', '--circuit-examples', '12', '--seed', seed, '--out', join(out, 'noise')] },
    { name: 'mismatch (surrogate)', argv: ['mc', model, '--level', 'surrogate', '--trials', '100', '--sensitivity-trials', '20', '--seed', seed, '--out', join(out, 'mc-surrogate')] },
    { name: 'mismatch (circuit)', argv: ['mc', model, '--level', 'circuit', '--trials', '4', '--examples', '12', '--sensitivity-trials', '0', '--seed', seed, '--out', join(out, 'mc-circuit')] },
    { name: 'report', argv: ['report', out] },
  ];
}

export function registerDemo(program: Command, run: (argv: string[]) => Promise<number>): void {
  program
    .command('demo')
    .description('the main job on the embedded WASM ngspice: device checks, train an Iris classifier, back-annotate, validate, phase-noise and mismatch studies, HTML report')
    .requiredOption('--out <dir>', 'output folder')
    .option('--seed <seed>', 'seed of training and studies', '1')
    .action(async (opts: { out: string; seed: string }) => {
      if (!/^\d+$/.test(opts.seed) || Number(opts.seed) > 0xffffffff) throw new InputError(`must be an integer in [0, 4294967295], got ${opts.seed}`, '--seed');
      const started = Date.now();
      await deviceChecks(join(opts.out, 'devices'), opts.seed);
      for (const step of storySteps(opts.out, opts.seed)) {
        process.stderr.write(`== ${step.name}: spinspice ${step.argv.join(' ')}\n`);
        const code = await run(step.argv);
        if (code !== 0) throw new SimulationError(`demo step '${step.name}' failed with exit code ${code}`);
      }
      process.stdout.write(`demo finished in ${((Date.now() - started) / 1000).toFixed(0)} s: ${join(opts.out, 'report.html')}\n`);
    });
}

/** Every example deck on the embedded engine and the Adler sweep of two coupled STNOs, into `dir`. */
async function deviceChecks(dir: string, seed: string): Promise<void> {
  const examples = readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.json')).sort();
  const progress = startProgress('device checks', examples.length + DETUNING_RATIOS.length);
  const rows: (string | number)[][] = [];
  for (const file of examples) {
    const d = loadDescription(join(EXAMPLES_DIR, file));
    const emitted = emitNetlist(d);
    const name = basename(file, '.json');
    writeFileAtomic(join(dir, 'netlists', `${name}.cir`), emitted.deck);
    for (const [lib, text] of Object.entries(emitted.libraries)) writeFileAtomic(join(dir, 'netlists', lib), text);
    const t0 = Date.now();
    const r = await runDescription(d);
    rows.push([name, d.analyses[0].type, Object.keys(r.variables).length, Object.values(r.variables)[0].length, Date.now() - t0]);
    progress.tick(1, { deck: name });
  }
  const k = stnoPhase.params.k.default;
  const fref = stnoPhase.params.fref.default;
  const adler: { ratio: number; circuit: number; analytic: number }[] = [];
  for (const ratio of DETUNING_RATIOS) {
    const dF = ratio * 2 * k;
    const r = await runDescription(resolveDescription(oscillatorPair(fref - dF / 2, fref + dF / 2, { k })));
    const { time } = r.variables;
    const p1 = r.variables['v(p1)'];
    const p2 = r.variables['v(p2)'];
    const circuit = ratio > 1 ? beatFrequency(time, p2.map((v, i) => v - p1[i]), 2e-7) : meanFrequency(time, p2, 5e-7, 1e-6, fref) - meanFrequency(time, p1, 5e-7, 1e-6, fref);
    adler.push({ ratio, circuit, analytic: ratio > 1 ? Math.sqrt(dF * dF - 4 * k * k) : 0 });
    progress.tick(1, { detuning: `${ratio}x2k` });
  }
  progress.stop();
  await closeEngines();
  const adlerSvg = await lineChart({
    title: 'Two coupled STNOs in ngspice vs Adler',
    xLabel: 'detuning dF / 2k',
    yLabel: 'beat frequency (MHz)',
    series: [
      { name: 'ngspice (WASM)', x: adler.map((a) => a.ratio), y: adler.map((a) => Math.abs(a.circuit) / 1e6) },
      { name: 'Adler sqrt(dF^2 - (2k)^2)', x: adler.map((a) => a.ratio), y: adler.map((a) => a.analytic / 1e6) },
    ],
    markers: true,
  });
  writeFileAtomic(join(dir, 'adler.svg'), adlerSvg);
  writeFileAtomic(join(dir, 'adler.csv'), csv(['detuning_over_2k', 'circuit_beat_hz', 'adler_beat_hz'], adler.map((a) => [a.ratio, a.circuit, a.analytic])));
  const headers = ['example', 'analysis', 'vectors', 'points', 'ms'];
  writeJsonAtomic(join(dir, 'summary.json'), { version: VERSION, engine: 'wasm', seed: Number(seed), examples: rows.map((r) => Object.fromEntries(headers.map((h, i) => [h, r[i]]))), adler });
  process.stdout.write(`${markdownTable(headers, rows)}\n`);
}
