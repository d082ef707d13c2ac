// Optional native TensorFlow backend: @tensorflow/tfjs-node is used when it installed (it cannot everywhere), else plain tfjs.
import * as tf from '@tensorflow/tfjs';

/** Try to load @tensorflow/tfjs-node (registers the 'tensorflow' backend); returns the backend tfjs will use. */
export async function loadAccelerator(): Promise<string> {
  const name = '@tensorflow/tfjs-node';
  try {
    await import(name);
    await tf.setBackend('tensorflow');
  } catch {
    // not installed (its installer downloads libtensorflow): the cpu backend of @tensorflow/tfjs serves
  }
  await tf.ready();
  return tf.getBackend();
}
