import type { DeclaredDependency } from '../../model/code.js';
import { locate } from './text-location.js';

/**
 * `<dependency>` elements of a pom.xml with their groupId:artifactId and version; a
 * `${property}` version is resolved from the same file's `<properties>`, else kept as written.
 * A dependency without a version (managed by a BOM or a parent) is listed with an empty spec.
 */
export function readPom(file: string, text: string): DeclaredDependency[] {
  const at = locate(file, text);
  const withoutComments = text.replace(/<!--[\s\S]*?-->/g, (comment) => ' '.repeat(comment.length));
  const properties = new Map<string, string>();
  const propertiesBlock = /<properties>([\s\S]*?)<\/properties>/.exec(withoutComments)?.[1] ?? '';
  for (const property of propertiesBlock.matchAll(/<([\w.-]+)>\s*([^<]*?)\s*<\/\1>/g)) properties.set(property[1]!, property[2]!);
  const out: DeclaredDependency[] = [];
  for (const match of withoutComments.matchAll(/<dependency>([\s\S]*?)<\/dependency>/g)) {
    const field = (tag: string) => new RegExp(`<${tag}>\\s*([^<]*?)\\s*</${tag}>`).exec(match[1]!)?.[1];
    const group = field('groupId');
    const artifact = field('artifactId');
    if (!group || !artifact) continue;
    const version = (field('version') ?? '').replace(/^\$\{([^}]+)\}$/, (whole, name: string) => properties.get(name) ?? whole);
    out.push({ ecosystem: 'maven', name: `${group}:${artifact}`, spec: version, locked: false, location: at(match.index) });
  }
  return out;
}

/**
 * build.gradle and build.gradle.kts, read as text: `'group:artifact:version'` coordinates in any
 * configuration, and the map form `group: 'g', name: 'a', version: 'v'`.
 */
export function readGradle(file: string, text: string): DeclaredDependency[] {
  const at = locate(file, text);
  const out: DeclaredDependency[] = [];
  for (const match of text.matchAll(/["']([\w.-]+):([\w.-]+):([^"':@]+)(?:@\w+)?["']/g)) {
    out.push({ ecosystem: 'maven', name: `${match[1]}:${match[2]}`, spec: match[3]!, locked: false, location: at(match.index) });
  }
  for (const match of text.matchAll(/group\s*[:=]\s*["']([\w.-]+)["']\s*,\s*name\s*[:=]\s*["']([\w.-]+)["']\s*,\s*version\s*[:=]\s*["']([^"']+)["']/g)) {
    out.push({ ecosystem: 'maven', name: `${match[1]}:${match[2]}`, spec: match[3]!, locked: false, location: at(match.index) });
  }
  return out;
}
