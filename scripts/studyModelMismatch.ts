// Model mismatch (issue #4): a trained Kuramoto classifier's test accuracy as a stnoPhase circuit and as complex-amplitude circuits vs nu.
//
//   npm run study:model-mismatch [-- --model runs/x/model.json] [--nus 0,0.5,1,2,5] [--examples 60]
//
// Without --model it trains (and caches) the Iris versicolor extended classifier: seed 1, 100 iterations. Every circuit
// run is cached in runs/model-mismatch/runs.json, so the study resumes where it stopped. Rewrites the model-mismatch
// section of docs/RESULTS.md and docs/figures/model-mismatch/*.svg.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic, writeJsonAtomic } from '../src/io/atomic.ts';
import { startProgress } from '../src/io/progress.ts';
import { lineChart, markdownTable, replaceSection, scatterChart } from '../src/report/index.ts';
import { runExperiment, writeExperiment } from '../src/architectures/kuramoto/experiment.ts';
import { accuracy, predict } from '../src/architectures/kuramoto/predict.ts';
import { amplitudeParameters, injectionScale, modelMismatchStudy, type CircuitModel, type ModelScore } from '../src/architectures/kuramoto/modelMismatch.ts';
import { powerRelaxationRate, stationaryPower, stnoAmplitude } from '../src/devices/stnoAmplitude.ts';
import { closeEngines } from '../src/sim/simulate.ts';
import { stableHash } from '../src/spec/hash.ts';
import { loadKuramotoTarget } from '../src/validate/kuramotoTarget.ts';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const ROOT = new URL('..', import.meta.url).pathname;
const RUNS = join(ROOT, 'runs/model-mismatch');
const FIGS = join(ROOT, 'docs/figures/model-mismatch');
const RESULTS = join(ROOT, 'docs/RESULTS.md');
const TRAIN = { task: 'iris-versicolor', arch: 'extended', iterations: 100, seed: 1 } as const;
/** Circuit settings: TMAX 100 ps, reltol 1e-5 (mean frequencies within ~0.1 MHz of reltol 1e-6 runs on Iris examples). */
const TMAX = 1e-10;
const RELTOL = 1e-5;

const nus = arg('nus', '0,0.5,1,2,5').split(',').map(Number);
if (nus.some((v) => !(v >= 0))) throw new Error(`--nus: non-negative numbers, got ${arg('nus', '')}`);

let modelPath = arg('model', '');
if (!modelPath) {
  modelPath = join(RUNS, 'model', 'model.json');
  if (!existsSync(modelPath)) {
    console.log(`training ${TRAIN.task} ${TRAIN.arch} (seed ${TRAIN.seed}, ${TRAIN.iterations} iterations) -> ${modelPath}`);
    await writeExperiment(join(RUNS, 'model'), await runExperiment(TRAIN));
  }
}
const target = loadKuramotoTarget(modelPath, { examples: args.includes('--examples') ? Number(arg('examples', '')) : undefined });
const { model, training } = target;
const count = target.z.length;
const amplitude = stnoAmplitude.defaults();

const models: CircuitModel[] = [
  { kind: 'kuramoto' },
  ...nus.map((nu) => ({ kind: 'amplitude' as const, nu, coupling: 'in-phase' as const })),
  ...(['compensated', 'calibrated'] as const).flatMap((coupling) => nus.filter((nu) => nu > 0).map((nu) => ({ kind: 'amplitude' as const, nu, coupling }))),
];

const storePath = join(RUNS, 'runs.json');
const stored: Record<string, number[]> = existsSync(storePath) ? JSON.parse(readFileSync(storePath, 'utf8')) : {};
const config = stableHash({ model: target.modelHash, circuit: 'classifierCircuit', TMAX, RELTOL }).slice(7, 19);
const store = {
  get: (key: string) => stored[`${config}/${key}`],
  set: (key: string, f: number[]) => {
    stored[`${config}/${key}`] = f;
    writeJsonAtomic(storePath, stored);
  },
};

const started = Date.now();
const progress = startProgress('model mismatch', models.length * count);
const scores = await modelMismatchStudy(target, models, { tmax: TMAX, reltol: RELTOL, store, onRun: (label) => progress.tick(1, { model: label }) });
progress.stop();
await closeEngines();
const surrogate = accuracy(await predict(model, target.x, { seed: training.evalSeed }), target.y);
console.log(`surrogate ${(100 * surrogate).toFixed(1)} %; ${scores.map((s) => `${s.label} ${(100 * s.accuracy).toFixed(1)} %`).join('; ')} (${((Date.now() - started) / 1000).toFixed(0)} s)`);

// ---- report ----
const kuramoto = scores[0];
const pct = (v: number) => `${(100 * v).toFixed(1)} %`;
const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const deltaD = (s: ModelScore) => s.D.map((r, m) => Math.abs(r[0] - kuramoto.D[m][0]));
const agreement = (s: ModelScore) => s.positive.filter((v, m) => v === kuramoto.positive[m]).length / count;
const p0 = stationaryPower(amplitude);
const gammaP = powerRelaxationRate(amplitude);
const k = model.description.settings.coupling;

const rows = scores.map((s) => {
  if (s.model.kind === 'kuramoto') return ['stnoPhase (Kuramoto)', '-', '-', '-', '-', pct(s.accuracy), '-', '-', '-'];
  const { N, beta } = amplitudeParameters(s.model);
  const nu = s.model.nu;
  const reduced = k * injectionScale(s.model) * Math.sqrt(1 + nu * nu);
  return [
    `stnoAmplitude, ${s.model.coupling}`,
    String(nu),
    `${((N * p0) / (2 * Math.PI) / 1e6).toFixed(0)} MHz`,
    beta.toFixed(3),
    `${(reduced / 1e6).toFixed(1)} MHz, lag ${(beta - Math.atan(nu)).toFixed(2)}`,
    pct(s.accuracy),
    `${(100 * (s.accuracy - kuramoto.accuracy)).toFixed(1)} pp`,
    pct(agreement(s)),
    median(deltaD(s)).toFixed(3),
  ];
});

const series = (coupling: string) => {
  const picked = scores.filter((s) => s.model.kind === 'amplitude' && (s.model.coupling === coupling || s.model.nu === 0));
  return { x: picked.map((s) => (s.model as { nu: number }).nu), y: picked.map((s) => 100 * s.accuracy) };
};
const flat = (value: number) => ({ x: [Math.min(...nus), Math.max(...nus)], y: [100 * value, 100 * value] });
writeFileAtomic(
  join(FIGS, 'accuracy-vs-nu.svg'),
  await lineChart({
    title: `Test accuracy of one trained classifier (${training.task}, ${count} examples) vs nonlinear frequency shift`,
    xLabel: 'nu = N p0 / Gamma_p',
    yLabel: 'test accuracy (%)',
    markers: true,
    series: [
      { name: 'in-phase (beta 0)', ...series('in-phase') },
      { name: 'compensated (beta atan nu)', ...series('compensated') },
      { name: 'calibrated (k/sqrt(1+nu^2))', ...series('calibrated') },
      { name: 'stnoPhase circuit', ...flat(kuramoto.accuracy) },
      { name: 'surrogate', ...flat(surrogate) },
    ],
  }),
);
const inPhase = scores.filter((s) => s.model.kind === 'amplitude' && s.model.coupling === 'in-phase');
writeFileAtomic(
  join(FIGS, 'desync-parity.svg'),
  await scatterChart({
    title: 'Output-pair desynchronization D: amplitude circuit vs Kuramoto circuit (in-phase injection)',
    xLabel: 'D, stnoPhase circuit',
    yLabel: 'D, stnoAmplitude circuit',
    diagonal: true,
    series: inPhase.map((s) => ({ name: `nu = ${(s.model as { nu: number }).nu}`, x: kuramoto.D.map((r) => r[0]), y: s.D.map((r) => r[0]) })),
  }),
);

const L: string[] = [];
L.push('## Model mismatch: trained Kuramoto weights on the complex-amplitude oscillator (issue #4)', '');
L.push('Written by `npm run study:model-mismatch` (scripts/studyModelMismatch.ts); circuit runs cached in `runs/model-mismatch/`.');
L.push(
  `Classifier: ${training.task}, ${model.description.arch} N = ${model.description.n}, trained on the Kuramoto surrogate (seed ${training.seed}, ${training.iterations} iterations).`,
  `Each of the ${count} test examples is the back-annotated classifier circuit (src/annotate/kuramotoCircuit.ts: input voltages,`,
  'synapse transconductors, summing resistors, bias drivers, stnoPhase on a phaseBus) started from the surrogate\'s initial phases',
  `initialPhases(seedFor(${training.evalSeed}, m), ${model.description.n}); k = ${k / 1e6} MHz, 1 us transient, TMAX ${TMAX * 1e12} ps, reltol ${RELTOL}, WASM ngspice;`,
  'f_bar over the last 0.5 us, D = |f_bar_i - f_bar_j| / (k/2) <= 1 on the output pair. The amplitude circuits are the same',
  'descriptions through `toAmplitudeCircuit` (same bias network, oscillators started on the limit cycle at the same phases).',
  '',
  `Amplitude model (src/devices/stnoAmplitude.ts): dc/dt = -i omega(p) c - Gamma_+(p) c + Gamma_-(p) c + 2 pi k e^(i beta) sum_(j != i) c_j,`,
  `Gamma_G = ${amplitude.gammaG.toExponential(0)}/s, zeta = ${amplitude.zeta}, Q = ${amplitude.Q}: p0 = ${p0}, Gamma_p = ${gammaP.toExponential(1)}/s (2 pi k / Gamma_p = ${((2 * Math.PI * k) / gammaP).toFixed(3)}).`,
  'The bias sets the frequency at p0 (omega_0 = 2 pi F - N p0), so every nu keeps the trained free-running frequencies.',
  'Phase reduction: dphi_i/dt = 2 pi F_i + 2 pi k sqrt(1 + nu^2) sum_j sin(phi_j - phi_i - beta + atan nu) with nu = N p0 / Gamma_p',
  '(Kuramoto-Sakaguchi). In-phase injection (beta = 0) keeps the pair locking range 2k but adds the phase lag -atan nu,',
  'which shifts the frequency of every locked cluster by ~ k nu (cluster size - 1); compensated injection (beta = atan nu)',
  'removes the lag and scales the coupling by sqrt(1 + nu^2); calibrated injection (beta = atan nu, injection k / sqrt(1 + nu^2))',
  'gives back the trained Kuramoto model at the phase-reduction level, so what remains is amplitude dynamics beyond it.',
  '',
);
L.push(markdownTable(['circuit', 'nu', 'N p0 / 2 pi', 'beta (rad)', 'reduced coupling', 'test accuracy', 'vs stnoPhase', 'same class as stnoPhase', 'median abs change of D'], rows), '');
L.push(`Kuramoto surrogate (float64 Euler, dt ${model.description.settings.dt * 1e12} ps, same phases): ${pct(surrogate)}; recorded at training: ${pct(training.test.accuracy)}.`, '');
L.push(
  'Reading the table: "same class as stnoPhase" counts examples whose class is unchanged, whatever the label; D changes',
  'without a class change where an example sits far from the threshold D = 1 (locked pairs stay at D = 0, unlocked ones at',
  'D >> 1). At nu = 0 the residual change of D comes from the finite amplitude relaxation (2 pi k / Gamma_p above) and',
  'shrinks as 1/Gamma_p (test/architectures/amplitudeCircuit.test.ts). A positive nu shifts the frequency of locked clusters',
  '(in-phase) or strengthens the coupling (compensated, which locks the output pair of negatives); calibrating the injection',
  'phase and strength to nu, which needs N and Gamma_p of the devices, recovers the Kuramoto read-out.',
  '',
);
L.push('![accuracy vs nu](figures/model-mismatch/accuracy-vs-nu.svg)', '', '![D parity](figures/model-mismatch/desync-parity.svg)', '');
const doc = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : '# Results\n';
writeFileAtomic(RESULTS, replaceSection(doc, 'model-mismatch', L.join('\n')));
console.log(`wrote ${RESULTS} (section model-mismatch) and ${FIGS}`);
