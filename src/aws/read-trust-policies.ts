/**
 * Reads `aws iam get-role --role-name X` outputs
 * (https://docs.aws.amazon.com/cli/latest/reference/iam/get-role.html), or `aws iam list-roles`,
 * one file or a folder of them; parsing is in trust-policy.ts. A file of the wrong shape is an
 * error naming it.
 */
import { readJsonInputs, sortErrors, type AwsInputError } from './read-json-inputs.js';
import { parseRoleOutput, type RoleTrust } from './trust-policy.js';

export interface TrustPolicies {
  roles: RoleTrust[];
  errors: AwsInputError[];
}

export function readTrustPolicies(paths: readonly string[]): TrustPolicies {
  const { inputs, errors } = readJsonInputs(paths);
  const roles: RoleTrust[] = [];
  for (const input of inputs) {
    const parsed = parseRoleOutput(input.data, input.file);
    if (parsed.ok) roles.push(...parsed.roles);
    else errors.push({ file: input.file, message: parsed.error });
  }
  return { roles: roles.sort((a, b) => a.roleName.localeCompare(b.roleName) || a.source.localeCompare(b.source)), errors: sortErrors(errors) };
}
