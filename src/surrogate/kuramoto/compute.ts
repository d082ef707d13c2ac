// One entry point for a batch of Kuramoto runs (forward, Jacobian rows, full eq.-7 Jacobian), used in-thread and by workers.
import { kuramotoForward, kuramotoJacobianRows, kuramotoSensitivity, type FrequencyBatch } from './kernel.ts';
import type { KuramotoSettings } from './params.ts';

/** What to compute for a batch: f_bar only, f_bar + chosen Jacobian rows (adjoint), or f_bar + full Jacobian (eq. 7). */
export type KuramotoJob =
  | { readonly kind: 'forward' }
  | { readonly kind: 'rows'; readonly rows: readonly number[]; readonly horizon?: number }
  | { readonly kind: 'sensitivity' };

/** Result of a job: f_bar (Hz, batch x n) and, unless forward, the Jacobian rows (batch x R x n; R = n for eq. 7). */
export interface KuramotoResult {
  readonly fbar: Float64Array;
  readonly jacobian: Float64Array | null;
}

/** Runs a job on a batch in the calling thread. */
export function computeBatch(input: FrequencyBatch, settings: KuramotoSettings, job: KuramotoJob): KuramotoResult {
  switch (job.kind) {
    case 'forward':
      return { fbar: kuramotoForward(input, settings), jacobian: null };
    case 'rows':
      return kuramotoJacobianRows(input, settings, job.rows, job.horizon ?? Infinity);
    case 'sensitivity':
      return kuramotoSensitivity(input, settings);
  }
}

/** Number of Jacobian rows a job returns per example. */
export function jobRows(job: KuramotoJob, n: number): number {
  return job.kind === 'forward' ? 0 : job.kind === 'rows' ? job.rows.length : n;
}
