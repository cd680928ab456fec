import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

let loaded: typeof Yaml | undefined;

/**
 * The yaml library, loaded on first use. Reading and the common edits go through js-yaml and the
 * line outline; the yaml library's node tree is only needed for unusual layouts, errors and
 * positions, and loading it costs a run that never needs it about 50 ms (DESIGN: heavy modules
 * load only where used). `require` keeps the callers synchronous.
 */
export function yaml(): typeof Yaml {
  loaded ??= createRequire(import.meta.url)('yaml') as typeof Yaml;
  return loaded;
}

// The node type guards, for code that walks a tree: the library is loaded by then.
export const isAlias = (node: unknown): node is Yaml.Alias => yaml().isAlias(node);
export const isMap = (node: unknown): node is Yaml.YAMLMap<unknown, unknown> => yaml().isMap(node);
export const isPair = (node: unknown): node is Yaml.Pair<unknown, unknown> => yaml().isPair(node);
export const isScalar = (node: unknown): node is Yaml.Scalar<unknown> => yaml().isScalar(node);
export const isSeq = (node: unknown): node is Yaml.YAMLSeq<unknown> => yaml().isSeq(node);
