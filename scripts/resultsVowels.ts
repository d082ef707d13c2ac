// Reproduces paper 003's vowel experiment with the forced oscillator network and rewrites the vowels section of docs/RESULTS.md.
//
//   npm run results:vowels [-- --parts train,figures,baselines,robustness,circuit,splits,validate,noise,mismatch] [--seed 1]
//                          [--arch reference|extended (train, circuit, validate: only this network)] [--engine native|wasm (circuit part)] [--workers N]
//                          [--split-seeds 0,1,...,9 (splits part: the speaker splits run and tabulated)]
//
// The extended network starts from the reference network trained by gradient on the same task and split (its cached
// model.json), so the train part runs the reference before the extended one.
//
// validate, noise and mismatch run the trained vowels7 networks through spinspice's study code (as `spinspice validate`
// and `spinspice mc` do) on a worker pool; their folders are resumable, so an interrupted part picks up where it stopped.
// Each run is cached in runs/results-vowels/<name>/ (model.json, metrics.json, figures); the Markdown is rebuilt from
// every cached file, so parts can be rerun alone. Figures are copied to docs/figures/vowels/.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mean as meanOf, std as sampleStd } from 'mathjs';
import { writeFileAtomic, writeJsonAtomic } from '../src/io/atomic.ts';
import { markdownTable, replaceSection, scatterChart } from '../src/report/index.ts';
import { seedFor } from '../src/random/rng.ts';
import { nativeAvailable } from '../src/sim/nativeEngine.ts';
import type { EngineName } from '../src/sim/simulate.ts';
import { runVowelExperimentWithProgress, writeVowelExperiment, type VowelMetrics, type VowelRule } from '../src/architectures/vowels/experiment.ts';
import { DEFAULT_EXTENDED_SEARCH } from '../src/architectures/vowels/extendedSearch.ts';
import type { VowelArchitecture } from '../src/architectures/vowels/model.ts';
import { readVowelNetwork } from '../src/architectures/vowels/persist.ts';
import { predictVowels, vowelAccuracy } from '../src/architectures/vowels/predict.ts';
import { gaussianClassifier, trainSoftmaxNetwork } from '../src/architectures/vowels/baselines.ts';
import { checkCircuit } from '../src/architectures/vowels/circuitCheck.ts';
import { vowelLearningCurveSvg, vowelResponseMapSvg } from '../src/architectures/vowels/figures.ts';
import { loadVowelTask, VOWEL_TASKS, type VowelTaskName } from '../src/architectures/vowels/task.ts';
import { CIRCUIT_TMAX, TOKEN_TIMEOUT_MS } from '../src/architectures/vowels/circuit.ts';
import { patternLabel } from '../src/architectures/vowels/readout.ts';
import { vowelMismatchStudy, vowelNoiseSweep, vowelStudyContext, vowelTableSpreads, type VowelMismatchSummary, type VowelNoiseSweep } from '../src/montecarlo/vowelStudies.ts';
import { VOWEL_KNOBS, VOWEL_KNOB_NAMES, type VowelKnob, type VowelSpreads } from '../src/montecarlo/vowelTrial.ts';
import type { KnobSource } from '../src/montecarlo/mismatch.ts';
import { TaskPool } from '../src/parallel/taskPool.ts';
import { stnoPhase } from '../src/devices/stnoPhase.ts';
import { loadVowelTarget } from '../src/validate/vowelTarget.ts';
import { validateVowels, writeVowelValidation, type VowelValidationReport } from '../src/validate/vowelValidation.ts';
import { copyFileSync, rmSync } from 'node:fs';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const parts = new Set(arg('parts', 'train,figures,baselines,robustness,circuit,splits,validate,noise,mismatch').split(','));
const SPLIT_SEEDS = arg('split-seeds', '0,1,2,3,4,5,6,7,8,9').split(',').map(Number);
if (!SPLIT_SEEDS.every((s) => Number.isInteger(s) && s >= 0)) {
  console.error(`resultsVowels: --split-seeds must be comma-separated integers >= 0 (got "${arg('split-seeds', '')}")`);
  process.exit(2);
}
const seed = Number(arg('seed', '1'));
const engine = arg('engine', nativeAvailable() ? 'native' : 'wasm') as EngineName;
const ROOT = new URL('..', import.meta.url).pathname;
const RUNS = join(ROOT, 'runs/results-vowels');
const FIGS = join(ROOT, 'docs/figures/vowels');
const RESULTS = join(ROOT, 'docs/RESULTS.md');
const TASKS: readonly VowelTaskName[] = ['vowels7', 'vowels12'];
const RUN_KINDS: readonly { arch: VowelArchitecture; rule: VowelRule }[] = [
  { arch: 'reference', rule: 'online' },
  { arch: 'reference', rule: 'gradient' },
  { arch: 'extended', rule: 'gradient' },
];
const runName = (task: string, arch: string, rule: string) => `${task}-${arch}-${rule}`;
const archs = new Set(arg('arch', 'reference,extended').split(','));
const selectedArchs = (['reference', 'extended'] as const).filter((a) => archs.has(a));
const SOFTMAX_HIDDEN = [0, 1, 2, 3, 4];
const workers = Number(arg('workers', '2'));
/** validate, noise and mismatch run on the embedded engine, the default of spinspice validate / mc (cached folders record it). */
const STUDY_ENGINE: EngineName = 'wasm';
/** The studied network: vowels7, four currents, gradient training (split 0). */
const STUDIED = runName('vowels7', 'reference', 'gradient');
const NOISE = { linewidths: [0, 0.5e6, 1e6, 2e6, 4e6], trials: 100, circuitTrials: 2, circuitTokens: 28, seed: 1 };
const MISMATCH = { trials: 200, sensitivityTrials: 50, circuitTrials: 4, circuitTokens: 28, seed: 1, threshold: 0.85 };
const validateDir = (name: string) => join(RUNS, name, 'validate');
const noiseDir = join(RUNS, STUDIED, 'noise');
const mismatchDir = (level: string) => join(RUNS, STUDIED, `mismatch-${level}`);
const BASELINE_SEEDS = 5;
/** Initial-phase draws over which the split table also averages each test accuracy (one draw: ~1-2 points of scoring noise). */
const PHASE_DRAWS = 20;
/** Seeds of those draws (derived from the scoring seed; recorded in vowels7-splits.json). */
const PHASE_DRAW_SEEDS = Array.from({ length: PHASE_DRAWS }, (_, d) => seedFor(seed, 100 + d));

mkdirSync(FIGS, { recursive: true });
const readJson = <T>(path: string): T | null => (existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T) : null);
const metrics = (name: string) => readJson<VowelMetrics & { history?: number[] }>(join(RUNS, name, 'metrics.json'));

if (parts.has('train')) {
  for (const task of TASKS) {
    for (const { arch, rule } of RUN_KINDS.filter((k) => archs.has(k.arch))) {
      const name = runName(task, arch, rule);
      const initFrom = arch === 'extended' ? cachedReference(join(RUNS, runName(task, 'reference', 'gradient')), 0) : undefined;
      const r = runVowelExperimentWithProgress(name, { task, arch, rule, seed, initFrom });
      const dir = join(RUNS, name);
      dropCircuitResults(name);
      await writeVowelExperiment(dir, r);
      writeJsonAtomic(join(dir, 'curve.json'), r.history.accuracy);
      console.log(`${name}: train ${(100 * r.metrics.train.accuracy).toFixed(1)} % test ${(100 * r.metrics.test.accuracy).toFixed(1)} % (${r.metrics.seconds.toFixed(0)} s)`);
    }
    const curves = RUN_KINDS.map(({ arch, rule }) => ({ name: `${arch} (${rule})`, accuracy: readJson<number[]>(join(RUNS, runName(task, arch, rule), 'curve.json')) ?? [] }));
    writeFileAtomic(join(FIGS, `${task}-learning-curves.svg`), await vowelLearningCurveSvg(curves, `Training error, ${task}`));
  }
}

if (parts.has('figures')) {
  // response maps of every cached run (class regions and raw lock patterns), test tokens on top
  for (const task of TASKS) {
    for (const { arch, rule } of RUN_KINDS) {
      const name = runName(task, arch, rule);
      const m = metrics(name);
      if (!m) continue;
      const net = readVowelNetwork(join(RUNS, name, 'model.json'));
      const title = `${task}, ${arch} (${rule}): test ${(100 * m.test.accuracy).toFixed(1)} %`;
      for (const by of ['vowels', 'locks'] as const) {
        const file = `${name}-${by === 'vowels' ? 'response' : 'lock'}-map.svg`;
        writeFileAtomic(join(FIGS, file), await vowelResponseMapSvg(net, loadVowelTask(task, m.splitSeed).test, title, m.evalSeed, by));
      }
    }
  }
}

if (parts.has('baselines')) {
  const runSeeds = Array.from({ length: BASELINE_SEEDS }, (_, k) => seedFor(seed, k));
  for (const task of TASKS) {
    const t = loadVowelTask(task, 0);
    const softmax = SOFTMAX_HIDDEN.map((h) => {
      const runs = runSeeds.map((s) => trainSoftmaxNetwork(t.train, t.test, t.mapping, t.classes.length, h, 300, s));
      const mean = (pick: (r: (typeof runs)[number]) => number) => average(runs.map(pick));
      return { hidden: h, parameters: runs[0].parameters, train: mean((r) => r.train), test: mean((r) => r.test), tests: runs.map((r) => r.test) };
    });
    writeJsonAtomic(join(RUNS, `${task}-baselines.json`), { seeds: BASELINE_SEEDS, runSeeds, iterations: 300, softmax, gaussian: gaussianClassifier(t.train, t.test, t.classes.length) });
  }
}

if (parts.has('robustness')) {
  // the trained networks re-scored on the test set: no mutual coupling, 10 ps step, phase noise (linewidth 1 MHz, 5 draws)
  for (const task of TASKS) {
    const rows: Record<string, unknown>[] = [];
    for (const { arch, rule } of RUN_KINDS) {
      const name = runName(task, arch, rule);
      const path = join(RUNS, name, 'model.json');
      if (!existsSync(path)) continue;
      const net = readVowelNetwork(path);
      const t = loadVowelTask(task, 0);
      const score = (settings: Parameters<typeof predictVowels>[2]['settings'], s: number) => vowelAccuracy(predictVowels(net, t.test.fs, { seed: s, settings }), t.test.y);
      const evalSeed = metrics(name)!.evalSeed;
      const noisy = Array.from({ length: 5 }, (_, k) => score({ linewidth: 1e6 }, seedFor(evalSeed, 100 + k)));
      rows.push({ name, uncoupled: score({ coupling: 0 }, evalSeed), step10ps: score({ dt: 10e-12 }, evalSeed), noiseMean: noisy.reduce((a, v) => a + v, 0) / noisy.length, noiseWorst: Math.min(...noisy) });
    }
    writeJsonAtomic(join(RUNS, `${task}-robustness.json`), rows);
  }
}

if (parts.has('circuit')) {
  for (const arch of selectedArchs) {
    const name = runName('vowels7', arch, 'gradient');
    const net = readVowelNetwork(join(RUNS, name, 'model.json'));
    const t = loadVowelTask('vowels7', 0);
    const started = Date.now();
    const check = await checkCircuit(net, t.test, metrics(name)!.evalSeed, engine, t.test.y.length, (i) => {
      if (i % 20 === 0) console.log(`${name} circuit: token ${i}/${t.test.y.length}`);
    });
    writeJsonAtomic(join(RUNS, name, 'circuit.json'), { ...check, seconds: (Date.now() - started) / 1000 });
    const series = [0, 1, 2, 3].map((i) => ({
      name: `oscillator ${i + 1}`,
      x: check.tokens.map((c) => c.surrogate.fbar[i]),
      y: check.tokens.map((c) => c.circuit.fbar[i]),
    }));
    writeFileAtomic(
      join(FIGS, `${name}-circuit-parity.svg`),
      await scatterChart({ title: `Mean frequencies of the test tokens, ngspice vs surrogate (${arch})`, xLabel: 'surrogate f_bar (MHz)', yLabel: 'ngspice f_bar (MHz)', series, diagonal: true }),
    );
    console.log(`${name} circuit: class agreement ${(100 * check.classAgreement).toFixed(1)} %, circuit accuracy ${(100 * check.circuitAccuracy).toFixed(1)} %`);
  }
}

if (parts.has('splits')) {
  // both gradient-trained networks on other speaker splits (split 0: the train part's runs), with the two strongest
  // baselines on the same splits; each run is cached, the extended one starting from the split's reference network
  const rows = [];
  for (const splitSeed of SPLIT_SEEDS) {
    const run = async (arch: VowelArchitecture) => {
      const dir = splitDir(splitSeed, arch);
      const cached = metrics(dir);
      if (cached && cached.seed === seed && cached.splitSeed === splitSeed && (arch === 'reference' || (cached.init.from === 'reference' && cached.init.rowSearch))) return cached;
      const initFrom = arch === 'extended' ? cachedReference(join(RUNS, splitDir(splitSeed, 'reference')), splitSeed) : undefined;
      const r = runVowelExperimentWithProgress(dir, { task: 'vowels7', arch, rule: 'gradient', seed, splitSeed, initFrom });
      await writeVowelExperiment(join(RUNS, dir), r);
      return r.metrics;
    };
    const reference = await run('reference');
    const extended = await run('extended');
    const t = loadVowelTask('vowels7', splitSeed);
    const overDraws = (arch: VowelArchitecture) => meanOverPhaseDraws(readVowelNetwork(join(RUNS, splitDir(splitSeed, arch), 'model.json')), t.test.fs, t.test.y);
    const linear = trainSoftmaxNetwork(t.train, t.test, t.mapping, t.classes.length, 0, 300, seedFor(seed, 0));
    console.log(`split ${splitSeed}: reference train ${pct(reference.train.accuracy)} test ${pct(reference.test.accuracy)}, extended train ${pct(extended.train.accuracy)} test ${pct(extended.test.accuracy)}`);
    rows.push({
      splitSeed,
      train: reference.train.accuracy,
      test: reference.test.accuracy,
      extendedTrain: extended.train.accuracy,
      extendedTest: extended.test.accuracy,
      testOverDraws: overDraws('reference'),
      extendedTestOverDraws: overDraws('extended'),
      linearSoftmax: linear.test,
      gaussian: gaussianClassifier(t.train, t.test, t.classes.length).test,
    });
  }
  writeJsonAtomic(join(RUNS, 'vowels7-splits.json'), { seed, phaseDrawSeeds: PHASE_DRAW_SEEDS, linearSoftmaxSeed: seedFor(seed, 0), rows });
}

if (parts.has('validate') || parts.has('noise') || parts.has('mismatch')) {
  const pool = new TaskPool(workers);
  try {
    if (parts.has('validate')) {
      // spinspice validate on every test token of both vowels7 networks
      for (const arch of selectedArchs) {
        const name = runName('vowels7', arch, 'gradient');
        const target = loadVowelTarget(join(RUNS, name, 'model.json'));
        const report = await validateVowels(target, { dir: validateDir(name), engine: STUDY_ENGINE, tmax: CIRCUIT_TMAX, timeoutMs: TOKEN_TIMEOUT_MS, pool });
        await writeVowelValidation(validateDir(name), report);
        copyFileSync(join(validateDir(name), 'fbar-parity.svg'), join(FIGS, `${name}-validate-parity.svg`));
        console.log(`${name} validate (${STUDY_ENGINE}): agreement ${pct(report.agreement)}, circuit ${pct(report.circuitAccuracy)}, ${report.failed} failed`);
      }
    }
    const model = join(RUNS, STUDIED, 'model.json');
    const context = (examples?: number) => {
      const target = loadVowelTarget(model, { examples });
      return vowelStudyContext(target, { pool, engine: STUDY_ENGINE, tmax: CIRCUIT_TMAX, timeoutMs: TOKEN_TIMEOUT_MS, dt: target.net.description.settings.dt });
    };
    if (parts.has('noise')) {
      const sweep = await vowelNoiseSweep(context(), context(NOISE.circuitTokens), { dir: noiseDir, ...NOISE });
      copyFileSync(join(noiseDir, 'noise.svg'), join(FIGS, `${STUDIED}-noise.svg`));
      console.log(`noise: ${sweep.levels.map((l) => `${l.linewidthHz / 1e6} MHz ${pct(l.surrogate?.mean)} / ${pct(l.circuit?.mean)}`).join(', ')}`);
    }
    if (parts.has('mismatch')) {
      const spreads = vowelTableSpreads();
      const base = { spreads, linewidth: 0, seed: MISMATCH.seed, threshold: MISMATCH.threshold };
      const surrogate = await vowelMismatchStudy(context(), { ...base, dir: mismatchDir('surrogate'), level: 'surrogate', trials: MISMATCH.trials, sensitivityTrials: MISMATCH.sensitivityTrials });
      const circuit = await vowelMismatchStudy(context(MISMATCH.circuitTokens), { ...base, dir: mismatchDir('circuit'), level: 'circuit', trials: MISMATCH.circuitTrials, sensitivityTrials: 0 });
      for (const f of ['accuracy.svg', 'sensitivity.svg']) copyFileSync(join(mismatchDir('surrogate'), f), join(FIGS, `${STUDIED}-mismatch-${f}`));
      console.log(`mismatch: surrogate mean ${pct(surrogate.mean)} (min ${pct(surrogate.min)}), circuit mean ${pct(circuit.mean)} (min ${pct(circuit.min)})`);
    }
  } finally {
    await pool.close();
  }
}

for (const task of TASKS) await parameterFigure(task);
writeResults();

/** A retrained run's circuit check, validation and their figures described its previous model: removed (rerun --parts circuit,validate). */
function dropCircuitResults(name: string): void {
  for (const path of [join(RUNS, name, 'circuit.json'), validateDir(name), join(FIGS, `${name}-circuit-parity.svg`), join(FIGS, `${name}-validate-parity.svg`)]) {
    rmSync(path, { recursive: true, force: true });
  }
}

/** Run folder (under RUNS) of a vowels7 gradient run on a speaker split; split 0 is the train part's run. */
function splitDir(splitSeed: number, arch: VowelArchitecture): string {
  return splitSeed === 0 ? runName('vowels7', arch, 'gradient') : join('splits', `vowels7-split${splitSeed}-${arch}-gradient`);
}

/** Test accuracy averaged over PHASE_DRAWS independent draws of the initial phases (PHASE_DRAW_SEEDS). */
function meanOverPhaseDraws(net: ReturnType<typeof readVowelNetwork>, fs: readonly (readonly [number, number])[], y: readonly number[]): number {
  return average(PHASE_DRAW_SEEDS.map((s) => vowelAccuracy(predictVowels(net, fs, { seed: s }), y)));
}

/** The gradient-trained reference network cached in `dir`, refused unless trained with this seed on this split (the extended run starts from it). */
function cachedReference(dir: string, splitSeed: number) {
  const m = readJson<VowelMetrics>(join(dir, 'metrics.json'));
  if (!m || m.seed !== seed || m.splitSeed !== splitSeed || m.arch !== 'reference' || m.rule !== 'gradient') {
    throw new Error(`${dir}: no gradient-trained reference network with seed ${seed} on split ${splitSeed}; run it first`);
  }
  return readVowelNetwork(join(dir, 'model.json'));
}

/** Test accuracy against trained-parameter count: the oscillator networks, the softmax networks and the Gaussian classifier. */
async function parameterFigure(task: VowelTaskName): Promise<void> {
  const b = readJson<{ softmax: { parameters: number; test: number }[]; gaussian: { parameters: number; test: number } }>(join(RUNS, `${task}-baselines.json`));
  const stno = RUN_KINDS.filter((k) => k.rule === 'gradient').map((k) => metrics(runName(task, k.arch, k.rule)));
  if (!b || stno.some((m) => !m)) return;
  const series = [
    { name: 'STNO networks', x: stno.map((m) => m!.parameters), y: stno.map((m) => 100 * m!.test.accuracy) },
    { name: 'softmax networks', x: b.softmax.map((s) => s.parameters), y: b.softmax.map((s) => 100 * s.test) },
    { name: 'Gaussian classifier', x: [b.gaussian.parameters], y: [100 * b.gaussian.test] },
  ];
  writeFileAtomic(join(FIGS, `${task}-parameters.svg`), await scatterChart({ title: `Test accuracy vs trained parameters, ${task}`, xLabel: 'trained parameters', yLabel: 'test accuracy (%)', series }));
}

/** Mean of xs. */
function average(xs: readonly number[]): number {
  return Number(meanOf([...xs]));
}

/** Sample standard deviation of xs (n - 1: mathjs's default normalisation). */
function spread(xs: readonly number[]): number {
  return Number(sampleStd([...xs]));
}

function pct(v: number | null | undefined): string {
  return v === null || v === undefined ? 'n/a' : `${(100 * v).toFixed(1)} %`;
}

function writeResults(): void {
  const L: string[] = [];
  const m7 = (arch: string, rule: string) => metrics(runName('vowels7', arch, rule));
  const ref = m7('reference', 'gradient');
  L.push('## Vowel recognition with four STNOs locked to two RF inputs (paper 003)', '');
  L.push('Written by `npm run results:vowels` (scripts/resultsVowels.ts); runs are kept in `runs/results-vowels/`. Paper: Romera et al.,');
  L.push('Nature 563, 230 (2018): about 89 % on training and 88 % on test vowels with four coupled STNOs and an online rule on the four');
  L.push('bias currents (the slides, paper 003, give no further numbers).', '');
  L.push('**Setup.** Hillenbrand et al. (1995) steady-state F1, F2 of the 48 women (data/vowels/), split by speaker: 32 train, 16 test');
  L.push(`(split seed 0). vowels7 = ${VOWEL_TASKS.vowels7.join(', ')}; vowels12 = all twelve. F1 in [300, 1200] Hz maps linearly onto f_A in`);
  L.push('[500, 590] MHz, F2 in [700, 3100] Hz onto f_B in [590, 680] MHz. Network: four `stnoPhase` oscillators on one `phaseBus` line,');
  if (ref) {
    const [kA, kB] = ref.physics.injection.map((v) => v / 1e6);
    L.push(`mutual coupling k = ${ref.physics.coupling / 1e6} MHz, two \`rfSource\`s with injection k_A = ${kA} MHz, k_B = ${kB} MHz (forced Kuramoto;`);
    L.push('an rfSource of power P adds its phasor to the line with amplitude sqrt(P/Posc), so k_s = k sqrt(P_s/Posc): RF amplitude ~ sqrt(power);');
    L.push(`T = 1 us, f_bar over the last 0.5 us, Euler step ${ref.physics.dt * 1e12} ps). Oscillator i is locked to source s when`);
  }
  L.push('D = |f_bar_i - f_s| / (k_s/4) <= 1. Output code: one lock pattern per vowel, learned greedily from the training tokens\'');
  L.push('patterns (re-learned as training goes); a pattern that is no code word reads as the nearest one (soft Hamming distance, paper');
  L.push('000\'s pair errors). Initial frequencies: a seeded search on the uncoupled Adler lock map, best of four finalists on the');
  L.push('coupled network (src/architectures/vowels/init.ts). Reference = four trained natural frequencies (bias currents); extended =');
  L.push('F = W [z; 1] (12 parameters), started from the gradient-trained reference network of the same task, split and seed: input');
  L.push('weights 0, bias column its four frequencies, its output code (it then predicts exactly what the reference does; test in');
  const g = DEFAULT_EXTENDED_SEARCH;
  const [wA, wB] = g.inputWeightsMHz;
  L.push('test/architectures/vowels.test.ts); then a row search (src/architectures/vowels/extendedSearch.ts) tilts the lock regions,');
  L.push('which gradient steps barely do (lock or no lock is a step in F): one oscillator\'s row at a time, every row of a grid (input');
  L.push(`weights ${wA[0]}..${wA[1]} MHz on z_A, ${wB[0]}..${wB[1]} MHz on z_B, steps ${wA[2]} / ${wB[2]} MHz; bias ${g.biasMHz[2]} MHz apart) is scored on a table of a lone`);
  L.push(`oscillator's f_bar under both sources, and the ${g.top} best are re-scored on the coupled network (${g.draws} phase draws), which accepts a`);
  L.push(`row only if it raises the training accuracy there; at most ${g.sweeps} sweeps; then gradient training. Rules: the online rule`);
  L.push('(src/architectures/vowels/online.ts) and gradient training through the forced-Kuramoto operator (float64 forward-sensitivity');
  L.push('Jacobian, tanh-squashed, code cross-entropy, Adam).');
  L.push(`Training and scoring seed ${seed}; scores with fresh initial phases; the iterate with the best training accuracy is kept.`, '');
  const rows: string[][] = [];
  for (const task of TASKS) {
    for (const { arch, rule } of RUN_KINDS) {
      const m = metrics(runName(task, arch, rule));
      const paper = task === 'vowels7' && arch === 'reference' && rule === 'online' ? '~89 % / 88 %' : '';
      const searched = m?.init?.rowSearch ? pct(m.init.rowSearch.score) : '';
      rows.push([task, arch, rule, String(m?.parameters ?? 'n/a'), pct(m?.init ? Math.max(...m.init.coupledScores) : null), searched, pct(m?.train.accuracy), pct(m?.test.accuracy), paper]);
    }
  }
  const headers = ['task', 'network', 'rule', 'trained parameters', 'train at start', 'train after row search (2 draws)', 'train', 'test', 'paper train / test'];
  L.push(markdownTable(headers, rows), '');
  const [reference12, extended12] = [metrics(runName('vowels12', 'reference', 'gradient')), metrics(runName('vowels12', 'extended', 'gradient'))];
  const linear12 = readJson<{ softmax: { hidden: number; parameters: number; test: number }[] }>(join(RUNS, 'vowels12-baselines.json'))?.softmax.find((s) => s.hidden === 0);
  if (reference12 && extended12 && linear12) {
    L.push(`On twelve vowels the extended network (row search, then gradient) tests at ${pct(extended12.test.accuracy)} against the reference's`);
    L.push(`${pct(reference12.test.accuracy)}, and against ${pct(linear12.test)} for the linear softmax with ${linear12.parameters} parameters (baselines below).`, '');
  }
  if (ref?.biasCurrents) {
    L.push(`Reference network (vowels7, gradient): natural frequencies ${ref.frequenciesMHz!.map((f) => f.toFixed(1)).join(', ')} MHz = bias currents`);
    L.push(`${ref.biasCurrents.map((i) => (i * 1e3).toFixed(3)).join(', ')} mA (stnoPhase F = 440 MHz + 40 MHz/mA * I). Code: ${ref.code.join('; ')}.`, '');
  }
  type SplitRow = {
    splitSeed: number;
    train: number;
    test: number;
    extendedTrain: number;
    extendedTest: number;
    testOverDraws: number;
    extendedTestOverDraws: number;
    linearSoftmax: number;
    gaussian: number;
  };
  const splits = readJson<{ rows: SplitRow[] }>(join(RUNS, 'vowels7-splits.json'))?.rows;
  if (splits) {
    const mean = (pick: (r: SplitRow) => number) => average(splits.map(pick));
    L.push('### Other speaker splits (vowels7, gradient training; same seed)', '');
    L.push('Extended: as above on the same split (its reference network, row search, gradient training, best training iterate). The');
    L.push(`"${PHASE_DRAWS} draws" columns score the same test tokens from ${PHASE_DRAWS} independent draws of the initial phases and average: the`);
    L.push('comparison of the two networks without the scoring noise of one draw.', '');
    const cells = (r: Omit<SplitRow, 'splitSeed'>) => [
      pct(r.train),
      pct(r.test),
      pct(r.testOverDraws),
      pct(r.extendedTrain),
      pct(r.extendedTest),
      pct(r.extendedTestOverDraws),
      pct(r.linearSoftmax),
      pct(r.gaussian),
    ];
    const srows = splits.map((r) => [String(r.splitSeed), ...cells(r)]);
    const keys = ['train', 'test', 'testOverDraws', 'extendedTrain', 'extendedTest', 'extendedTestOverDraws', 'linearSoftmax', 'gaussian'] as const;
    const std = (k: (typeof keys)[number]) => spread(splits.map((r) => r[k]));
    srows.push(['mean', ...cells(Object.fromEntries(keys.map((k) => [k, mean((r) => r[k])])) as Omit<SplitRow, 'splitSeed'>)]);
    srows.push(['std (sample)', ...keys.map((k) => `${(100 * std(k)).toFixed(1)} points`)]);
    const draws = `test, ${PHASE_DRAWS} draws`;
    const headers = ['split seed', 'reference train', 'reference test', `reference ${draws}`, 'extended train', 'extended test', `extended ${draws}`, 'linear softmax test (21 parameters)', 'Gaussian classifier test (35)'];
    L.push(markdownTable(headers, srows), '');
    const gains = splits.map((r) => r.extendedTestOverDraws - r.testOverDraws);
    const [gain, gainStd] = [average(gains), spread(gains)];
    const points = (v: number) => `${v >= 0 ? '+' : ''}${(100 * v).toFixed(1)}`;
    const trainGains = splits.map((r) => r.extendedTrain - r.train);
    const higher = (d: number[]) => `higher on ${d.filter((v) => v > 0).length} of ${d.length} splits`;
    const se = gainStd / Math.sqrt(gains.length);
    L.push('**Targets.**');
    const split0 = splits.find((r) => r.splitSeed === 0);
    const atSplit0 = split0 ? `split 0 ${pct(split0.test)} (${split0.test >= 0.85 ? 'met' : 'missed'}; paper 88 %); the ` : '';
    L.push(`- Four currents, test >= 85 %: ${atSplit0}${splits.length}-split mean over ${PHASE_DRAWS} draws is ${pct(mean((r) => r.testOverDraws))} (the extended network's: ${pct(mean((r) => r.extendedTestOverDraws))}).`);
    L.push(`- Extended above reference: training accuracy ${points(average(trainGains))} points on the mean (${higher(trainGains)}); test over ${PHASE_DRAWS} draws`);
    // a spread needs two splits; a test gain is called firm at two standard errors or more
    const significance =
      gains.length > 1 ? `; std ${(100 * gainStd).toFixed(1)}, standard error ${(100 * se).toFixed(1)}:\n  ${(gain / se).toFixed(1)} standard errors, ${gain / se >= 2 ? 'a firm' : 'not yet a firm'} test gain` : '; one split: no spread';
    L.push(`  ${points(gain)} points (${higher(gains)}; per split ${gains.map(points).join(', ')}${significance}).`);
    L.push(`  For scale: the Gaussian classifier (35 parameters) tests at ${pct(mean((r) => r.gaussian))}.`, '');
  }
  L.push('### Conventional baselines (same inputs; mean test accuracy over seeds)', '');
  for (const task of TASKS) {
    const b = readJson<{ seeds: number; softmax: { hidden: number; parameters: number; train: number; test: number }[]; gaussian: { parameters: number; test: number } }>(join(RUNS, `${task}-baselines.json`));
    if (!b) continue;
    const brows = b.softmax.map((s) => [task, s.hidden === 0 ? 'linear softmax' : `2-${s.hidden}-${VOWEL_TASKS[task].length} tanh/softmax`, String(s.parameters), pct(s.train), pct(s.test)]);
    brows.push([task, 'Gaussian classifier (one covariance per class)', String(b.gaussian.parameters), '', pct(b.gaussian.test)]);
    L.push(markdownTable(['task', 'network', 'trained parameters', 'train', 'test'], brows), '');
  }
  L.push('No softmax network over 7 (12) classes has as few as 4 or 12 parameters: its output layer alone needs (h + 1) x classes. The');
  L.push('smallest (one hidden unit, 17 parameters for 7 vowels) is the equal-size comparison we can make; the oscillators get their');
  L.push('output code from the lock patterns for free, as in the experiment.', '');
  L.push('### Robustness of the trained networks (test set)', '');
  const rrows: string[][] = [];
  for (const task of TASKS) {
    for (const r of readJson<{ name: string; uncoupled: number; step10ps: number; noiseMean: number; noiseWorst: number }[]>(join(RUNS, `${task}-robustness.json`)) ?? []) {
      rrows.push([r.name, pct(r.uncoupled), pct(r.step10ps), `${pct(r.noiseMean)} (worst ${pct(r.noiseWorst)})`]);
    }
  }
  if (rrows.length) L.push(markdownTable(['run', 'mutual coupling off (k = 0)', '10 ps Euler step', 'phase noise 1 MHz, 5 draws'], rrows), '');
  L.push('### Circuit check (ngspice, back-annotated decks, vowels7 test tokens)', '');
  const crows: string[][] = [];
  for (const arch of ['reference', 'extended']) {
    const c = readJson<{ engine: string; tokens: unknown[]; classAgreement: number; patternAgreement: number; circuitAccuracy: number; surrogateAccuracy: number; maxFrequencyGap: number; seconds: number }>(
      join(RUNS, runName('vowels7', arch, 'gradient'), 'circuit.json'),
    );
    if (c) crows.push([arch, c.engine, String(c.tokens.length), pct(c.classAgreement), pct(c.patternAgreement), pct(c.surrogateAccuracy), pct(c.circuitAccuracy), `${c.maxFrequencyGap.toFixed(3)} MHz`, `${c.seconds.toFixed(0)} s`]);
  }
  if (crows.length) {
    L.push('Each test token becomes one deck (src/architectures/vowels/circuit.ts): four `stnoPhase` at the trained bias currents (extended:');
    L.push('W [z; 1] evaluated for the token), two `rfSource`s at f_A, f_B with power Posc (k_s/k)^2, initial phases as in the surrogate;');
    L.push('100 ps step bound, reltol 1e-6; f_bar from the phase nodes over the last 0.5 us.', '');
    L.push(markdownTable(['network', 'engine', 'tokens', 'class agreement', 'lock-pattern agreement', 'surrogate accuracy', 'circuit accuracy', 'largest f_bar gap', 'time'], crows), '');
  }
  writeStudies(L);
  L.push('Figures (lock regions over the (f_A, f_B) plane with the test tokens on top; learning curves; circuit parity):', '');
  for (const task of TASKS) {
    for (const { arch, rule } of RUN_KINDS) {
      for (const f of [`${runName(task, arch, rule)}-response-map.svg`, `${runName(task, arch, rule)}-lock-map.svg`]) if (existsSync(join(FIGS, f))) L.push(`- [${f}](figures/vowels/${f})`);
    }
    for (const f of [`${task}-learning-curves.svg`, `${task}-parameters.svg`]) if (existsSync(join(FIGS, f))) L.push(`- [${f}](figures/vowels/${f})`);
  }
  for (const arch of ['reference', 'extended']) {
    for (const kind of ['circuit-parity', 'validate-parity']) {
      const f = `${runName('vowels7', arch, 'gradient')}-${kind}.svg`;
      if (existsSync(join(FIGS, f))) L.push(`- [${f}](figures/vowels/${f})`);
    }
  }
  for (const f of [`${STUDIED}-noise.svg`, `${STUDIED}-mismatch-accuracy.svg`, `${STUDIED}-mismatch-sensitivity.svg`]) if (existsSync(join(FIGS, f))) L.push(`- [${f}](figures/vowels/${f})`);
  L.push('');
  const doc = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : '# Results\n';
  writeFileAtomic(RESULTS, replaceSection(doc, 'vowels', L.join('\n')));
  console.log(`wrote the vowels section of ${RESULTS}`);
}

/** The validate / phase-noise / mismatch subsections, from the cached study folders. */
function writeStudies(L: string[]): void {
  const vrows: string[][] = [];
  const disagreements: string[] = [];
  for (const arch of ['reference', 'extended']) {
    const name = runName('vowels7', arch, 'gradient');
    const v = readJson<VowelValidationReport>(join(validateDir(name), 'validation.json'));
    if (!v) continue;
    const f = v.frequencyError;
    vrows.push([arch, v.engine, String(v.examples), pct(v.agreement), pct(v.patternAgreement), pct(v.surrogateAccuracy), pct(v.circuitAccuracy), String(v.failed), `${(f.rmsMHz * 1e3).toFixed(1)} / ${(f.maxAbsMHz * 1e3).toFixed(1)} kHz`, `${(v.circuitSeconds / 60).toFixed(0)} min`]);
    for (const e of v.disagreements) {
      const c = 'error' in e.circuit ? `circuit failed: ${e.circuit.error}` : `circuit [${patternLabel(e.circuit.pattern, 4)}]`;
      disagreements.push(`- ${arch}, token ${e.index} (${e.vowel}): surrogate [${patternLabel(e.surrogate.pattern, 4)}], ${c}`);
    }
  }
  if (vrows.length) {
    L.push('### spinspice validate (every vowels7 test token, ngspice vs surrogate)', '');
    L.push('`spinspice validate runs/results-vowels/vowels7-<arch>-gradient/model.json --out DIR` runs each token on a worker pool (one engine per');
    L.push(`worker; resumable DIR/circuit-tokens.jsonl; a token whose run fails or exceeds ${TOKEN_TIMEOUT_MS / 1000} s is recorded with its reason and the`);
    L.push('run goes on). Issue target: class agreement >= 95 %.', '');
    L.push(markdownTable(['network', 'engine', 'tokens', 'class agreement', 'lock-pattern agreement', 'surrogate accuracy', 'circuit accuracy', 'failed', 'f_bar gap rms / max', 'ngspice time (sum over tokens)'], vrows), '');
    L.push(disagreements.length ? `Class disagreements:\n\n${disagreements.join('\n')}\n` : 'No token\'s class differs between circuit and surrogate.', '');
  }
  const noise = readJson<VowelNoiseSweep>(join(noiseDir, 'noise.json'));
  if (noise) {
    L.push('### Phase noise (STNO linewidth)', '');
    L.push(`Every oscillator gets the same linewidth (stnoPhase eq. 8: phase diffusion 2 pi linewidth); each trial draws new initial phases and noise for`);
    L.push(`every token, no mismatch. Surrogate: ${noise.trials} trials on all ${noise.examples} test tokens per linewidth; circuit (ngspice, seeded`);
    L.push(`PWL noise currents): ${noise.circuitTrials} trials on ${noise.circuitExamples} evenly spaced test tokens per linewidth (study seed ${noise.seed}). The`);
    L.push('slides (paper 003) give no noise figure; the experiment ran at room temperature with free-running linewidths of order 1 MHz.', '');
    const rows = noise.levels.map((l) => [
      `${l.linewidthHz / 1e6} MHz`,
      pct(l.surrogate?.mean),
      `${pct(l.surrogate?.min)} .. ${pct(l.surrogate?.max)}`,
      pct(l.circuit?.mean),
      `${pct(l.circuit?.min)} .. ${pct(l.circuit?.max)}`,
    ]);
    L.push(markdownTable(['linewidth', 'surrogate mean', 'surrogate min .. max', 'circuit mean', 'circuit min .. max'], rows), '');
  }
  const ms = readJson<VowelMismatchSummary>(join(mismatchDir('surrogate'), 'summary.json'));
  const mc = readJson<VowelMismatchSummary>(join(mismatchDir('circuit'), 'summary.json'));
  if (ms) {
    L.push('### Device mismatch (spinspice mc)', '');
    const sigma = (k: VowelKnob, v: VowelSpreads[VowelKnob]) => {
      const knob: KnobSource = VOWEL_KNOBS[k];
      const unit = knob.device.params[knob.param].unit;
      const scaled = unit === 'Hz' ? `${v.sigma / 1e6} MHz` : unit === 'A' ? `${v.sigma * 1e6} uA` : `${v.sigma} ${unit}`;
      return v.kind === 'relative' ? `${(100 * v.sigma).toFixed(1)} %` : scaled;
    };
    const spreads = VOWEL_KNOB_NAMES.map((k) => `${k} ${sigma(k, ms.spreads[k])}: ${VOWEL_KNOBS[k].doc}`);
    L.push(`Spreads (1 sigma, from the device parameter tables): ${spreads.join('; ')}. Each trial draws one die: F0, kappa,`);
    L.push('k and the two bias-driver errors per oscillator, P per source; the bias currents stay those programmed for nominal devices and');
    L.push(`the read-out keeps the nominal k_s. Yield = dies with test accuracy >= ${pct(ms.threshold)} (the issue's target).`, '');
    const row = (level: string, m: VowelMismatchSummary) => [level, String(m.finished), String(m.examples), pct(m.nominal), pct(m.mean), `${(100 * m.std).toFixed(1)} points`, pct(m.min), pct(m.max), pct(m.yield)];
    L.push(markdownTable(['level', 'trials', 'tokens', 'nominal', 'mean', 'std', 'min', 'max', 'yield'], [row('surrogate', ms), ...(mc ? [row('circuit (ngspice)', mc)] : [])]), '');
    if (ms.sensitivity.length) {
      L.push(`Sensitivity ranking (surrogate, ${MISMATCH.sensitivityTrials} trials per knob with only that knob at its spread, same seeds as the nominal trials):`, '');
      L.push(markdownTable(['knob', 'spread', 'mean', 'min', 'accuracy lost (points)'], ms.sensitivity.map((e) => [e.knob, sigma(e.knob, e.spread), pct(e.mean), pct(e.min), (100 * e.drop).toFixed(1)])), '');
      const ref = metrics(STUDIED);
      if (ref?.frequenciesMHz) {
        const F0 = stnoPhase.params.F0.default / 1e6;
        const shifts = ref.frequenciesMHz.map((F) => ms.spreads.kappa.sigma * (F - F0));
        const tolerance = ref.physics.injection[0] / 4e6;
        L.push(`Reading: a relative kappa error shifts F_i by sigma (F_i - F0) = ${Math.min(...shifts).toFixed(1)} .. ${Math.max(...shifts).toFixed(1)} MHz (1 sigma) at this`);
        L.push(`network's frequencies, against a read-out tolerance of k_s/4 = ${tolerance.toFixed(2)} MHz and a lock half-width of k_s = ${(4 * tolerance).toFixed(0)} MHz. With fixed`);
        L.push('currents, F0, kappa and both bias-driver errors act only as a static offset of each F_i, which one frequency calibration per');
        L.push('oscillator (trimming its current) would remove; the coupling k and the source powers P are what would remain.', '');
      }
    }
  }
}
