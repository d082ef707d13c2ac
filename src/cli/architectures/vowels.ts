// validate and mc for vowel networks (paper 003): circuit-vs-surrogate validation per token and the mismatch / phase-noise Monte Carlo.
import { join } from 'node:path';
import { CIRCUIT_TMAX, TOKEN_TIMEOUT_MS } from '../../architectures/vowels/circuit.ts';
import { patternLabel } from '../../architectures/vowels/readout.ts';
import { InputError } from '../../errors.ts';
import { readJsonl } from '../../io/jsonl.ts';
import { studySpreads } from '../../montecarlo/spreadFile.ts';
import { vowelMismatchStudy, vowelStudyContext, vowelTableSpreads, vowelTrialSpec, type VowelStudyContext } from '../../montecarlo/vowelStudies.ts';
import { runVowelTrial, VOWEL_KNOBS, type VowelTrialRecord } from '../../montecarlo/vowelTrial.ts';
import { MAX_DT } from '../../surrogate/kuramoto/params.ts';
import { parseQuantity } from '../../units/quantity.ts';
import { loadVowelTarget } from '../../validate/vowelTarget.ts';
import { validateVowels, writeVowelValidation } from '../../validate/vowelValidation.ts';
import { timeoutOption } from '../studyContext.ts';
import type { ArchitectureStudies, McRequest, ValidateRequest } from './studyCommands.ts';

const pct = (v: number) => `${(100 * v).toFixed(1)} %`;

/** The study context of `modelFile` on `examples` evenly spaced test tokens (undefined: all), --tmax and --dt parsed. */
function contextOf(r: McRequest): VowelStudyContext {
  const target = loadVowelTarget(r.modelFile, { examples: r.examples });
  const dt = r.dt === undefined ? target.net.description.settings.dt : parseQuantity(r.dt, 's', '--dt');
  if (!(dt > 0 && dt <= MAX_DT)) throw new InputError(`must be a time in (0, ${MAX_DT * 1e12} ps], got ${JSON.stringify(r.dt)}`, '--dt');
  const tmax = r.tmax === undefined ? CIRCUIT_TMAX : parseQuantity(r.tmax, 's', '--tmax');
  const timeoutMs = r.timeout === undefined ? TOKEN_TIMEOUT_MS : timeoutOption(r.timeout);
  return vowelStudyContext(target, { pool: r.pool, engine: r.engine, tmax, timeoutMs, dt });
}

async function validate(r: ValidateRequest): Promise<string[]> {
  const target = loadVowelTarget(r.modelFile, { examples: r.examples });
  const tmax = r.tmax === undefined ? CIRCUIT_TMAX : parseQuantity(r.tmax, 's', '--tmax');
  const report = await validateVowels(target, { dir: r.dir, engine: r.engine, tmax, timeoutMs: TOKEN_TIMEOUT_MS, pool: r.pool });
  await writeVowelValidation(r.dir, report);
  const n = target.net.description.n;
  const { classes } = target.net.description;
  return [
    `${report.examples} test tokens (${report.engine}): class agreement ${pct(report.agreement)}, lock-pattern agreement ${pct(report.patternAgreement)}, ` +
      `circuit ${pct(report.circuitAccuracy)}, surrogate ${pct(report.surrogateAccuracy)}, f_bar gap rms ${(report.frequencyError.rmsMHz * 1e3).toFixed(1)} kHz, max ${(report.frequencyError.maxAbsMHz * 1e3).toFixed(1)} kHz`,
    ...report.disagreements.map((e) =>
      'error' in e.circuit
        ? `  token ${e.index} (${e.vowel}): circuit failed: ${e.circuit.error}`
        : `  token ${e.index} (${e.vowel}): surrogate ${classes[e.surrogate.predicted] ?? '?'} [${patternLabel(e.surrogate.pattern, n)}], circuit ${classes[e.circuit.predicted] ?? '?'} [${patternLabel(e.circuit.pattern, n)}]`,
    ),
    `-> ${r.dir}/validation.json`,
  ];
}

async function mc(r: McRequest): Promise<string[]> {
  const spreads = studySpreads(VOWEL_KNOBS, vowelTableSpreads(), r);
  const c = contextOf(r);
  const study = { level: r.level, spreads, linewidth: r.linewidth, seed: r.seed };
  if (r.replay !== undefined) {
    const record = await runVowelTrial(vowelTrialSpec(c, study, r.replay));
    const stored = readJsonl<VowelTrialRecord>(join(r.dir, 'trials.jsonl')).find((t) => t.index === r.replay);
    const same = stored ? JSON.stringify({ ...stored, seconds: 0 }) === JSON.stringify({ ...record, seconds: 0 }) : null;
    return [JSON.stringify(record), same === null ? 'trial not in trials.jsonl yet' : same ? 'same as the stored trial' : 'DIFFERS from the stored trial'];
  }
  const s = await vowelMismatchStudy(c, { ...study, dir: r.dir, trials: r.trials, threshold: r.threshold, sensitivityTrials: r.sensitivityTrials });
  return [
    `${s.finished} of ${s.trials} trials finished (${s.failed} failed), ${r.level} level, ${s.examples} test tokens, linewidth ${r.linewidth / 1e6} MHz: ` +
      `mean ${pct(s.mean)}, min ${pct(s.min)}, max ${pct(s.max)}, yield ${pct(s.yield)} at >= ${pct(s.threshold)}`,
    ...(s.nominal === null ? [] : [`nominal ${pct(s.nominal)}; accuracy lost to each knob alone: ${s.sensitivity.map((e) => `${e.knob} ${(100 * e.drop).toFixed(1)}`).join(', ')} points`]),
    `-> ${r.dir}/summary.json`,
  ];
}

export const vowelStudies: ArchitectureStudies = { validate, mc };
