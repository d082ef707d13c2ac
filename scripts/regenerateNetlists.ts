// `npm run netlists`: rewrite netlists/ (example decks) and models/ (device libraries) from the descriptions and device files.
import { join } from 'node:path';
import { writeFileAtomic } from '../src/io/atomic.ts';
import { ROOT, generatedFiles } from '../src/netlist/examples.ts';

const files = generatedFiles();
for (const [path, text] of Object.entries(files)) writeFileAtomic(join(ROOT, path), text);
process.stdout.write(`wrote ${Object.keys(files).length} files under netlists/ and models/\n`);
