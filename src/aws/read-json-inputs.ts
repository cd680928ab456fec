/**
 * The file-reading edge of the AWS inputs: a path is a JSON file or a folder of them (its
 * `*.json` files, not recursive, sorted). A path that cannot be read or a file that is not JSON
 * becomes an error naming the file, and the other files are still read. Errors are data, as
 * for manifests (DESIGN.md §1).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export interface JsonInput {
  file: string;
  data: unknown;
}

export interface AwsInputError {
  file: string;
  message: string;
}

export interface JsonInputs {
  inputs: JsonInput[];
  errors: AwsInputError[];
}

export function readJsonInputs(paths: readonly string[]): JsonInputs {
  const result: JsonInputs = { inputs: [], errors: [] };
  for (const target of paths) {
    let files: string[];
    try {
      files = statSync(target).isDirectory() ? jsonFilesIn(target) : [target];
    } catch (error) {
      result.errors.push({ file: target, message: `cannot be read: ${reason(error)}` });
      continue;
    }
    if (files.length === 0) result.errors.push({ file: target, message: 'is a folder without .json files' });
    for (const file of files) {
      const read = readJsonFile(file);
      if ('message' in read) result.errors.push(read);
      else result.inputs.push(read);
    }
  }
  return result;
}

/** By file, then message, so reports are deterministic. */
export function sortErrors(errors: readonly AwsInputError[]): AwsInputError[] {
  return [...errors].sort((a, b) => a.file.localeCompare(b.file) || a.message.localeCompare(b.message));
}

export function readJsonFile(file: string): JsonInput | AwsInputError {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { file, message: `cannot be read: ${reason(error)}` };
  }
  try {
    return { file, data: JSON.parse(text.replace(/^\uFEFF/, '')) as unknown };
  } catch (error) {
    return { file, message: `is not valid JSON: ${reason(error)}` };
  }
}

export function jsonFilesIn(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.toLowerCase().endsWith('.json'))
    .map((entry) => path.join(folder, entry.name))
    .sort();
}

/** A short, stable reason for a failed file-system call. */
export function reason(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? 'no such file or folder' : code === 'EACCES' ? 'permission denied' : error.message.split('\n')[0] ?? error.message;
  }
  return String(error);
}
