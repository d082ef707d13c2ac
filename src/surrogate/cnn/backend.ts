// Picks the fastest tfjs backend available for convolutions: native TensorFlow if loaded, else the wasm backend (SIMD, one thread).
import * as tf from '@tensorflow/tfjs';

/**
 * Switch to the wasm backend unless the native 'tensorflow' backend is active; returns the backend in use. The cpu backend
 * trains these convolutions at ~2 images/s, wasm with conv2dChains' gradients at ~150-300 (ARCHITECTURE.md). The wasm package
 * is imported here, not at module load: registering it makes it tfjs's default backend, which other code must not inherit
 * before it is initialised.
 */
export async function useConvBackend(): Promise<string> {
  await tf.ready();
  if (tf.getBackend() !== 'tensorflow') {
    await import('@tensorflow/tfjs-backend-wasm');
    await tf.setBackend('wasm');
  }
  await tf.ready();
  return tf.getBackend();
}
