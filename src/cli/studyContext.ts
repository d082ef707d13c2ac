// Options shared by the study commands (mc, noise): model, examples, engine, step sizes, workers -> a StudyContext.
import { DEFAULT_RUN } from '../annotate/kuramotoCircuit.ts';
import type { StudyContext } from '../montecarlo/kuramotoStudies.ts';
import type { TaskPool } from '../parallel/taskPool.ts';
import { resolveSettings, MAX_DT } from '../surrogate/kuramoto/params.ts';
import { InputError } from '../errors.ts';
import { parseQuantity } from '../units/quantity.ts';
import { loadKuramotoTarget } from '../validate/kuramotoTarget.ts';
import { engineOption, integer } from './options.ts';

export interface StudyCliOptions {
  engine: string;
  tmax?: string;
  dt?: string;
}

/** Commander flags of StudyCliOptions, with their defaults. */
export const STUDY_FLAGS: readonly [string, string, string?][] = [
  ['--engine <name>', 'wasm (embedded) or native, for circuit-level trials', 'wasm'],
  ['--tmax <time>', "largest transient step of circuit-level trials (default: the architecture's)"],
  ['--dt <time>', "Euler step of surrogate-level trials (default: the model's)"],
];

/** A study context for `modelFile` evaluated on `examples` test examples (undefined: all). */
export function studyContext(modelFile: string, o: StudyCliOptions, pool: TaskPool, examples: number | undefined): StudyContext {
  const target = loadKuramotoTarget(modelFile, { examples });
  const dt = o.dt === undefined ? target.model.description.settings.dt : parseQuantity(o.dt, 's', '--dt');
  if (!(dt > 0 && dt <= MAX_DT)) throw new InputError(`must be a time in (0, ${MAX_DT * 1e12} ps], got ${JSON.stringify(o.dt)}`, '--dt');
  return {
    target,
    pool,
    engine: engineOption(o.engine),
    tmax: o.tmax === undefined ? DEFAULT_RUN.tmax : parseQuantity(o.tmax, 's', '--tmax'),
    settings: resolveSettings({ ...target.model.description.settings, dt, linewidth: 0 }),
  };
}

/** --examples as a count or undefined. */
export function examplesOption(v: string | undefined, field = '--examples'): number | undefined {
  return v === undefined ? undefined : integer(v, field, 1);
}

/** --workers as a count or undefined (all cores). */
export function workersOption(v: string | undefined): number | undefined {
  return v === undefined ? undefined : integer(v, '--workers', 1);
}
