import type { SourceLocation } from '../model/location.js';
import { refString, type ObjectRef } from '../model/inventory.js';
import type { ManualStep } from '../model/plan.js';

/** A federated credential whose subject a Helm/Go template only knows once rendered. */
export interface TemplatedSubject {
  /** The AzureIdentity (namespace/name) or managed identity the credential goes on. */
  identity: string;
  serviceAccount: ObjectRef;
  location: SourceLocation;
}

/**
 * A name or namespace read from a template that holds an action (`{{ include "chart.fullname" . }}`)
 * is unknown until the chart is rendered: a credential with it as subject would trust nothing
 * (or the wrong account), so it is never planned.
 */
export function isTemplatedRef(ref: ObjectRef): boolean {
  return ref.namespace.includes('{{') || ref.name.includes('{{');
}

/** One manual step per identity: create the credentials whose subject only the rendered chart knows. */
export function templatedSubjectSteps(subjects: readonly TemplatedSubject[]): ManualStep[] {
  const byIdentity = new Map<string, TemplatedSubject[]>();
  for (const subject of subjects) byIdentity.set(subject.identity, [...(byIdentity.get(subject.identity) ?? []), subject]);
  return [...byIdentity].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([identity, served]) => {
    const accounts = [...new Set(served.map((subject) => refString(subject.serviceAccount)))].sort();
    return {
      id: 'templated-federated-credentials',
      text: `Create a federated credential on ${identity} for the service account${accounts.length > 1 ? 's' : ''} ${accounts.join(', ')}: a Helm/Go template names ${accounts.length > 1 ? 'them' : 'it'}, so the subject (system:serviceaccount:<namespace>:<name>) is only known once the chart is rendered (helm template shows it).`,
      location: served[0]!.location,
    };
  });
}
