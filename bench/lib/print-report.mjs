// Formats the benchmark's figures as plain-text tables: one row per command and input size,
// with ratios against the baselines at the same size, then one line per target.

/** @typedef {import('./targets.mjs').TargetOutcome} TargetOutcome */

/**
 * @typedef {object} Row
 * @property {string} id
 * @property {string} label
 * @property {string} size '1x' | '4x'
 * @property {number} docs
 * @property {{ status: string, ms?: number, rssMb?: number, stdoutBytes?: number, exitCode?: number, error?: string }} result
 */

/** @param {number | undefined} n @param {number} digits */
const num = (n, digits = 0) => (n === undefined ? '-' : n.toFixed(digits));

/**
 * @param {Row[]} rows
 * @returns {string}
 */
export function formatTable(rows) {
  /** @param {string} id @param {string} size */
  const msOf = (id, size) => {
    const row = rows.find((r) => r.id === id && r.size === size && r.result.status === 'ok');
    return row?.result.ms;
  };
  const header = ['command', 'size', 'docs', 'wall ms', 'peak MB', 'time/(a)', 'time/(b)', 'stdout KB', 'exit'];
  const lines = rows.map((row) => {
    const { result } = row;
    if (result.status !== 'ok') return [row.label, row.size, String(row.docs), result.status.toUpperCase(), '-', '-', '-', '-', '-'];
    const a = msOf('baseline-a', row.size);
    const b = msOf('baseline-b', row.size);
    return [
      row.label,
      row.size,
      String(row.docs),
      num(result.ms),
      num(result.rssMb),
      a && result.ms !== undefined ? `${num(result.ms / a, 2)}x` : '-',
      b && result.ms !== undefined ? `${num(result.ms / b, 2)}x` : '-',
      num((result.stdoutBytes ?? 0) / 1024),
      String(result.exitCode),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  // First column left-aligned (names), figures right-aligned so digits line up.
  /** @param {string[]} cells */
  const render = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [render(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(render)].join('\n');
}

/**
 * @param {TargetOutcome[]} outcomes
 * @returns {string}
 */
export function formatTargets(outcomes) {
  const width = Math.max(...outcomes.map((o) => o.label.length));
  return outcomes.map((o) => `${o.status}  wimigrate ${o.label.padEnd(width)}  ${o.shown}`).join('\n');
}
