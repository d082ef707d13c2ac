// validate and mc for spintronic CNN models (paper 002): the whole network at circuit level, and the resonance-variability Monte Carlo.
import { join } from 'node:path';
import { InputError } from '../../errors.ts';
import { writeJsonAtomic } from '../../io/atomic.ts';
import { DEFAULT_CNN_EXAMPLES, DEFAULT_DECK_RESONATORS, loadCnnTarget, validateCnn } from '../../validate/cnnValidation.ts';
import type { ArchitectureStudies, ValidateRequest } from './studyCommands.ts';

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

export const cnnStudies: ArchitectureStudies = { validate };
