/**
 * The IAM policies of one role, from the JSON the AWS CLI prints
 * (https://docs.aws.amazon.com/cli/latest/reference/iam/index.html):
 * `aws iam list-attached-role-policies --role-name R` (`{"AttachedPolicies": [...]}`),
 * `aws iam get-policy-version --policy-arn A --version-id V` (`{"PolicyVersion": {"Document": ...}}`)
 * and `aws iam get-role-policy --role-name R --policy-name P` (`{"RoleName", "PolicyName", "PolicyDocument"}`).
 * The first two do not name the role or the policy, so the folder layout supplies them (see
 * read-role-permissions.ts): the role is the folder, a managed policy is its file name.
 */
import path from 'node:path';
import { isRecord, parsePolicyDocument, type PolicyStatement } from './policy-document.js';
import type { AwsInputError, JsonInput } from './read-json-inputs.js';

export const ATTACHED_POLICIES_FILE = 'attached.json';

export interface AttachedPolicyRef {
  policyName: string;
  policyArn: string;
}

export interface RolePolicyDocument {
  policyName: string;
  /** `managed`: a get-policy-version output; `inline`: a get-role-policy output. */
  kind: 'managed' | 'inline';
  source: string;
  statements: PolicyStatement[];
}

export interface RolePolicies {
  roleName: string;
  /** Null when there is no attached.json: the attached managed policies are then unknown. */
  attached: AttachedPolicyRef[] | null;
  documents: RolePolicyDocument[];
  problems: string[];
}

export function collectRolePolicies(roleName: string, files: readonly JsonInput[]): { policies: RolePolicies; errors: AwsInputError[] } {
  const policies: RolePolicies = { roleName, attached: null, documents: [], problems: [] };
  const errors: AwsInputError[] = [];
  for (const { file, data } of files) {
    const base = path.basename(file);
    const error = (message: string) => errors.push({ file, message });
    if (base.toLowerCase() === ATTACHED_POLICIES_FILE) {
      const attached = readAttached(data);
      if (typeof attached === 'string') error(attached);
      else {
        policies.attached = attached.policies;
        if (attached.truncated) policies.problems.push(`role ${roleName}: ${file} is a truncated list (IsTruncated); save the full output of \`aws iam list-attached-role-policies --role-name ${roleName}\``);
      }
      continue;
    }
    const read = readPolicyFile(data, base.replace(/\.json$/i, ''), file);
    if (typeof read === 'string') {
      error(read);
      continue;
    }
    policies.documents.push(read.document);
    for (const problem of read.problems) policies.problems.push(`role ${roleName}, policy ${read.document.policyName}: ${problem}`);
    if (read.roleName !== null && read.roleName !== roleName) {
      policies.problems.push(`role ${roleName}: ${file} is the inline policy of role ${read.roleName}, not of ${roleName}; it is read as ${roleName}'s because of its folder`);
    }
  }
  policies.documents.sort((a, b) => a.policyName.localeCompare(b.policyName) || a.kind.localeCompare(b.kind));
  return { policies, errors };
}

function readAttached(data: unknown): { policies: AttachedPolicyRef[]; truncated: boolean } | string {
  const list = isRecord(data) ? data['AttachedPolicies'] : undefined;
  if (!Array.isArray(list)) return 'expected the output of `aws iam list-attached-role-policies` ({"AttachedPolicies": [...]})';
  const policies: AttachedPolicyRef[] = [];
  for (const [index, entry] of list.entries()) {
    if (!isRecord(entry) || typeof entry['PolicyName'] !== 'string' || typeof entry['PolicyArn'] !== 'string') return `AttachedPolicies[${index}] needs PolicyName and PolicyArn`;
    policies.push({ policyName: entry['PolicyName'], policyArn: entry['PolicyArn'] });
  }
  return { policies, truncated: isRecord(data) && data['IsTruncated'] === true };
}

interface PolicyFile {
  document: RolePolicyDocument;
  /** The role an inline policy names, to compare with its folder. */
  roleName: string | null;
  problems: string[];
}

function readPolicyFile(data: unknown, fileName: string, source: string): PolicyFile | string {
  if (isRecord(data) && isRecord(data['PolicyVersion'])) {
    const version = data['PolicyVersion'];
    const parsed = parsePolicyDocument(version['Document']);
    if (!parsed.ok) return `PolicyVersion.Document: ${parsed.error}`;
    const problems = [...parsed.problems];
    if (version['IsDefaultVersion'] === false) {
      problems.push(`${source} holds version ${String(version['VersionId'])}, which is not the default version; the role uses the default one`);
    }
    return { document: { policyName: fileName, kind: 'managed', source, statements: parsed.statements }, roleName: null, problems };
  }
  if (isRecord(data) && typeof data['PolicyName'] === 'string' && data['PolicyDocument'] !== undefined) {
    const parsed = parsePolicyDocument(data['PolicyDocument']);
    if (!parsed.ok) return `PolicyDocument: ${parsed.error}`;
    const roleName = typeof data['RoleName'] === 'string' ? data['RoleName'] : null;
    return { document: { policyName: data['PolicyName'], kind: 'inline', source, statements: parsed.statements }, roleName, problems: parsed.problems };
  }
  return 'expected the output of `aws iam get-policy-version` ({"PolicyVersion": {...}}) or `aws iam get-role-policy` ({"RoleName", "PolicyName", "PolicyDocument"})';
}
