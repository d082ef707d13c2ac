// Which architecture a model.json belongs to, from its "format" field (the key the study commands dispatch on).
import { readFileSync } from 'node:fs';
import { InputError } from '../../errors.ts';
import { MODEL_FORMAT as KURAMOTO_FORMAT } from '../../architectures/kuramoto/persist.ts';
import { VOWEL_MODEL_FORMAT } from '../../architectures/vowels/persist.ts';
import { MODEL_FORMAT as DYNAMICAL_FORMAT } from '../../surrogate/dynamical/model.ts';
import { CNN_MODEL_FORMAT } from '../../surrogate/cnn/model.ts';

/** The "format" values each architecture writes into its model.json, by architecture. */
export const MODEL_FORMATS = {
  kuramoto: KURAMOTO_FORMAT,
  dynamical: DYNAMICAL_FORMAT,
  vowels: VOWEL_MODEL_FORMAT,
  cnn: CNN_MODEL_FORMAT,
} as const;

export type ModelKind = keyof typeof MODEL_FORMATS;

/** The architecture of the model in `file`; InputError naming the file and its "format" field otherwise. */
export function modelKind(file: string): ModelKind {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new InputError(`cannot read a JSON model: ${(e as Error).message}`, 'model', file);
  }
  const format = (doc as { format?: unknown } | null)?.format;
  const kind = (Object.keys(MODEL_FORMATS) as ModelKind[]).find((k) => MODEL_FORMATS[k] === format);
  if (!kind) throw new InputError(`unknown model format ${JSON.stringify(format)} (allowed: ${Object.values(MODEL_FORMATS).join(', ')})`, 'format', file);
  return kind;
}
