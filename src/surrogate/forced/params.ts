// Settings of the forced Kuramoto operator (paper 003): the Kuramoto settings of paper 000 plus one injection strength per RF source.
import { InputError } from '../../errors.ts';
import { resolveSettings as resolveKuramotoSettings, type KuramotoSettings } from '../kuramoto/params.ts';

/** Oscillators coupled all-to-all with k (`coupling`) and driven by M sources with strengths `injection` (Hz each). */
export interface ForcedSettings extends KuramotoSettings {
  /** Injection strength k_s of each source (Hz): one oscillator locks to source s iff |F - f_s| <= k_s. */
  readonly injection: readonly number[];
}

/** Settings with defaults (paper 000's k, dt, T, tau; no noise) filled in and checked; throws InputError naming the field. */
export function resolveForcedSettings(partial: Partial<ForcedSettings> & { injection: readonly number[] }): ForcedSettings {
  const { injection, ...rest } = partial;
  // k = 0 (no mutual coupling, the ablation) is valid here; the Kuramoto check wants k > 0, so it sees 1 Hz instead
  const uncoupled = rest.coupling === 0;
  const base = { ...resolveKuramotoSettings(uncoupled ? { ...rest, coupling: 1 } : rest), ...(uncoupled ? { coupling: 0 } : {}) };
  if (injection.length < 1) throw new InputError('needs at least one source', 'injection');
  injection.forEach((v, s) => {
    if (!Number.isFinite(v) || v < 0) throw new InputError(`must be a number >= 0 Hz, got ${v}`, `injection[${s}]`);
  });
  return Object.freeze({ ...base, injection: Object.freeze([...injection]) });
}
