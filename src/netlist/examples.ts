// The example descriptions (examples/*.json) and the files `npm run netlists` writes from them and from the device library.
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEVICES } from '../devices/registry.ts';
import { loadDescription } from '../spec/resolve.ts';
import { emitNetlist } from './emit.ts';
import { libraryFile, renderLibrary } from './library.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const EXAMPLES_DIR = join(ROOT, 'examples');

/** Every generated file, path relative to the repository root -> text: netlists/<example>.cir (+ libs) and models/*.lib. */
export function generatedFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const device of Object.values(DEVICES)) files[join('models', libraryFile(device))] = renderLibrary(device);
  for (const file of readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.json')).sort()) {
    const { deck, libraries } = emitNetlist(loadDescription(join(EXAMPLES_DIR, file)));
    files[join('netlists', `${basename(file, '.json')}.cir`)] = deck;
    for (const [name, text] of Object.entries(libraries)) files[join('netlists', name)] = text;
  }
  return files;
}
