import type { DeclaredDependency } from '../../model/code.js';
import { parseJson } from './parse-json.js';
import { locate } from './text-location.js';

/**
 * `<PackageReference Include="Azure.Identity" Version="1.9.0" />` (or `Update=`, or a nested
 * `<Version>` element) in .csproj/.fsproj/.vbproj, Directory.Packages.props (`PackageVersion`)
 * and Directory.Build.props. A `$(Property)` version stays as written: unknown.
 */
export function readMsbuildProject(file: string, text: string): DeclaredDependency[] {
  const at = locate(file, text);
  const out: DeclaredDependency[] = [];
  for (const match of text.matchAll(/<(PackageReference|PackageVersion)\b([^>]*?)(\/>|>([\s\S]*?)<\/\1\s*>)/g)) {
    const attributes = match[2]!;
    const name = /\b(?:Include|Update)\s*=\s*"([^"]+)"/.exec(attributes)?.[1];
    if (!name) continue;
    const version = /\bVersion\s*=\s*"([^"]*)"/.exec(attributes)?.[1] ?? /<Version>\s*([^<]*?)\s*<\/Version>/.exec(match[4] ?? '')?.[1];
    // No version here: central package management sets it in Directory.Packages.props.
    if (version === undefined) continue;
    out.push({ ecosystem: 'nuget', name, spec: version, locked: false, location: at(match.index) });
  }
  return out;
}

/** packages.lock.json: `dependencies.<framework>.<package>.resolved`. */
export function readNugetLock(file: string, text: string): DeclaredDependency[] {
  const json = parseJson(file, text) as { dependencies?: Record<string, Record<string, { resolved?: unknown }>> };
  const at = locate(file, text);
  const out: DeclaredDependency[] = [];
  for (const [framework, packages] of Object.entries(json.dependencies ?? {})) {
    const frameworkAt = text.indexOf(JSON.stringify(framework));
    for (const [name, entry] of Object.entries(packages ?? {})) {
      if (typeof entry?.resolved !== 'string') continue;
      out.push({ ecosystem: 'nuget', name, spec: entry.resolved, locked: true, location: at(text.indexOf(JSON.stringify(name), frameworkAt)) });
    }
  }
  return out;
}
