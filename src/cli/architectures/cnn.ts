// validate and mc for spintronic CNN models (paper 002): the whole network at circuit level, and the resonance-variability Monte Carlo.
import { join } from 'node:path';
import { InputError } from '../../errors.ts';
import { writeJsonAtomic } from '../../io/atomic.ts';
import { readJsonl } from '../../io/jsonl.ts';
import { taskData } from '../../architectures/cnn/tasks.ts';
import { evenlySpaced } from '../../data/images.ts';
import { cnnMismatchStudy, type CnnStudyContext } from '../../montecarlo/cnnStudies.ts';
import { defaultCnnSpreads, overrideCnnSpreads, runCnnTrial, type CnnTrialRecord } from '../../montecarlo/cnnTrial.ts';
import { useConvBackend } from '../../surrogate/cnn/backend.ts';
import { DEFAULT_CNN_EXAMPLES, DEFAULT_DECK_RESONATORS, loadCnnTarget, validateCnn } from '../../validate/cnnValidation.ts';
import type { ArchitectureStudies, McRequest, ValidateRequest } from './studyCommands.ts';

const pct = (v: number) => `${(100 * v).toFixed(1)} %`;

async function validate(r: ValidateRequest): Promise<string[]> {
  if (r.tmax !== undefined) throw new InputError('CNN decks are DC operating points (no transient step)', '--tmax');
  const target = loadCnnTarget(r.modelFile);
  const report = await validateCnn(target, { dir: r.dir, engine: r.engine, pool: r.pool, examples: r.examples ?? DEFAULT_CNN_EXAMPLES, maxResonators: DEFAULT_DECK_RESONATORS });
  writeJsonAtomic(join(r.dir, 'validation.json'), report);
  return [
    `${report.examples} ${report.task} test images (${report.engine}, ${report.decksPerImage} decks each, ${report.deckSecondsPerImage.toFixed(0)} s of decks per image): ` +
      `agreement with the surrogate ${pct(report.agreement)} (with the float64 reference ${pct(report.agreementReference)}), circuit ${pct(report.circuitAccuracy)}, surrogate ${pct(report.surrogateAccuracy)}` +
      (report.failed ? `, ${report.failed} failed` : ''),
    ...report.layers.map(
      (l) =>
        `  layer ${l.layer}: chain error max ${l.chainErrorLocalMax.toExponential(2)} (deck alone), ${l.chainErrorEndToEndMax.toExponential(2)} (end to end)` +
        (l.currentErrorMaMax !== undefined ? `, STNO current ${l.currentErrorMaMax.toExponential(2)} mA, power ${l.powerErrorUwMax!.toExponential(2)} uW` : ''),
    ),
    ...report.perExample.filter((e) => 'error' in e || !e.agree).map((e) => ('error' in e ? `  image ${e.image}: circuit failed: ${e.error}` : `  image ${e.image}: circuit ${e.circuitPrediction}, surrogate ${e.surrogatePrediction}, label ${e.label}`)),
    `-> ${r.dir}/validation.json`,
  ];
}

async function mc(r: McRequest): Promise<string[]> {
  if (r.linewidth !== 0) throw new InputError('the CNN model has no STNO phase noise (its neurons are rate devices)', '--linewidth');
  if (r.tmax !== undefined || r.dt !== undefined) throw new InputError('CNN decks are DC operating points (no time step)', r.tmax !== undefined ? '--tmax' : '--dt');
  const spreads = overrideCnnSpreads(defaultCnnSpreads(), r.spread);
  const target = loadCnnTarget(r.modelFile);
  const test = taskData(target.task).test;
  // every test image at surrogate level; at circuit level an image costs ~1e-4 s of ngspice per resonator
  const indices = evenlySpaced(test.count, r.examples ?? (r.level === 'surrogate' ? test.count : DEFAULT_CNN_EXAMPLES));
  if (r.level === 'surrogate') await useConvBackend();
  const c: CnnStudyContext = { target, model: target.model, test, indices, level: r.level, engine: r.engine, maxResonators: DEFAULT_DECK_RESONATORS, pool: r.pool };
  if (r.replay !== undefined) {
    const record = await runCnnTrial({ ...c, spreads, studySeed: r.seed, index: r.replay });
    const stored = readJsonl<CnnTrialRecord>(join(r.dir, 'trials.jsonl')).find((t) => t.index === r.replay);
    const same = stored ? JSON.stringify({ ...stored, seconds: 0 }) === JSON.stringify({ ...record, seconds: 0 }) : null;
    return [JSON.stringify({ ...record, predictions: undefined }), same === null ? 'trial not in trials.jsonl yet' : same ? 'same as the stored trial' : 'DIFFERS from the stored trial'];
  }
  const s = await cnnMismatchStudy(c, { dir: r.dir, spreads, trials: r.trials, seed: r.seed, threshold: r.threshold, sensitivityTrials: r.sensitivityTrials });
  return [
    `${s.finished} of ${s.trials} trials finished (${s.failed} failed), ${r.level} level, ${s.examples} ${target.task} test images, sigma ${spreads.sigma}, gain spread ${100 * spreads.gain} %: ` +
      `mean ${pct(s.mean)} ± ${pct(s.std)}, min ${pct(s.min)}, max ${pct(s.max)}, yield ${pct(s.yield)} at >= ${pct(s.threshold)}`,
    ...(s.nominal === null ? [] : [`nominal ${pct(s.nominal)}; accuracy lost to each knob alone: ${s.sensitivity.map((e) => `${e.knob} ${(100 * e.drop).toFixed(2)}`).join(', ')} points`]),
    `-> ${r.dir}/summary.json`,
  ];
}

export const cnnStudies: ArchitectureStudies = { validate, mc };
