// Measurements on simulated complex-amplitude traces (Re c, Im c): power and the unwrapped phase phi = -arg c.

/** Power p = re^2 + im^2 at every sample. */
export function powerTrace(re: Float64Array, im: Float64Array): Float64Array {
  return re.map((x, i) => x * x + im[i] * im[i]);
}

/**
 * Phase phi = -atan2(im, re) (c ~ sqrt(p)*exp(-i*phi), Slavin & Tiberkevich's convention), unwrapped sample to sample.
 * The samples must be dense enough that phi moves by less than pi between two of them.
 */
export function unwrappedPhase(re: Float64Array, im: Float64Array): Float64Array {
  const phase = new Float64Array(re.length);
  let turns = 0;
  let previous = 0;
  for (let i = 0; i < re.length; i++) {
    const wrapped = -Math.atan2(im[i], re[i]);
    if (i > 0) turns += Math.round((previous - wrapped) / (2 * Math.PI));
    phase[i] = wrapped + 2 * Math.PI * turns;
    previous = wrapped;
  }
  return phase;
}
