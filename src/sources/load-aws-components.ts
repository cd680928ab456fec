import { MigrationDataError, readMigrationTable } from './read-migration-table.js';
import type { AwsComponent } from '../analyzers/analyzer-options.js';
import { migrationFile } from './package-root.js';

/** The table shipped in migrations/; the path is relative to the compiled module (dist/sources). */
export const AWS_COMPONENTS_FILE = migrationFile('aws-components.yaml');

export { MigrationDataError };

/** Reads the table and checks its shape; a broken table is an input error naming the entry. */
export function loadAwsComponents(file: URL | string = AWS_COMPONENTS_FILE): AwsComponent[] {
  const where = String(file);
  const table = readMigrationTable(file) as { schemaVersion?: unknown; components?: unknown };
  if (table?.schemaVersion !== 1 || !Array.isArray(table.components)) throw new MigrationDataError(`${where}: expected schemaVersion 1 and a components list`);
  return table.components.map((entry: unknown, index) => {
    const component = entry as Partial<Record<keyof AwsComponent, unknown>>;
    const images = component.images;
    if (
      typeof component.id !== 'string' ||
      typeof component.replacement !== 'string' ||
      !Array.isArray(images) ||
      images.length === 0 ||
      !images.every((image) => typeof image === 'string' && image.length > 0)
    ) {
      throw new MigrationDataError(`${where}: components[${index}] needs an id, a replacement and a non-empty list of image names`);
    }
    return { id: component.id, images: images as string[], replacement: component.replacement };
  });
}
