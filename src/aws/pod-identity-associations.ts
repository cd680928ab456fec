/**
 * EKS Pod Identity associations
 * (https://docs.aws.amazon.com/eks/latest/APIReference/API_PodIdentityAssociation.html and
 * API_PodIdentityAssociationSummary.html): they bind a namespace and service account to an IAM
 * role in the EKS API, not in manifests. `aws eks describe-pod-identity-association` prints
 * `{"association": {...}}` with the role; `aws eks list-pod-identity-associations` prints
 * `{"associations": [...]}` summaries WITHOUT the role, so those need the describe output too.
 */
import { isRecord } from './policy-document.js';

export interface PodIdentityAssociation {
  clusterName: string;
  namespace: string;
  serviceAccount: string;
  roleArn: string;
  /** Set for cross-account associations: the role the pod finally acts as. */
  targetRoleArn: string | null;
  associationId: string;
  associationArn: string;
  source: string;
}

/** A list-output summary with no describe output to give its role. */
export interface AssociationNeedingDescribe {
  clusterName: string;
  namespace: string;
  serviceAccount: string;
  associationId: string;
  source: string;
  message: string;
}

export interface ParsedAssociations {
  associations: PodIdentityAssociation[];
  summaries: Omit<AssociationNeedingDescribe, 'message'>[];
}

export type AssociationParseResult = ({ ok: true } & ParsedAssociations) | { ok: false; error: string };

const SUMMARY_FIELDS = ['clusterName', 'namespace', 'serviceAccount', 'associationId'] as const;

export function parseAssociationOutput(output: unknown, source: string): AssociationParseResult {
  if (isRecord(output) && isRecord(output['association'])) {
    const entry = output['association'];
    const missing = [...SUMMARY_FIELDS, 'roleArn'].filter((field) => !nonEmpty(entry[field]));
    if (missing.length > 0) return { ok: false, error: `association lacks ${missing.join(', ')}` };
    return { ok: true, associations: [toAssociation(entry, source)], summaries: [] };
  }
  if (isRecord(output) && Array.isArray(output['associations'])) {
    const result: ParsedAssociations = { associations: [], summaries: [] };
    for (const [index, entry] of output['associations'].entries()) {
      const missing = isRecord(entry) ? SUMMARY_FIELDS.filter((field) => !nonEmpty(entry[field])) : ['all fields'];
      if (missing.length > 0 || !isRecord(entry)) return { ok: false, error: `associations[${index}] lacks ${missing.join(', ')}` };
      // Newer CLIs may add the role to summaries; use it when it is there.
      if (nonEmpty(entry['roleArn'])) result.associations.push(toAssociation(entry, source));
      else result.summaries.push({ clusterName: text(entry, 'clusterName'), namespace: text(entry, 'namespace'), serviceAccount: text(entry, 'serviceAccount'), associationId: text(entry, 'associationId'), source });
    }
    return { ok: true, ...result };
  }
  return {
    ok: false,
    error: 'expected the output of `aws eks describe-pod-identity-association` ({"association": {...}}) or `aws eks list-pod-identity-associations` ({"associations": [...]})',
  };
}

/**
 * Joins the outputs of several files: a summary is answered by a describe output of the same
 * association id; the rest need one. An association described twice is kept once.
 */
export function mergeAssociations(parsed: readonly ParsedAssociations[]): { associations: PodIdentityAssociation[]; needsDescribe: AssociationNeedingDescribe[] } {
  const byId = new Map<string, PodIdentityAssociation>();
  for (const association of parsed.flatMap((entry) => entry.associations)) if (!byId.has(association.associationId)) byId.set(association.associationId, association);
  const needsDescribe = new Map<string, AssociationNeedingDescribe>();
  for (const summary of parsed.flatMap((entry) => entry.summaries)) {
    if (byId.has(summary.associationId) || needsDescribe.has(summary.associationId)) continue;
    needsDescribe.set(summary.associationId, {
      ...summary,
      message: `association ${summary.associationId} (${summary.clusterName}: ${summary.namespace}/${summary.serviceAccount}) comes from list-pod-identity-associations, which does not name the IAM role; add the output of \`aws eks describe-pod-identity-association --cluster-name ${summary.clusterName} --association-id ${summary.associationId}\``,
    });
  }
  const order = <T extends { clusterName: string; namespace: string; serviceAccount: string; associationId: string }>(a: T, b: T) =>
    a.clusterName.localeCompare(b.clusterName) || a.namespace.localeCompare(b.namespace) || a.serviceAccount.localeCompare(b.serviceAccount) || a.associationId.localeCompare(b.associationId);
  return { associations: [...byId.values()].sort(order), needsDescribe: [...needsDescribe.values()].sort(order) };
}

function toAssociation(entry: Record<string, unknown>, source: string): PodIdentityAssociation {
  return {
    clusterName: text(entry, 'clusterName'),
    namespace: text(entry, 'namespace'),
    serviceAccount: text(entry, 'serviceAccount'),
    roleArn: text(entry, 'roleArn'),
    targetRoleArn: nonEmpty(entry['targetRoleArn']) ? entry['targetRoleArn'] : null,
    associationId: text(entry, 'associationId'),
    associationArn: typeof entry['associationArn'] === 'string' ? entry['associationArn'] : '',
    source,
  };
}

function text(entry: Record<string, unknown>, field: string): string {
  const value = entry[field];
  return typeof value === 'string' ? value : '';
}

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}
