// validate and mc for dynamical STNO network models: circuit-vs-surrogate validation and the mismatch Monte Carlo.
import { join } from 'node:path';
import { InputError } from '../../errors.ts';
import { readJsonl } from '../../io/jsonl.ts';
import { dynamicalTableSpreads, overrideDynamicalSpreads } from '../../montecarlo/dynamicalMismatch.ts';
import { dynamicalMismatchStudy, dynamicalTrialSpec, type DynamicalStudyContext } from '../../montecarlo/dynamicalStudies.ts';
import { runDynamicalTrial, type DynamicalTrialRecord } from '../../montecarlo/dynamicalTrial.ts';
import { parseQuantity } from '../../units/quantity.ts';
import { loadDynamicalTarget, validateDynamical, writeDynamicalValidation } from '../../validate/dynamicalValidation.ts';
import type { ArchitectureStudies, McRequest, ValidateRequest } from './studyCommands.ts';

const pct = (v: number) => `${(100 * v).toFixed(1)} %`;

/** --tmax as seconds, or undefined (the circuit's default dt_input / 10). */
const tmaxOf = (v: string | undefined) => (v === undefined ? undefined : parseQuantity(v, 's', '--tmax'));

async function validate(r: ValidateRequest): Promise<string[]> {
  const target = loadDynamicalTarget(r.modelFile, r.examples);
  const report = await validateDynamical(target, { dir: r.dir, engine: r.engine, tmax: tmaxOf(r.tmax), pool: r.pool });
  await writeDynamicalValidation(r.dir, report);
  const e = report.trajectoryError;
  return [
    `${report.examples} examples (${report.engine}): agreement ${pct(report.agreement)}, circuit ${pct(report.circuitAccuracy)}, surrogate ${pct(report.surrogateAccuracy)}` +
      `, logit-trajectory rms median ${e.medianRms.toExponential(2)}, max ${e.maxRms.toExponential(2)} (max abs ${e.maxAbs.toExponential(2)})`,
    ...report.disagreements.map((d) => ('error' in d ? `  image ${d.image}: circuit failed: ${d.error}` : `  image ${d.image} (label ${d.label}): surrogate ${d.surrogate.predicted}, circuit ${d.circuit.predicted}`)),
    `-> ${r.dir}/validation.json`,
  ];
}

async function mc(r: McRequest): Promise<string[]> {
  if (r.linewidth !== 0) throw new InputError('dynamical networks have no phase noise (stnoPower is a power model); use 0', '--linewidth');
  if (r.dt !== undefined) throw new InputError('dynamical surrogate trials use the model\'s RK4 step; --dt is not supported', '--dt');
  const spreads = overrideDynamicalSpreads(dynamicalTableSpreads(), r.spread);
  const c: DynamicalStudyContext = { target: loadDynamicalTarget(r.modelFile, r.examples), pool: r.pool, engine: r.engine, tmax: tmaxOf(r.tmax) };
  const study = { level: r.level, spreads, seed: r.seed };
  if (r.replay !== undefined) {
    const record = await runDynamicalTrial(dynamicalTrialSpec(c, study, r.replay));
    const stored = readJsonl<DynamicalTrialRecord>(join(r.dir, 'trials.jsonl')).find((t) => t.index === r.replay);
    const same = stored ? JSON.stringify({ ...stored, seconds: 0 }) === JSON.stringify({ ...record, seconds: 0 }) : null;
    return [JSON.stringify(record), same === null ? 'trial not in trials.jsonl yet' : same ? 'same as the stored trial' : 'DIFFERS from the stored trial'];
  }
  const s = await dynamicalMismatchStudy(c, { ...study, dir: r.dir, trials: r.trials, threshold: r.threshold, sensitivityTrials: r.sensitivityTrials });
  return [
    `${s.finished} of ${s.trials} trials finished (${s.failed} failed), ${r.level} level, ${s.examples} examples: mean ${pct(s.mean)}, min ${pct(s.min)}, max ${pct(s.max)}, yield ${pct(s.yield)} at >= ${pct(s.threshold)}`,
    ...(s.nominal === null ? [] : [`nominal ${pct(s.nominal)}; accuracy lost to each knob alone: ${s.sensitivity.map((e) => `${e.knob} ${(100 * e.drop).toFixed(1)}`).join(', ')} points`]),
    `-> ${r.dir}/summary.json`,
  ];
}

export const dynamicalStudies: ArchitectureStudies = { validate, mc };
