// The study commands of every architecture, looked up by the model's format.
import { InputError } from '../../errors.ts';
import { cnnStudies } from './cnn.ts';
import { dynamicalStudies } from './dynamical.ts';
import { kuramotoStudies } from './kuramoto.ts';
import { vowelStudies } from './vowels.ts';
import { modelKind, MODEL_FORMATS, type ModelKind } from './modelKind.ts';
import type { ArchitectureStudies } from './studyCommands.ts';

const STUDIES: Record<ModelKind, ArchitectureStudies> = {
  kuramoto: kuramotoStudies,
  dynamical: dynamicalStudies,
  vowels: vowelStudies,
  cnn: cnnStudies,
};

/** The `command` implementation for the model in `modelFile`; InputError naming the model's format when there is none. */
export function studyCommand<C extends keyof ArchitectureStudies>(modelFile: string, command: C): NonNullable<ArchitectureStudies[C]> {
  const kind = modelKind(modelFile);
  const run = STUDIES[kind][command];
  if (!run) {
    const supported = (Object.keys(STUDIES) as ModelKind[]).filter((k) => STUDIES[k][command]).map((k) => MODEL_FORMATS[k]);
    throw new InputError(`${command} does not support ${MODEL_FORMATS[kind]} models (supported: ${supported.join(', ')})`, 'format', modelFile);
  }
  return run as NonNullable<ArchitectureStudies[C]>;
}
