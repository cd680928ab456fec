// The performance targets wimigrate is held to. A target whose inputs are missing (the CLI not
// built yet, a run that failed) is SKIP, not FAIL: the report says why instead of guessing.

/**
 * @typedef {{ status: 'ok', ms: number, rssMb: number } | { status: 'missing' | 'failed', error: string }} Result
 * @typedef {Record<string, Record<string, Result>>} Results command id -> size label ('1x', '4x') -> result
 * @typedef {{ label: string, status: 'PASS' | 'FAIL' | 'SKIP', value: number | null, shown: string }} TargetOutcome
 */

/**
 * @param {Results} results
 * @returns {TargetOutcome[]}
 */
export function checkTargets(results) {
  /** @param {string} id @param {string} size */
  const ok = (id, size) => {
    const result = results[id]?.[size];
    return result && result.status === 'ok' ? result : undefined;
  };
  const wi1 = ok('wimigrate', '1x');
  const wi4 = ok('wimigrate', '4x');
  const a1 = ok('baseline-a', '1x');
  const b1 = ok('baseline-b', '1x');
  /**
   * @param {string} label
   * @param {false | undefined | (() => number)} compute undefined/false when an input is missing
   * @param {(value: number) => boolean} pass
   * @param {(value: number) => string} show
   * @returns {TargetOutcome}
   */
  const target = (label, compute, pass, show) => {
    if (!compute) return { label, status: 'SKIP', value: null, shown: 'not measured' };
    const value = compute();
    return { label, status: pass(value) ? 'PASS' : 'FAIL', value, shown: show(value) };
  };
  return [
    target('time <= 1.0x baseline (a) at 1x', wi1 && a1 && (() => wi1.ms / a1.ms), (v) => v <= 1.0, (v) => `${v.toFixed(2)}x baseline (a)`),
    target('>= 5x faster than baseline (b) at 1x', wi1 && b1 && (() => b1.ms / wi1.ms), (v) => v >= 5, (v) => `${v.toFixed(1)}x faster`),
    target('peak RSS <= 300 MB at 1x', wi1 && (() => wi1.rssMb), (v) => v <= 300, (v) => `${v.toFixed(0)} MB`),
    target('peak RSS <= 300 MB at 4x', wi4 && (() => wi4.rssMb), (v) => v <= 300, (v) => `${v.toFixed(0)} MB`),
    target('time at 4x <= 4.4x time at 1x', wi1 && wi4 && (() => wi4.ms / wi1.ms), (v) => v <= 4.4, (v) => `${v.toFixed(2)}x`),
  ];
}
