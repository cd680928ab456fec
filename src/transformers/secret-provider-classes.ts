/**
 * SecretProviderClass in Workload ID mode: `usePodIdentity: "false"` and `clientID`
 * (https://azure.github.io/secrets-store-csi-driver-provider-azure/docs/configurations/identity-access-modes/workload-identity-mode/).
 * The planner chose the client id; the keys keep the casing the manifest already uses.
 */
import { keyOf, pathOf } from '../analyzers/object-fields.js';
import { documentKey } from '../model/document.js';
import { setAt, type FileEdit, type Transformer } from './transform-context.js';

export const migrateSecretProviderClasses: Transformer = (context) => {
  const planned = new Map(context.plan.secretProviderClasses.map((spc) => [spc.key, spc]));
  const edits: FileEdit[] = [];
  for (const spc of context.inventory.secretProviderClasses) {
    const target = planned.get(documentKey(spc.doc));
    if (!target) continue;
    const parameters = pathOf(spc.doc.object, ['spec', 'parameters']);
    edits.push(setAt(spc.doc, ['spec', 'parameters', keyOf(parameters, 'usePodIdentity') ?? 'usePodIdentity'], 'false'));
    if (spc.clientId !== target.clientId) {
      edits.push(setAt(spc.doc, ['spec', 'parameters', keyOf(parameters, 'clientID') ?? 'clientID'], target.clientId));
    }
  }
  return { edits, newFiles: [] };
};
