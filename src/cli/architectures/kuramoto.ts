// validate and mc for Kuramoto classifier models: circuit-vs-surrogate validation and the mismatch Monte Carlo.
import { join } from 'node:path';
import { DEFAULT_RUN } from '../../annotate/kuramotoCircuit.ts';
import { readJsonl } from '../../io/jsonl.ts';
import { mismatchStudy, trialSpec } from '../../montecarlo/kuramotoStudies.ts';
import { runTrial, type TrialRecord } from '../../montecarlo/kuramotoTrial.ts';
import { overrideSpreads, tableSpreads } from '../../montecarlo/mismatch.ts';
import { parseQuantity } from '../../units/quantity.ts';
import { loadKuramotoTarget } from '../../validate/kuramotoTarget.ts';
import { validateKuramoto, writeValidation } from '../../validate/kuramotoValidation.ts';
import { studyContext } from '../studyContext.ts';
import type { ArchitectureStudies, McRequest, ValidateRequest } from './studyCommands.ts';

const pct = (v: number) => `${(100 * v).toFixed(1)} %`;

async function validate(r: ValidateRequest): Promise<string[]> {
  const target = loadKuramotoTarget(r.modelFile, { examples: r.examples });
  const tmax = r.tmax === undefined ? DEFAULT_RUN.tmax : parseQuantity(r.tmax, 's', '--tmax');
  const report = await validateKuramoto(target, { dir: r.dir, engine: r.engine, tmax, pool: r.pool });
  await writeValidation(r.dir, report);
  return [
    `${report.examples} examples (${report.engine}): agreement ${pct(report.agreement)}, circuit ${pct(report.circuitAccuracy)}, surrogate ${pct(report.surrogateAccuracy)}` +
      `, mean-frequency error rms ${(report.frequencyError.rmsHz / 1e3).toFixed(1)} kHz, max ${(report.frequencyError.maxAbsHz / 1e3).toFixed(1)} kHz`,
    ...report.disagreements.map((e) =>
      'error' in e.circuit
        ? `  example ${e.index}: circuit failed: ${e.circuit.error}`
        : `  example ${e.index}: surrogate ${e.surrogate.positive ? 'sync' : 'async'} (D = ${e.surrogate.D[0].toFixed(3)}), circuit ${e.circuit.positive ? 'sync' : 'async'} (D = ${e.circuit.D[0].toFixed(3)}), target ${e.target ? 'sync' : 'async'}`,
    ),
    ...report.outOfRange.map((o) => `  out of range: ${o.element}.${o.field} = ${o.value.toExponential(3)} (allowed ${o.allowed[0].toExponential(3)} .. ${o.allowed[1].toExponential(3)}): ${o.note}`),
    `-> ${r.dir}/validation.json`,
  ];
}

async function mc(r: McRequest): Promise<string[]> {
  const spreads = overrideSpreads(tableSpreads(), r.spread);
  const c = studyContext(r.modelFile, r, r.pool, r.examples);
  const study = { level: r.level, spreads, linewidth: r.linewidth, seed: r.seed };
  if (r.replay !== undefined) {
    const record = await runTrial(trialSpec(c, study, r.replay));
    const stored = readJsonl<TrialRecord>(join(r.dir, 'trials.jsonl')).find((t) => t.index === r.replay);
    const same = stored ? JSON.stringify({ ...stored, seconds: 0 }) === JSON.stringify({ ...record, seconds: 0 }) : null;
    return [JSON.stringify(record), same === null ? 'trial not in trials.jsonl yet' : same ? 'same as the stored trial' : 'DIFFERS from the stored trial'];
  }
  const s = await mismatchStudy(c, { ...study, dir: r.dir, trials: r.trials, threshold: r.threshold, sensitivityTrials: r.sensitivityTrials });
  return [
    `${s.finished} of ${s.trials} trials finished (${s.failed} failed), ${r.level} level, ${s.examples} examples: mean ${pct(s.mean)}, min ${pct(s.min)}, max ${pct(s.max)}, yield ${pct(s.yield)} at >= ${pct(s.threshold)}`,
    ...(s.nominal === null ? [] : [`nominal ${pct(s.nominal)}; accuracy lost to each knob alone: ${s.sensitivity.map((e) => `${e.knob} ${(100 * e.drop).toFixed(1)}`).join(', ')} points`]),
    `-> ${r.dir}/summary.json`,
  ];
}

export const kuramotoStudies: ArchitectureStudies = { validate, mc };
