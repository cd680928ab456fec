/**
 * Reads `aws eks describe-pod-identity-association`
 * (https://docs.aws.amazon.com/cli/latest/reference/eks/describe-pod-identity-association.html)
 * and `aws eks list-pod-identity-associations` outputs, one file or a folder of them; parsing and
 * joining are in pod-identity-associations.ts.
 */
import { mergeAssociations, parseAssociationOutput, type AssociationNeedingDescribe, type ParsedAssociations, type PodIdentityAssociation } from './pod-identity-associations.js';
import { readJsonInputs, sortErrors, type AwsInputError } from './read-json-inputs.js';

export interface PodIdentityInputs {
  associations: PodIdentityAssociation[];
  needsDescribe: AssociationNeedingDescribe[];
  errors: AwsInputError[];
}

export function readPodIdentityAssociations(paths: readonly string[]): PodIdentityInputs {
  const { inputs, errors } = readJsonInputs(paths);
  const parsed: ParsedAssociations[] = [];
  for (const input of inputs) {
    const result = parseAssociationOutput(input.data, input.file);
    if (result.ok) parsed.push(result);
    else errors.push({ file: input.file, message: result.error });
  }
  return { ...mergeAssociations(parsed), errors: sortErrors(errors) };
}
