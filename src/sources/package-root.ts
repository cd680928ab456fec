/**
 * The installed package's own folder (where migrations/ and package.json are). Every file that
 * ships beside the code is found from here: this module sits one folder below the package in
 * both builds (dist/sources/ from tsc, dist/bin/ in the bundled command line), whereas a path
 * worked out from a deeper module would be wrong in the bundle.
 */
export const PACKAGE_ROOT = new URL('../../', import.meta.url);

/** A data table in the package's migrations/ folder. */
export function migrationFile(name: string): URL {
  return new URL(`migrations/${name}`, PACKAGE_ROOT);
}
