// What `validate` and `mc` hand to an architecture: parsed, architecture-neutral requests; each returns the lines to print.
import type { TaskPool } from '../../parallel/taskPool.ts';
import type { EngineName } from '../../sim/simulate.ts';

export interface ValidateRequest {
  readonly modelFile: string;
  readonly dir: string;
  readonly engine: EngineName;
  /** Evenly spaced test examples (undefined: all). */
  readonly examples?: number;
  /** --tmax as typed (undefined: the architecture's default step). */
  readonly tmax?: string;
  readonly pool: TaskPool;
}

export interface McRequest {
  readonly modelFile: string;
  readonly dir: string;
  readonly level: 'circuit' | 'surrogate';
  readonly trials: number;
  readonly examples?: number;
  /** --spread overrides as typed ("F0=3MHz"); each architecture knows its knobs. */
  readonly spread: readonly string[];
  /** STNO phase-noise linewidth in Hz (architectures without phase noise reject a nonzero value). */
  readonly linewidth: number;
  readonly seed: number;
  readonly threshold: number;
  readonly sensitivityTrials: number;
  /** Run this trial alone and compare with trials.jsonl instead of running the study. */
  readonly replay?: number;
  readonly engine: EngineName;
  readonly tmax?: string;
  readonly dt?: string;
  readonly pool: TaskPool;
}

/** The study commands one architecture implements. */
export interface ArchitectureStudies {
  readonly validate?: (r: ValidateRequest) => Promise<string[]>;
  readonly mc?: (r: McRequest) => Promise<string[]>;
}
