// Reproduce paper 002 (RF spintronic CNN) and write the cnn section of docs/RESULTS.md with SVG figures.
// Usage: nice npm run results:cnn -- [--phases train-digits,variability-digits,mnist,variability-mnist,circuit,rf,report]
//        [--seeds 5] [--sigma-seeds 3] [--workers 2] [--engine native|wasm] [--circuit-images 20] [--mnist-circuit-images 0]
// Every job writes runs/cnn/... and is skipped when its output exists (resumable). MNIST trains through the CLI (resumable):
//   nice spinspice train rfcnn --task mnist --network spintronic --out runs/cnn/mnist-spintronic-s1   (and --network software)
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runCnn, writeCnnRun, type CnnMetrics } from '../src/architectures/cnn/experiment.ts';
import { epochReaching, loadedEpochs, readCnnProgress, type CnnRunProgress } from '../src/architectures/cnn/runProgress.ts';
import { TASKS, taskData, type CnnTask } from '../src/architectures/cnn/tasks.ts';
import { evaluateUnderVariability, PAPER_SIGMAS, type VariabilityPoint, type VariabilitySweepRecord } from '../src/architectures/cnn/variabilitySweep.ts';
import { partitionDescription, readPartition } from '../src/annotate/cnnCircuit.ts';
import { partitionLayer } from '../src/annotate/cnnPartition.ts';
import { evenlySpaced, pickImages, pixelFractions } from '../src/data/images.ts';
import { writeFileAtomic, writeJsonAtomic } from '../src/io/atomic.ts';
import { TaskPool } from '../src/parallel/taskPool.ts';
import { bandChart, lineChart, markdownTable, replaceSection } from '../src/report/index.ts';
import { runDescription } from '../src/sim/runDescription.ts';
import { closeEngines, type EngineName } from '../src/sim/simulate.ts';
import { resolveDescription } from '../src/spec/resolve.ts';
import { deviceCounts } from '../src/surrogate/cnn/arch.ts';
import { useConvBackend } from '../src/surrogate/cnn/backend.ts';
import { modelEstimates } from '../src/surrogate/cnn/estimates.ts';
import { fromModelJson, initSpintronic, type CnnModel } from '../src/surrogate/cnn/model.ts';
import { readJsonl } from '../src/io/jsonl.ts';
import { cnnMismatchStudy, type CnnMismatchSummary } from '../src/montecarlo/cnnStudies.ts';
import { chainVoltages, referenceNetwork } from '../src/surrogate/cnn/reference.ts';
import { CIRCUIT_RECORDS, cnnValidationReport, DEFAULT_DECK_RESONATORS, loadCnnTarget, prepareCnnValidation, validateCnn, type CircuitRecord } from '../src/validate/cnnValidation.ts';
import { antiLorentzian, chainChannels, rfChainsDescription, windowStats, type RfRun } from '../src/validate/rfChain.ts';

const { values: a } = parseArgs({
  options: {
    phases: { type: 'string', default: 'train-digits,variability-digits,variability-mnist,circuit,rf,report' },
    seeds: { type: 'string', default: '5' },
    'sigma-seeds': { type: 'string', default: '3' },
    workers: { type: 'string', default: '2' },
    engine: { type: 'string', default: 'native' },
    'circuit-images': { type: 'string', default: '20' },
    'mnist-circuit-images': { type: 'string', default: '0' },
  },
});
const phases = new Set(a.phases!.split(','));
const seeds = Array.from({ length: Number(a.seeds) }, (_, i) => i + 1);
const sigmaSeeds = seeds.slice(0, Number(a['sigma-seeds']));
const engine = a.engine as EngineName;
const RUNS = 'runs/cnn';
const OUT = join(RUNS, 'results');
const NETWORKS = ['spintronic', 'software'] as const;
const runDir = (task: CnnTask, network: string, seed: number, sigma = 0) => join(RUNS, `${task}-${network}${sigma ? `-sigma${sigma}` : ''}-s${seed}`);
const readJson = <T>(path: string): T | undefined => (existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T) : undefined);
const metricsOf = (dir: string) => readJson<CnnMetrics>(join(dir, 'metrics.json'));
const modelOf = (dir: string): CnnModel | undefined => {
  const doc = readJson<Parameters<typeof fromModelJson>[0]>(join(dir, 'model.json'));
  return doc && fromModelJson(doc);
};
interface StudyModel {
  readonly dir: string;
  readonly tag: string;
  readonly note: string;
}
/**
 * The spintronic models a task's studies may use, preferred first: seed 1's trained model (MNIST: 8 epochs), then for MNIST the
 * epoch-4 snapshot of the same run, kept only because the whole-network circuit validation ran on it while the run trained.
 */
function studyModels(task: CnnTask): StudyModel[] {
  const dir = runDir(task, 'spintronic', 1);
  const final = metricsOf(dir);
  return [
    { dir, tag: 's1', note: `trained model, seed 1${final ? `, ${final.epochs} epochs` : ''}` },
    ...(task === 'mnist' ? [{ dir: `${dir}-epoch4`, tag: 's1-epoch4', note: 'seed 1 after 4 epochs (its epoch-4 checkpoint, written while the run trained)' }] : []),
  ].filter((m) => existsSync(join(m.dir, 'model.json')));
}
/** The model the task's studies run on. */
const studyModel = (task: CnnTask): StudyModel | undefined => studyModels(task)[0];
const pct = (v: number, d = 2) => (100 * v).toFixed(d);
const meanStd = (xs: number[]) => {
  const m = xs.reduce((s, v) => s + v, 0) / xs.length;
  return [m, Math.sqrt(xs.reduce((s, v) => s + (v - m) ** 2, 0) / Math.max(1, xs.length - 1))] as const;
};
const log = (s: string) => console.log(`[results:cnn] ${s}`);

async function train(task: CnnTask, network: 'spintronic' | 'software', seed: number, sigma = 0): Promise<void> {
  const dir = runDir(task, network, seed, sigma);
  if (metricsOf(dir)) return;
  log(`train ${dir}`);
  const run = await runCnn({ task, network, seed, sigma, checkpointDir: dir, onEpoch: (e) => log(`  ${dir} epoch ${e.epoch + 1}: test ${pct(e.testAccuracy ?? 0)} %`) });
  writeCnnRun(dir, run);
}

if (['train-digits', 'variability-digits', 'variability-mnist', 'mnist', 'report'].some((p) => phases.has(p))) await useConvBackend();

if (phases.has('train-digits')) for (const network of NETWORKS) for (const seed of seeds) await train('digits', network, seed);
if (phases.has('mnist')) for (const network of NETWORKS) await train('mnist', network, 1);

/** Eval-only sweeps (resumable per model): the trained model with device draws of its own seed. */
const MNIST_VARIABILITY_IMAGES = 1000;
function sweepEval(task: CnnTask, seed: number, deviceSeeds: number[]): void {
  const source = task === 'mnist' ? studyModel(task) : { dir: runDir(task, 'spintronic', seed), tag: `s${seed}` };
  const file = join(OUT, `${task}-variability-eval-${source?.tag ?? `s${seed}`}.json`);
  if (existsSync(file)) return;
  const model = source && modelOf(source.dir);
  if (!model) return log(`no trained ${task} spintronic model for seed ${seed}; skipped`);
  const test = taskData(task).test;
  // MNIST with variability evaluates every resonator's chain term (5.7 million per image): a subset of the test set
  const images = task === 'mnist' ? MNIST_VARIABILITY_IMAGES : test.count;
  const points = evaluateUnderVariability(model, pickImages(test, evenlySpaced(test.count, images)), PAPER_SIGMAS, deviceSeeds, (p) => log(`  ${task} s${seed} sigma ${p.sigma} devices ${p.deviceSeed}: ${pct(p.accuracy)} %`));
  writeJsonAtomic(file, { task, modelSeed: seed, images, points } satisfies VariabilitySweepRecord);
}

if (phases.has('variability-digits')) {
  for (const seed of seeds) sweepEval('digits', seed, [seed]);
  for (const sigma of PAPER_SIGMAS.filter((s) => s > 0)) for (const seed of sigmaSeeds) await train('digits', 'spintronic', seed, sigma);
}
if (phases.has('variability-mnist')) sweepEval('mnist', 1, [1]);

// ---- circuit level ----
interface DeckCheck {
  layer: number;
  deck: number;
  image: number;
  chains: number;
  resonators: number;
  maxChainError: number;
  seconds: number;
}

/** Decks of every layer of a trained model on sample images, inputs from the float64 reference: the 1e-6 chain-voltage check. */
async function sampleDecks(model: CnnModel, task: CnnTask, images: number[], decksPerLayer: number): Promise<DeckCheck[]> {
  const test = taskData(task).test;
  const ref = referenceNetwork(model);
  const checks: DeckCheck[] = [];
  for (const image of images) {
    const pixels = pixelFractions(test, [image]);
    const r = ref.forward(pixels);
    for (let l = 0; l < ref.layers.length; l++) {
      const inputs = l === 0 ? Float64Array.from(pixels, (p) => p * model.physics.inputPowerUw) : r.powers[l - 1];
      const parts = partitionLayer(model.arch, l, 50000);
      const picks = [...new Set(Array.from({ length: Math.min(decksPerLayer, parts.length) }, (_, k) => Math.floor((k * parts.length) / decksPerLayer)))];
      const layer = ref.layers[l];
      const scale = chainVoltages({ ...layer, weight: layer.weight.map(Math.abs) }, inputs);
      const expected = l < r.chains.length ? r.chains[l] : r.fcChains;
      for (const k of picks) {
        const t = performance.now();
        const out = readPartition(model, parts[k], await runDescription(partitionDescription(model, parts[k], inputs), { engine, timeoutMs: 1_800_000, flatten: true }));
        let worst = 0;
        for (const [c, u] of out.chains) worst = Math.max(worst, scale[c] > 0 ? Math.abs(u - expected[c]) / scale[c] : Math.abs(u - expected[c]));
        checks.push({ layer: l, deck: k, image, chains: out.chains.size, resonators: parts[k].resonators, maxChainError: worst, seconds: (performance.now() - t) / 1000 });
        log(`  ${task} image ${image} layer ${l} deck ${k}: max chain error ${worst.toExponential(2)}`);
      }
    }
  }
  return checks;
}

const validationDir = (task: CnnTask, tag: string) => join(RUNS, `validate-${task}-${tag}`);

/** `spinspice validate` on the task's study model (resumable; the report reads the images finished so far). */
async function networkCircuit(task: CnnTask, images: number): Promise<void> {
  const source = studyModel(task);
  if (!source || images === 0) return;
  const pool = new TaskPool(Number(a.workers));
  try {
    const target = loadCnnTarget(join(source.dir, 'model.json'));
    const report = await validateCnn(target, { dir: validationDir(task, source.tag), engine, pool, examples: images, maxResonators: DEFAULT_DECK_RESONATORS });
    writeJsonAtomic(join(validationDir(task, source.tag), 'validation.json'), report);
  } finally {
    await pool.close();
  }
}

if (phases.has('circuit')) {
  for (const task of ['digits', 'mnist'] as CnnTask[]) {
    const file = join(OUT, `${task}-circuit-decks.json`);
    const model = modelOf(runDir(task, 'spintronic', 1));
    if (!existsSync(file) && model) writeJsonAtomic(file, { task, engine, checks: await sampleDecks(model, task, [0, 1], task === 'mnist' ? 2 : 10) });
  }
  await networkCircuit('digits', Number(a['circuit-images']));
  await networkCircuit('mnist', Number(a['mnist-circuit-images']));
}

// ---- mismatch Monte Carlo (surrogate level) ----
const MC = { trials: 100, sensitivityTrials: 10, spreads: { sigma: 0.1, gain: 0.01 }, mnistImages: 200, mnistTrials: 5 };
const mcDir = (task: CnnTask, tag: string) => join(RUNS, `mc-${task}-${tag}`);
if (phases.has('mc')) {
  for (const task of ['digits', 'mnist'] as CnnTask[]) {
    const source = studyModel(task);
    if (!source) continue;
    const target = loadCnnTarget(join(source.dir, 'model.json'));
    const test = taskData(task).test;
    const indices = evenlySpaced(test.count, task === 'mnist' ? MC.mnistImages : test.count);
    const trials = task === 'mnist' ? MC.mnistTrials : MC.trials;
    const c = { target, model: target.model, test, indices, level: 'surrogate' as const, engine, maxResonators: DEFAULT_DECK_RESONATORS };
    const s = await cnnMismatchStudy(c, { dir: mcDir(task, source.tag), spreads: MC.spreads, trials, seed: 1, threshold: 0.9, sensitivityTrials: Math.min(trials, MC.sensitivityTrials) });
    log(`mc ${task}: mean ${pct(s.mean)} % over ${s.finished} trials`);
  }
}

// ---- RF waveform level ----
const RF_SWEEP: RfRun = { fcut: 20e6, stop: 300e-9, window: 100e-9, tmax: 2.5e-12 };
const RF_CROSSTALK: RfRun = { fcut: 100e3, stop: 12e-6, window: 4e-6, tmax: 10e-12 };
const SPACINGS = [0.25, 0.5, 1, 2, 4];
const CHAIN_ZETAS = [0.5, 0.8, -0.6, 0.3, -0.9].map((z) => z * 0.01);
const CHAIN_POWERS = [1, 0.6, 0.8, 0.4, 0.9].map((p) => p * 1e-6);
if (phases.has('rf')) {
  const sweepFile = join(OUT, 'rf-sweep.json');
  if (!existsSync(sweepFile)) {
    const f = 1e9;
    const chains = Array.from({ length: 21 }, (_, i) => [{ f, P: 1e-6, fres: f * (1 - (i - 10) * 0.005 - 0.0001) }]);
    const t = performance.now();
    const r = await runDescription(resolveDescription(rfChainsDescription('RF sweep of one resonator', chains, RF_SWEEP)), { engine, timeoutMs: 3_600_000 });
    const points = chains.map(([c], g) => ({ zeta: (c.f - c.fres) / c.f, measured: windowStats(r, g, RF_SWEEP).mean, ideal: antiLorentzian(c) }));
    writeJsonAtomic(sweepFile, { run: RF_SWEEP, engine, seconds: (performance.now() - t) / 1000, points });
  }
  for (const spacing of SPACINGS) {
    const file = join(OUT, `rf-crosstalk-spacing${spacing}.json`);
    if (existsSync(file)) continue;
    const channels = chainChannels(1e9, 6400, spacing, CHAIN_ZETAS, CHAIN_POWERS);
    log(`RF crosstalk, spacing x${spacing}`);
    const t = performance.now();
    const r = await runDescription(resolveDescription(rfChainsDescription(`RF chain, eq. 3 spacing x${spacing}`, [channels, ...channels.map((c) => [c])], RF_CROSSTALK)), { engine, timeoutMs: 7_200_000 });
    const shared = windowStats(r, 0, RF_CROSSTALK);
    const separate = channels.map((_, k) => windowStats(r, k + 1, RF_CROSSTALK).mean);
    writeJsonAtomic(file, { spacing, run: RF_CROSSTALK, engine, seconds: (performance.now() - t) / 1000, channels, shared, separate, ideal: channels.map(antiLorentzian) });
  }
}
await closeEngines();

// ---- report ----
if (phases.has('report')) {
  const lines: string[] = [];
  const figs: { file: string; svg: Promise<string> }[] = [];
  lines.push('## Convolutional network from resonator chains and STNO neurons (paper 002)', '');
  lines.push(
    'Generated by `npm run results:cnn` (scripts/resultsCnn.ts) from the runs in runs/cnn/ (MNIST networks trained with `spinspice train rfcnn --task mnist ' +
      '--network spintronic|software --seed 1 --out runs/cnn/mnist-<network>-s1`). Spintronic network (PHYSICS.md section 3): every synapse is a ' +
      '`spinDiode` resonator, W(f, f_res) = f (f - f_res) / (alpha^2 f_res^2 + (f - f_res)^2) A, alpha = 0.01, A = 1 uV/uW, rendered from the device ' +
      "file into tfjs; chains sum in series; convolutions share weights through f_res = f_RF (1 - zeta) with zeta trained per filter coefficient (in units " +
      'of alpha); the FC layer trains f_res directly (in units of alpha x 1 GHz); 2x2 max pooling; `stnoActivation` neurons (eq. 5: I_th = 2 mA, Q = 2, ' +
      'clamp 8 mA, P_max = 1 uW); one trainable amplification per synaptic layer (log-parametrised; conv: mA per uV of chain voltage, FC: logits per uV). ' +
      'Input pixels emit up to 1 uW. Every RF channel has its eq. 3 frequency (Q_osc = 6400 from 1 GHz; stored in model.json). Init: zeta = alpha N(0, 0.5^2) ' +
      '(on the monotonic branch of the anti-Lorentzian), FC f_res = f (1 - alpha N(0, 0.5^2)) - the paper draws f_res uniformly in [1, 2] GHz, which with ' +
      'f_RF from the plan makes almost every initial weight negative; gains set on the first batch for 4 mA rms STNO current and rms logit 2. ' +
      'Software CNN: the same shape with free weights and biases, ReLU. Training: Adam, softmax cross-entropy, lr x decay^epoch (table below); the paper used ' +
      'batch 20 and lr 1e-4 in PyTorch. tfjs on the wasm backend (conv gradients built from forward convolutions), float32.',
    '',
  );

  // MNIST
  const MNIST_TARGET = 0.989;
  const mnist = NETWORKS.map((n) => ({ n, p: readCnnProgress(runDir('mnist', n, 1)) }));
  const paperMnist = (n: string) => (n === 'spintronic' ? '99.11 ± 0.1' : '99.16 ± 0.07');
  const mnistRows = mnist.map(({ n, p }) => {
    if (!p || p.history.length === 0) return [n, p ? `0 (not finished: checkpoint.json resumes at epoch 1, batch ${p.batch ?? 0})` : 'not run yet', '—', '—', '—', '—', '—', paperMnist(n)];
    const last = p.history[p.history.length - 1];
    const epochs = p.finished ? String(p.history.length) : `${p.history.length} (not finished: checkpoint.json resumes at epoch ${p.history.length + 1}, batch ${p.batch ?? 0})`;
    return [
      n,
      epochs,
      `${p.training.batchSize} / ${p.training.lr} x ${p.training.lrDecay}^e`,
      `${pct(p.testAccuracy ?? NaN)}${p.finished ? '' : ` after epoch ${p.history.length}`}`,
      `${pct(p.trainAccuracy ?? NaN)}${p.finished ? '' : ' (running mean)'}`,
      (p.seconds / 3600).toFixed(2),
      `${last.seconds.toFixed(0)} s (${Math.round(last.imagesPerSecond)} img/s)`,
      paperMnist(n),
    ];
  });
  lines.push('### MNIST, paper architecture (conv 32 5x5 pad 1, pool, STNO, conv 64 5x5 pad 1, pool, STNO, FC 1600 x 10)', '');
  lines.push(markdownTable(['network', 'epochs', 'batch / lr', 'test accuracy %', 'train accuracy %', 'training wall time (h)', 'last epoch: wall time (rate)', 'paper test % (10 trials)'], mnistRows), '');
  const trained = mnist.filter((x): x is { n: (typeof NETWORKS)[number]; p: CnnRunProgress } => !!x.p && x.p.history.length > 0);
  for (const { n, p } of trained) {
    const reached = epochReaching(p.history, MNIST_TARGET);
    const loaded = loadedEpochs(p.history);
    const rates = p.history.map((h) => h.imagesPerSecond);
    const fastest = Math.max(...rates);
    const range = (es: number[]) => `${Math.round(Math.min(...es.map((e) => rates[e - 1])))}-${Math.round(Math.max(...es.map((e) => rates[e - 1])))} img/s`;
    lines.push(
      `${n[0].toUpperCase()}${n.slice(1)}: ${reached ? `test accuracy >= ${pct(MNIST_TARGET, 1)} % first at epoch ${reached} (${pct(p.history[reached - 1].testAccuracy!)} %)` : `test accuracy < ${pct(MNIST_TARGET, 1)} % in every epoch so far`}. ` +
        `The run shared the 2 cores with other jobs, so its wall time measures the load more than the network: its epochs ran at ${range(p.history.map((_, i) => i + 1))}` +
        (loaded.length ? `, epoch${loaded.length > 1 ? 's' : ''} ${loaded.join(', ')} at under half the fastest epoch's rate (${range(loaded)}, heavy load)` : '') +
        `; at the fastest epoch's rate one epoch takes ${(60000 / fastest).toFixed(0)} s and ${p.history.length} epochs ${((p.history.length * 60000) / fastest / 60).toFixed(0)} min (an upper bound for a quiet machine).`,
      '',
    );
  }
  if (trained.length) {
    const most = Math.max(...trained.map((x) => x.p.history.length));
    const cell = (p: CnnRunProgress | undefined, e: number) => (p && p.history[e] ? [pct(p.history[e].testAccuracy ?? NaN), `${p.history[e].seconds.toFixed(0)} (${Math.round(p.history[e].imagesPerSecond)})`] : ['—', '—']);
    lines.push(
      markdownTable(
        ['epoch', ...NETWORKS.flatMap((n) => [`${n} test %`, `${n} wall time s (img/s)`])],
        Array.from({ length: most }, (_, e) => [e + 1, ...NETWORKS.flatMap((n) => cell(mnist.find((x) => x.n === n)!.p, e))]),
      ),
      '',
    );
    lines.push('One seed each (the paper: 10 trials). ![MNIST learning curves](figures/cnn-mnist-learning.svg)', '');
    figs.push({
      file: 'cnn-mnist-learning.svg',
      svg: lineChart({
        title: 'MNIST test accuracy per epoch (seed 1)',
        xLabel: 'epoch',
        yLabel: 'test accuracy (%)',
        markers: true,
        series: trained.map(({ n, p }) => ({ name: p.finished ? n : `${n} (not finished)`, x: p.history.map((h) => h.epoch + 1), y: p.history.map((h) => 100 * (h.testAccuracy ?? NaN)) })),
      }),
    });
  }

  // digits
  const digitsRows = NETWORKS.map((n) => {
    const ms = seeds.map((s) => metricsOf(runDir('digits', n, s))).filter((m): m is CnnMetrics => !!m);
    if (!ms.length) return [n, '0', '—', '—', '—', '—'];
    const [mean, sd] = meanStd(ms.map((m) => 100 * m.test.accuracy));
    return [n, String(ms.length), `${mean.toFixed(2)} ± ${sd.toFixed(2)}`, ms.map((m) => pct(m.test.accuracy)).join(', '), ms[0].epochs, (ms.reduce((s, m) => s + m.seconds, 0) / ms.length).toFixed(0)];
  });
  const d = TASKS.digits;
  lines.push(`### 8x8 digits, quick variant (conv 32 3x3 pad 1, pool, STNO, conv 64 3x3 pad 1, pool, STNO, FC 256 x 10)`, '');
  lines.push(`${d.dataset}; batch ${d.batchSize}, lr ${d.lr} x ${d.lrDecay}^epoch. Target: >= 97 % test.`, '');
  lines.push(markdownTable(['network', 'seeds', 'test accuracy % (mean ± std)', 'per seed', 'epochs', 'seconds per run'], digitsRows), '');

  // variability
  const mnistSource = studyModels('mnist').find((x) => existsSync(join(OUT, `mnist-variability-eval-${x.tag}.json`)));
  const evalPoints = (task: CnnTask) =>
    (task === 'mnist' ? (mnistSource ? [mnistSource.tag] : []) : seeds.map((s) => `s${s}`)).flatMap((tag) => readJson<{ points: VariabilityPoint[] }>(join(OUT, `${task}-variability-eval-${tag}.json`))?.points ?? []);
  const mnistDeviceSeeds = new Set(evalPoints('mnist').map((p) => p.deviceSeed)).size;
  const trainedWith = (sigma: number) =>
    sigma === 0
      ? sigmaSeeds.map((s) => metricsOf(runDir('digits', 'spintronic', s))).filter((m): m is CnnMetrics => !!m)
      : sigmaSeeds.map((s) => metricsOf(runDir('digits', 'spintronic', s, sigma))).filter((m): m is CnnMetrics => !!m);
  const stat = (xs: number[]) => (xs.length ? `${meanStd(xs)[0].toFixed(2)}${xs.length > 1 ? ` ± ${meanStd(xs)[1].toFixed(2)}` : ''}` : '—');
  const statCount = (xs: number[]) => (xs.length ? `${stat(xs)} (${xs.length})` : '—');
  const PAPER_FIG6: Record<number, string> = { 0: '99.11', 0.1: '99.05' };
  const varRows = PAPER_SIGMAS.map((sigma) => [
    sigma,
    stat(evalPoints('digits').filter((p) => p.sigma === sigma).map((p) => 100 * p.accuracy)),
    statCount(trainedWith(sigma).map((m) => 100 * m.test.accuracy)),
    stat(evalPoints('mnist').filter((p) => p.sigma === sigma).map((p) => 100 * p.accuracy)),
    PAPER_FIG6[sigma] ?? '—',
  ]);
  lines.push('### Resonance-frequency variability (paper 002 eq. 4, Fig. 6)', '');
  lines.push(
    'f_res = (f_RF + Gamma N(0, sigma)) (1 - zeta) per resonator with Gamma = alpha f_RF (the half width: W peaks at f - f_res = ±alpha f_res), i.e. ' +
      'f_res = f_res,nominal (1 + alpha sigma n), n drawn once per resonator from a seeded stream (the same n for every sigma of a seed). ' +
      '"Evaluated" = trained without variability, tested on devices with it (weight sharing cannot correct per-device shifts); "trained with" = the ' +
      "paper's protocol, devices drawn before training and fixed (per-resonator chains as batched matrix products).",
    '',
  );
  lines.push(
    markdownTable(
      ['sigma', `digits, evaluated (${seeds.length} models) %`, 'digits, trained with % (seeds)', `MNIST, evaluated (${mnistDeviceSeeds} device seed${mnistDeviceSeeds === 1 ? '' : 's'}) %`, 'paper MNIST, trained with %'],
      varRows,
    ),
    '',
  );
  if (mnistSource) lines.push(`MNIST model: ${mnistSource.note}; evaluated on ${MNIST_VARIABILITY_IMAGES} evenly spaced test images (with variability every resonator's chain term is its own).`, '');
  const sig = PAPER_SIGMAS.filter((s) => s > 0);
  const band = (pts: number[][]) => ({ mean: pts.map((x) => (x.length ? meanStd(x)[0] : NaN)), min: pts.map((x) => (x.length ? Math.min(...x) : NaN)), max: pts.map((x) => (x.length ? Math.max(...x) : NaN)) });
  const series = [
    { name: 'digits, evaluated (min-max over models)', x: [...sig], ...band(sig.map((s) => evalPoints('digits').filter((p) => p.sigma === s).map((p) => 100 * p.accuracy))) },
    { name: 'digits, trained with (min-max over seeds)', x: [...sig], ...band(sig.map((s) => trainedWith(s).map((m) => 100 * m.test.accuracy))) },
    { name: 'MNIST, evaluated (min-max over device seeds)', x: [...sig], ...band(sig.map((s) => evalPoints('mnist').filter((p) => p.sigma === s).map((p) => 100 * p.accuracy))) },
  ].filter((s) => s.mean.some((v) => Number.isFinite(v)));
  if (series.length) {
    lines.push('![accuracy vs variability](figures/cnn-variability.svg)', '');
    figs.push({ file: 'cnn-variability.svg', svg: bandChart({ title: 'Test accuracy vs resonance-frequency variability sigma (units of the half width)', xLabel: 'sigma', yLabel: 'test accuracy (%)', logX: true, series }) });
  }

  // estimates
  const estimateModels = (['mnist', 'digits'] as CnnTask[]).map((task) => {
    const source = studyModel(task);
    const model = source && modelOf(source.dir);
    return model ? { task, what: `${task} (${join(source.dir, 'model.json')})`, model } : { task, what: `${task} (untrained ${TASKS[task].arch.name})`, model: initSpintronic(TASKS[task].arch, 1) };
  });
  const est = estimateModels.map((x) => ({ ...x, e: modelEstimates(x.model), counts: deviceCounts(x.model.arch) }));
  const col = (f: (x: (typeof est)[number]) => string) => est.map(f);
  const mm2 = (m2: number) => (m2 * 1e6).toExponential(2);
  lines.push('### Power, latency, area (paper 002 section 1.5), recomputed from each model (`modelEstimates`)', '');
  lines.push(
    'Computed from the architecture, frequency plan and damping stored in model.json (`src/surrogate/cnn/estimates.ts`): 0.1 uW per device (neurons = RF emitters, ' +
      'i.e. input pixels and STNOs; synapses = resonators), relaxation time 1/(alpha f_min), one relaxation time per device layer, 40 nm cells. The same function ' +
      'gives the digits network its (smaller) numbers: they follow the architecture.',
    '',
  );
  lines.push(
    markdownTable(
      ['quantity', ...col((x) => x.what), 'paper (MNIST)'],
      [
        ['neurons (RF emitters: pixels + STNOs)', ...col((x) => x.counts.neurons.toLocaleString('en-US')), '7792'],
        ['synapses (filter taps x chains)', ...col((x) => x.counts.synapses.toLocaleString('en-US')), '6.7 million'],
        ['resonators that receive a signal (zero-padding taps need none)', ...col((x) => x.counts.resonatorsWithInput.toLocaleString('en-US')), '—'],
        ['power at 0.1 uW per device', ...col((x) => `${x.e.powerW.toPrecision(3)} W`), '~0.67 W'],
        ['relaxation time 1/(alpha f_min)', ...col((x) => `${(x.e.relaxationS * 1e9).toFixed(0)} ns`), '100 ns'],
        ['latency (device layers in series)', ...col((x) => `${(x.e.latencyS * 1e9).toFixed(0)} ns (${x.e.stages} layers)`), '< 1 us'],
        ['energy per image', ...col((x) => `${(x.e.energyPerImageJ * 1e9).toPrecision(3)} nJ`), '—'],
        ['conv 1 area, unfolded crossbar / compact (40 nm cells)', ...col((x) => `${mm2(x.e.convAreas[0].crossbarM2)} / ${mm2(x.e.convAreas[0].compactM2)} mm^2`), '2.7e-2 / 8.6e-4 mm^2'],
        ['conv 2 area, unfolded crossbar / compact', ...col((x) => `${mm2(x.e.convAreas[1].crossbarM2)} / ${mm2(x.e.convAreas[1].compactM2)} mm^2`), '—'],
        ['all resonators, one cell each', ...col((x) => `${mm2(x.e.resonatorAreaM2)} mm^2`), '—'],
        ['power vs Nvidia Tegra TK1 (8 W)', ...col((x) => `${x.e.gpuPowerRatio.toPrecision(3)}x less`), '11.9x'],
      ],
    ),
    '',
  );

  // circuit
  lines.push('### Circuit level (ngspice)', '');
  lines.push(
    'Each deck holds whole pooling windows: its chains (`spinDiode` in series from ground, one V source per RF input channel with 1 V = 1 uW), ' +
      '`maxPool` (2x2), `cmosGm` (gm = layer gain, 1 mA/uV = 1e3 A/V) and `stnoActivation`; FC decks hold chains only. Decks are a pure partition ' +
      '(`partitionNetwork`, at most 50 000 resonators each). Chain error = |U_ngspice - U_float64| / sum_r |P_r W_r| (the chain\'s own scale), ' +
      'U_float64 from the device equations in float64 (the tfjs float32 surrogate matches that reference to 1e-4 of each layer\'s range in the tests).',
    '',
  );
  for (const task of ['digits', 'mnist'] as CnnTask[]) {
    const c = readJson<{ engine: string; checks: DeckCheck[] }>(join(OUT, `${task}-circuit-decks.json`));
    if (!c) continue;
    const byLayer = [...new Set(c.checks.map((x) => x.layer))].map((l) => {
      const xs = c.checks.filter((x) => x.layer === l);
      return [l, xs.length, xs.reduce((s, x) => s + x.chains, 0), xs.reduce((s, x) => s + x.resonators, 0).toLocaleString('en-US'), Math.max(...xs.map((x) => x.maxChainError)).toExponential(2), (xs.reduce((s, x) => s + x.seconds, 0) / xs.length).toFixed(1)];
    });
    lines.push(`Sample decks of the trained ${task} network (test images 0 and 1, ${c.engine} ngspice):`, '');
    lines.push(markdownTable(['synaptic layer', 'decks', 'chains', 'resonators', 'max chain error', 'seconds per deck'], byLayer), '');
  }
  for (const task of ['digits', 'mnist'] as CnnTask[]) {
    const source = studyModels(task).find((m) => existsSync(join(validationDir(task, m.tag), CIRCUIT_RECORDS)));
    if (!source) continue;
    const dir = validationDir(task, source.tag);
    const study = readJson<{ identity: { indices: number[]; engine: EngineName; maxResonators: number } }>(join(dir, 'study.json'))!.identity;
    const records = readJsonl<CircuitRecord>(join(dir, CIRCUIT_RECORDS)).sort((x, y) => x.index - y.index);
    const target = loadCnnTarget(join(source.dir, 'model.json'));
    const run = await prepareCnnValidation(target, { engine: study.engine, examples: study.indices.length, maxResonators: study.maxResonators });
    const v = cnnValidationReport(run, records);
    const count = (f: number) => `${Math.round(f * v.examples)}/${v.examples}`;
    lines.push(
      `Whole ${task} network at circuit level (\`spinspice validate\`, model: ${source.note}) on ${v.examples} of ${study.indices.length} evenly spaced test images ` +
        `(${records.map((r) => r.image).join(', ')}${v.examples < study.indices.length ? '; the rest still to run - the command resumes' : ''}): ${v.decksPerImage} decks of at most ` +
        `${study.maxResonators.toLocaleString('en-US')} resonators per image (${study.engine} ngspice on the worker pool), each layer's decks driven by the previous decks' STNO powers; ` +
        `${(v.deckSecondsPerImage / 60).toFixed(1)} min of deck run time per image (shared machine). Circuit prediction = tfjs surrogate on ${count(v.agreement)} images ` +
        `(= float64 reference on ${count(v.agreementReference)}); circuit correct on ${count(v.circuitAccuracy)}, surrogate on ${count(v.surrogateAccuracy)}` +
        `${v.failed ? `; ${v.failed} failed` : ''}.`,
      '',
    );
    lines.push(
      markdownTable(
        ['synaptic layer', 'max chain error (deck alone)', 'max chain error (end to end)', 'median chain error (end to end)', 'max STNO current error (mA)', 'max STNO power error (uW)'],
        v.layers.map((l) => [l.layer, l.chainErrorLocalMax.toExponential(2), l.chainErrorEndToEndMax.toExponential(2), l.chainErrorEndToEndMedian.toExponential(2), l.currentErrorMaMax?.toExponential(2) ?? '—', l.powerErrorUwMax?.toExponential(2) ?? '—']),
      ),
      '',
    );
  }
  lines.push('The full MNIST network streams to disk as decks with bounded memory: `npm run bench:emit` (docs/BENCHMARKS.md).', '');

  // mismatch Monte Carlo
  const mcRows = (['digits', 'mnist'] as CnnTask[]).flatMap((task) => {
    const source = studyModels(task).find((x) => existsSync(join(mcDir(task, x.tag), 'summary.json')));
    const m = source && readJson<CnnMismatchSummary>(join(mcDir(task, source.tag), 'summary.json'));
    if (!source || !m) return [];
    const drop = (k: string) => m.sensitivity.find((e) => e.knob === k);
    return [[`${task} (${source.note})`, m.examples, m.finished, m.nominal === null ? '—' : pct(m.nominal), `${pct(m.mean)} ± ${pct(m.std)}`, `${pct(m.min)} .. ${pct(m.max)}`, drop('sigma') ? pct(drop('sigma')!.drop) : '—', drop('gain') ? pct(drop('gain')!.drop) : '—']];
  });
  if (mcRows.length) {
    lines.push('### Mismatch Monte Carlo (`spinspice mc`, surrogate level)', '');
    lines.push(
      `Each trial is a die: every resonator's f_res shifted by eq. 4 with sigma = ${MC.spreads.sigma} (its own draws n, seeded per trial) and every layer's gain ` +
        `multiplied by 1 + N(0, ${MC.spreads.gain}^2) (the cmosGm gm spread of the device table); the trained parameters unchanged (no retraining per die). ` +
        `Sensitivity: min(trials, ${MC.sensitivityTrials}) trials with one knob alone against the nominal network. Records in runs/cnn/mc-<task>-<model>/ (trials.jsonl, summary.json).`,
      '',
    );
    lines.push(markdownTable(['model', 'test images', 'trials', 'nominal %', 'accuracy % (mean ± std)', 'min .. max %', 'lost to sigma alone (points)', 'lost to gain alone (points)'], mcRows), '');
  }

  // RF
  const sweep = readJson<{ seconds: number; run: RfRun; points: { zeta: number; measured: number; ideal: number }[] }>(join(OUT, 'rf-sweep.json'));
  if (sweep) {
    const peak = Math.max(...sweep.points.map((p) => Math.abs(p.ideal)));
    const worst = Math.max(...sweep.points.map((p) => Math.abs(p.measured - p.ideal))) / peak;
    lines.push('### RF waveform check (`spinDiodeRf`, transient)', '');
    lines.push(
      `One resonator per chain, its STNO (a current source at f = 1 GHz, 1 uW into a 50 ohm field line) and its tank (parallel RLC at f_res, half width alpha f_res) ` +
        `driven by the line current; the line's inductive emf induces the junction's RF current; rectification = tank voltage x chain current, RC low-pass at ` +
        `${sweep.run.fcut / 1e6} MHz, DC = mean over the last ${sweep.run.window * 1e9} ns of ${sweep.run.stop * 1e9} ns (tmax ${sweep.run.tmax * 1e12} ps). ` +
        `Over f_res = f (1 - zeta), zeta in [-5 alpha, 5 alpha], the rectified voltage follows eq. 6 within ${(100 * worst).toFixed(1)} % of its peak ` +
        `(limit 5 %; the tank gives (f^2 - f_res^2)-shaped dispersion, eq. 6 its near-resonance form).`,
      '',
      '![RF sweep](figures/cnn-rf-sweep.svg)',
      '',
    );
    figs.push({
      file: 'cnn-rf-sweep.svg',
      svg: lineChart({
        title: 'Rectified DC voltage of one resonator vs detuning (1 uW at 1 GHz)',
        xLabel: 'zeta = (f - f_res)/f',
        yLabel: 'DC voltage (uV)',
        markers: true,
        series: [
          { name: 'transient (spinDiodeRf)', x: sweep.points.map((p) => p.zeta), y: sweep.points.map((p) => p.measured * 1e6) },
          { name: 'eq. 6 (spinDiode)', x: sweep.points.map((p) => p.zeta), y: sweep.points.map((p) => p.ideal * 1e6) },
        ],
      }),
    });
  }
  const xt = SPACINGS.map((s) => readJson<{ spacing: number; seconds: number; channels: { f: number }[]; shared: { mean: number; ripple: number }; separate: number[]; ideal: number[] }>(join(OUT, `rf-crosstalk-spacing${s}.json`))).filter((x) => !!x);
  if (xt.length) {
    const rows = xt.map((x) => {
      const scale = x!.ideal.reduce((s, v) => s + Math.abs(v), 0);
      const sep = x!.separate.reduce((s, v) => s + v, 0);
      return [x!.spacing, ((x!.channels[1].f - x!.channels[0].f) / 1e3).toFixed(0), (100 * Math.abs(x!.shared.mean - sep) / scale).toFixed(2), (100 * x!.shared.ripple / scale).toFixed(2), (100 * Math.abs(sep - x!.ideal.reduce((s, v) => s + v, 0)) / scale).toFixed(2)];
    });
    lines.push(
      `Crosstalk: a chain of ${CHAIN_ZETAS.length} resonators on one bus (channels from 1 GHz, eq. 3 spacing scaled by a factor), against the same channels each on a bus of ` +
        `its own. Different frequencies give no DC mixing product, only beats at their difference, which the RC low-pass (${RF_CROSSTALK.fcut / 1e3} kHz) and the ` +
        `${RF_CROSSTALK.window * 1e6} us average must remove; at the paper's spacing the beat (312 kHz at 1 GHz) is slow, so a readout needs microseconds, not the 100 ns relaxation time.`,
      '',
    );
    lines.push(markdownTable(['spacing / eq. 3', 'neighbour spacing (kHz)', 'DC crosstalk (% of sum |P W|)', 'ripple p-p (% of sum |P W|)', 'separate buses vs eq. 6 (%)'], rows), '');
    lines.push(
      'DC crosstalk = |mean(shared bus) - sum of means(separate buses)|; ripple = peak-to-peak on the shared bus within the window (a beat slower than the ' +
        'window shows only part of its swing); the last column is the numerical error of the transient itself (tmax 10 ps: the tank frequency warps by ' +
        '~(2 pi f tmax)^2 / 12). ![crosstalk vs spacing](figures/cnn-rf-crosstalk.svg)',
      '',
    );
    figs.push({
      file: 'cnn-rf-crosstalk.svg',
      svg: lineChart({
        title: `Crosstalk on a ${CHAIN_ZETAS.length}-resonator chain vs channel spacing (RC ${RF_CROSSTALK.fcut / 1e3} kHz, ${RF_CROSSTALK.window * 1e6} us average)`,
        xLabel: 'channel spacing / eq. 3 spacing',
        yLabel: '% of sum |P W|',
        logX: true,
        markers: true,
        series: [
          { name: 'DC crosstalk', x: rows.map((r) => Number(r[0])), y: rows.map((r) => Number(r[2])) },
          { name: 'ripple (peak-to-peak)', x: rows.map((r) => Number(r[0])), y: rows.map((r) => Number(r[3])) },
        ],
      }),
    });
  }
  for (const f of figs) writeFileAtomic(join('docs/figures', f.file), await f.svg);
  const path = 'docs/RESULTS.md';
  const before = existsSync(path) ? readFileSync(path, 'utf8') : '# Results\n';
  writeFileAtomic(path, replaceSection(before, 'cnn', lines.join('\n')));
  log(`wrote ${path}`);
}
