import { refString } from '../../model/inventory.js';
import type { Rule } from '../rule.js';

/**
 * Components that only make sense on EKS (migrations/aws-components.yaml): their IRSA role is
 * not migrated, the component is replaced by its AKS counterpart.
 */
export const awsOnlyComponent: Rule = {
  id: 'aws-only-component',
  severity: 'warning',
  title: 'AWS-only component: replaced on AKS, not migrated',
  fix: 'Do not migrate its identity; remove it from the AKS cluster and use the AKS counterpart named in the message.',
  check({ inventory, options }) {
    const components = options.awsComponents ?? [];
    if (components.length === 0) return [];
    return inventory.workloads.flatMap((workload) => {
      const names = workload.images.map(imageName);
      const component = components.find(({ images }) => names.some((name) => images.some((known) => name.includes(known))));
      if (!component) return [];
      return [
        {
          message: `${workload.kind} ${refString(workload.ref)} runs ${component.id}, which only works on AWS; on AKS use ${component.replacement}`,
          location: workload.doc.locate([...workload.templatePath, 'spec', 'containers']),
        },
      ];
    });
  },
};

/** The image without its tag or digest, so a tag never matches by accident. */
function imageName(image: string): string {
  return image.replace(/@.*$/, '').replace(/:[^/:]*$/, '');
}
