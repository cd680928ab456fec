/**
 * Charts that keep identity settings of their own (migrations/helm-charts.yaml, each entry
 * linking the chart's documentation): what `migrate` changes in their values, and what a person
 * must still do beside the values.
 */
import type { Rule } from '../rule.js';

export const chartIdentitySettings: Rule = {
  id: 'chart-identity-settings',
  severity: 'info',
  title: 'Chart with identity settings of its own',
  fix: 'See the chart documentation named in the message; wimigrate migrate makes the value changes it lists.',
  check({ inventory }) {
    return inventory.chartValues
      .filter(({ chart }) => chart.replacedBy === undefined)
      .map(({ doc, root, chart }) => {
        const changes = chart.changes.map((change) => `${change.op} ${change.path.join('.')}${change.phase === 'cutover' ? ' (at cutover)' : ''}`);
        const parts = [changes.length > 0 ? `migrate will ${changes.join(', ')}` : 'nothing to change in the values', chart.note].filter(Boolean);
        return { message: `${chart.title} values${root.length > 0 ? ` at ${root.join('.')}` : ''}: ${parts.join('; ')}`, location: doc.locate(root), ...(chart.docs ? { fix: `See ${chart.docs}.` } : {}) };
      });
  },
};
