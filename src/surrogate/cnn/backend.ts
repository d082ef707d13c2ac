// Picks the fastest tfjs backend available for convolutions: native TensorFlow if loaded, else the wasm backend (SIMD, one thread).
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';

/**
 * Switch to the wasm backend unless the native 'tensorflow' backend is active; returns the backend in use. The cpu backend
 * trains these convolutions at ~2 images/s, wasm with conv2dChains' gradients at ~150-300 (ARCHITECTURE.md).
 */
export async function useConvBackend(): Promise<string> {
  if (tf.getBackend() !== 'tensorflow') await tf.setBackend('wasm');
  await tf.ready();
  return tf.getBackend();
}
