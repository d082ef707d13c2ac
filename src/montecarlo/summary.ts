// Summary of a study's trial records: accuracy distribution, yield at a threshold, failures.
export interface AccuracyRecord {
  readonly index: number;
  readonly accuracy?: number;
  readonly error?: string;
}

export interface StudySummary {
  readonly trials: number;
  readonly finished: number;
  readonly failed: number;
  readonly mean: number;
  readonly std: number;
  readonly min: number;
  readonly max: number;
  /** Fraction of finished trials with accuracy >= threshold. */
  readonly yield: number;
  readonly threshold: number;
}

/** Statistics over the finished trials (failed trials count in `failed`, not in the accuracy statistics). */
export function summarize(records: readonly AccuracyRecord[], threshold: number): StudySummary {
  const acc = records.filter((r) => r.accuracy !== undefined).map((r) => r.accuracy!);
  const mean = acc.reduce((a, v) => a + v, 0) / (acc.length || 1);
  const std = Math.sqrt(acc.reduce((a, v) => a + (v - mean) ** 2, 0) / Math.max(acc.length - 1, 1));
  return {
    trials: records.length,
    finished: acc.length,
    failed: records.length - acc.length,
    mean: acc.length ? mean : NaN,
    std: acc.length > 1 ? std : 0,
    min: acc.length ? Math.min(...acc) : NaN,
    max: acc.length ? Math.max(...acc) : NaN,
    yield: acc.filter((v) => v >= threshold).length / (acc.length || 1),
    threshold,
  };
}
