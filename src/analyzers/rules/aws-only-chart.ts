/** Values of AWS-only charts (migrations/helm-charts.yaml, `replacedBy`): replaced on AKS, not migrated. */
import type { Rule } from '../rule.js';

export const awsOnlyChart: Rule = {
  id: 'aws-only-chart',
  severity: 'warning',
  title: 'Values of an AWS-only chart',
  fix: 'Do not migrate this release: install the AKS counterpart named in the message and drop the IAM role it used.',
  check({ inventory }) {
    return inventory.chartValues.flatMap(({ doc, root, chart }) =>
      chart.replacedBy === undefined ? [] : [{ message: `${chart.title} is AWS-only; on AKS it is replaced by ${chart.replacedBy}`, location: doc.locate(root) }],
    );
  },
};
