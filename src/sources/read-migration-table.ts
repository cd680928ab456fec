import { readFileSync } from 'node:fs';
import jsyaml from 'js-yaml';

/** A migration table (migrations/*.yaml, or a project's own) that cannot be read or is malformed. */
export class MigrationDataError extends Error {}

/** The parsed YAML of a migration table; an unreadable or invalid file is a MigrationDataError naming it. */
export function readMigrationTable(file: URL | string): unknown {
  try {
    return jsyaml.load(readFileSync(file, 'utf8'), { schema: jsyaml.CORE_SCHEMA });
  } catch (error) {
    throw new MigrationDataError(`${String(file)}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
}
