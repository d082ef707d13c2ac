// Writes the model.json of a CNN training checkpoint (a network part-way through training), e.g. to validate it at circuit level.
// Usage: npx tsx scripts/cnnCheckpointModel.ts runs/cnn/mnist-spintronic-s1/checkpoint-epoch2.json runs/cnn/mnist-spintronic-s1-epoch2/model.json
import { checkpointModelJson } from '../src/architectures/cnn/experiment.ts';
import { writeJsonAtomic } from '../src/io/atomic.ts';

const [checkpoint, out] = process.argv.slice(2);
if (!checkpoint || !out) {
  console.error('usage: cnnCheckpointModel.ts CHECKPOINT.json OUT/model.json');
  process.exit(2);
}
writeJsonAtomic(out, checkpointModelJson(checkpoint));
console.log(`-> ${out}`);
