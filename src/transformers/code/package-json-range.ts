/**
 * Raises the `@azure/identity` range of a package.json to the Workload ID minimum (DESIGN §5),
 * keeping the range's operator (`^`, `~`, `>=` or an exact pin). Plain text edit of the one
 * string: the file's layout is kept. The lockfile follows at the next `npm install`.
 */
import type { SdkTables } from '../../model/code.js';
import { PACKAGE_JSON_SECTIONS } from '../../sources/code/read-package-json.js';
import { parseVersionSpec } from '../../analyzers/code/sdk-versions.js';
import semver from 'semver';
import type { TextEdit } from './codemod.js';

export function raisePackageJsonRanges(text: string, tables: SdkTables): { edits: TextEdit[]; raised: string[] } {
  const edits: TextEdit[] = [];
  const raised: string[] = [];
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, '')) as Record<string, unknown>;
  } catch {
    return { edits, raised };
  }
  for (const minimum of tables.minimums.filter((entry) => entry.ecosystem === 'npm')) {
    for (const section of PACKAGE_JSON_SECTIONS) {
      const entries = json[section] as Record<string, unknown> | undefined;
      const spec = entries?.[minimum.name];
      if (typeof spec !== 'string') continue;
      const parsed = parseVersionSpec('npm', spec);
      const low = parsed.kind === 'exact' ? parsed.version : parsed.kind === 'range' ? semver.minVersion(parsed.range)?.version : undefined;
      if (low === undefined || semver.gte(low, minimum.minimum)) continue;
      // One version with an optional ^, ~ or >=; anything richer (`>=2 <4`, `1.x`, `||`) is left as written.
      const simple = /^\s*(\^|~|>=)?\s*v?\d+\.\d+\.\d+(?:[-+][\w.-]*)?\s*$/.exec(spec);
      if (!simple) continue;
      const operator = simple[1] ?? '';
      const sectionAt = text.search(new RegExp(`"${section}"\\s*:`));
      const pair = new RegExp(`${escape(JSON.stringify(minimum.name))}\\s*:\\s*("(?:[^"\\\\]|\\\\.)*")`, 'g');
      pair.lastIndex = Math.max(0, sectionAt);
      const match = pair.exec(text);
      if (!match) continue;
      const valueStart = match.index + match[0].length - match[1]!.length;
      edits.push({ start: valueStart, end: valueStart + match[1]!.length, text: JSON.stringify(`${operator}${minimum.minimum}`) });
      raised.push(`${minimum.name} ${spec} -> ${operator}${minimum.minimum}`);
    }
  }
  return { edits, raised };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
