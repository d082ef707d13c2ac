// `spinspice demo --out DIR` (npm start): the main job on the embedded engine — every example deck, the Adler check, a trained classifier, a report.
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
import { InputError } from '../../errors.ts';
import { csv, lineChart, markdownTable, renderHtmlReport } from '../../report/index.ts';
import { runDescription } from '../../sim/runDescription.ts';
import { closeEngines } from '../../sim/simulate.ts';
import { loadDescription, resolveDescription } from '../../spec/resolve.ts';
import { VERSION } from '../../version.ts';

const DETUNING_RATIOS = [0.5, 0.9, 1.1, 1.5, 2, 3];

export function registerDemo(program: Command, run: (argv: string[]) => Promise<number>): void {
  program
    .command('demo')
    .description('run the main job on the embedded WASM ngspice: example decks, Adler check, Iris classifier, HTML report')
    .requiredOption('--out <dir>', 'output folder')
    .option('--seed <seed>', 'training seed', '1')
    .action(async (opts: { out: string; seed: string }) => {
      if (!/^\d+$/.test(opts.seed) || Number(opts.seed) > 0xffffffff) throw new InputError(`must be an integer in [0, 4294967295], got ${opts.seed}`, '--seed');
      const examples = readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.json')).sort();
      const progress = startProgress('demo', examples.length + DETUNING_RATIOS.length + 1);
      const rows: (string | number)[][] = [];
      for (const file of examples) {
        const d = loadDescription(join(EXAMPLES_DIR, file));
        const emitted = emitNetlist(d);
        const name = basename(file, '.json');
        writeFileAtomic(join(opts.out, 'netlists', `${name}.cir`), emitted.deck);
        for (const [lib, text] of Object.entries(emitted.libraries)) writeFileAtomic(join(opts.out, 'netlists', lib), text);
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
      writeFileAtomic(join(opts.out, 'adler.svg'), adlerSvg);
      writeFileAtomic(join(opts.out, 'adler.csv'), csv(['detuning_over_2k', 'circuit_beat_hz', 'adler_beat_hz'], adler.map((a) => [a.ratio, a.circuit, a.analytic])));
      const code = await run(['train', 'kuramoto', '--task', 'iris-versicolor', '--arch', 'extended', '--iterations', '100', '--seed', opts.seed, '--out', join(opts.out, 'kuramoto-iris-versicolor')]);
      progress.tick(1, { train: code === 0 ? 'ok' : 'failed' });
      progress.stop();
      const headers = ['example', 'analysis', 'vectors', 'points', 'ms'];
      writeJsonAtomic(join(opts.out, 'summary.json'), { version: VERSION, engine: 'wasm', seed: Number(opts.seed), examples: rows.map((r) => Object.fromEntries(headers.map((h, i) => [h, r[i]]))), adler });
      writeFileAtomic(
        join(opts.out, 'report.html'),
        renderHtmlReport({
          title: 'spinspice demo',
          meta: { version: VERSION, engine: 'eecircuit-engine (WASM ngspice)', seed: opts.seed },
          sections: [
            { heading: 'Example decks', text: 'Every description in examples/ emitted and simulated on the embedded engine.', table: { headers, rows } },
            { heading: 'Adler locking', text: 'Locked below dF = 2k, beat sqrt(dF^2 - (2k)^2) above.', svg: adlerSvg },
            { heading: 'Kuramoto classifier', text: `Iris versicolor, extended N = 6: see kuramoto-iris-versicolor/metrics.json (exit code ${code}).` },
          ],
        }),
      );
      process.stdout.write(`${markdownTable(headers, rows)}\nwrote ${join(opts.out, 'report.html')}\n`);
    });
}
