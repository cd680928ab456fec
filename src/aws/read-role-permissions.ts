/**
 * Reads the IAM policies of roles from a folder laid out as:
 *
 *     <dir>/<role-name>/attached.json        aws iam list-attached-role-policies --role-name <role-name>
 *     <dir>/<role-name>/<policy-name>.json   aws iam get-policy-version --policy-arn <arn> --version-id <default version>
 *                                            (for customer managed policies; AWS managed ones may be left out)
 *     <dir>/<role-name>/<any-name>.json      aws iam get-role-policy --role-name <role-name> --policy-name <inline policy>
 *
 * The folder names the role and the file name names a managed policy, because those outputs do
 * not. A `<dir>` without sub-folders is read as one role folder named after itself. Unreadable
 * paths and files that are not JSON or of the wrong shape are errors naming the file; the other
 * files and roles are still read.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { jsonFilesIn, readJsonFile, reason, sortErrors, type AwsInputError, type JsonInput } from './read-json-inputs.js';
import { collectRolePolicies, type RolePolicies } from './role-policies.js';

export interface RolePermissionInputs {
  roles: RolePolicies[];
  errors: AwsInputError[];
}

export function readRolePermissions(dir: string): RolePermissionInputs {
  const errors: AwsInputError[] = [];
  let folders: string[];
  try {
    if (!statSync(dir).isDirectory()) return { roles: [], errors: [{ file: dir, message: 'is not a folder; expected <dir>/<role-name>/attached.json and <dir>/<role-name>/<policy-name>.json' }] };
    const subfolders = readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => path.join(dir, entry.name));
    folders = subfolders.length > 0 ? subfolders.sort() : [dir];
    if (subfolders.length > 0) {
      for (const stray of jsonFilesIn(dir)) errors.push({ file: stray, message: 'is outside a <role-name> folder, so its role is unknown; ignored' });
    }
  } catch (error) {
    return { roles: [], errors: [{ file: dir, message: `cannot be read: ${reason(error)}` }] };
  }
  const roles: RolePolicies[] = [];
  for (const folder of folders) {
    let files: string[];
    try {
      files = jsonFilesIn(folder);
    } catch (error) {
      errors.push({ file: folder, message: `cannot be read: ${reason(error)}` });
      continue;
    }
    if (files.length === 0) {
      errors.push({ file: folder, message: 'has no .json files' });
      continue;
    }
    const inputs: JsonInput[] = [];
    for (const file of files) {
      const read = readJsonFile(file);
      if ('message' in read) errors.push(read);
      else inputs.push(read);
    }
    const collected = collectRolePolicies(path.basename(folder), inputs);
    roles.push(collected.policies);
    errors.push(...collected.errors);
  }
  return { roles, errors: sortErrors(errors) };
}
