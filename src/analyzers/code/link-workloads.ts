/**
 * Links the workloads of a manifest scan to the application code at risk (`scan --code`): a
 * workload runs the code of a project when a `codeMapping` entry of wimigrate.yaml says so (by
 * image, or by the manifests' path), else when its image's repository name is the name of a
 * project folder (the folder of a package.json, go.mod, pom.xml...). Pure: paths come absolute.
 */
import path from 'node:path';
import type { Finding } from '../../model/finding.js';
import type { SourceLocation } from '../../model/location.js';
import { codeFinding } from './code-findings.js';

export interface CodeMapping {
  /** An image repository (`*` matches anything; tag and digest ignored) or the folder/file of the workload's manifests. */
  image?: string;
  manifests?: string;
  /** The project folder the workload runs, absolute. */
  code: string;
}

export interface LinkableWorkload {
  /** `Deployment ns/name` */
  name: string;
  images: readonly string[];
  /** The manifest file, absolute. */
  manifest: string;
  location: SourceLocation;
}

/** `registry.io/team/orders-api:1.2@sha256:...` -> `registry.io/team/orders-api`. */
export function imageRepository(image: string): string {
  const withoutDigest = image.split('@')[0]!;
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  return colon > lastSlash ? withoutDigest.slice(0, colon) : withoutDigest;
}

function matchesImage(pattern: string, image: string): boolean {
  const repository = imageRepository(image);
  const expression = new RegExp(`^${imageRepository(pattern).split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return expression.test(repository);
}

function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** The project folders a workload runs: mapped ones if any entry matches, else by image name. */
export function codeFoldersOf(workload: LinkableWorkload, mappings: readonly CodeMapping[], projectFolders: readonly string[]): string[] {
  const mapped = mappings.filter((mapping) => (mapping.image !== undefined && workload.images.some((image) => matchesImage(mapping.image!, image))) || (mapping.manifests !== undefined && isInside(workload.manifest, mapping.manifests)));
  if (mapped.length > 0) return [...new Set(mapped.map((mapping) => mapping.code))];
  const names = new Set(workload.images.map((image) => path.posix.basename(imageRepository(image))));
  return projectFolders.filter((folder) => names.has(path.basename(folder)));
}

/**
 * One `workload-code-at-risk` finding per workload whose code has warnings or errors, at the
 * workload, naming the findings; `absolute` turns a finding's file into an absolute path.
 */
export function linkWorkloadsToCode(workloads: readonly LinkableWorkload[], codeFindings: readonly Finding[], mappings: readonly CodeMapping[], projectFolders: readonly string[], absolute: (file: string) => string): Finding[] {
  const atRisk = codeFindings.filter((finding) => finding.severity !== 'info');
  const out: Finding[] = [];
  for (const workload of workloads) {
    const folders = codeFoldersOf(workload, mappings, projectFolders);
    const linked = atRisk.filter((finding) => folders.some((folder) => isInside(absolute(finding.location.file), folder)));
    if (linked.length === 0) continue;
    const counts = new Map<string, number>();
    for (const finding of linked) counts.set(finding.id, (counts.get(finding.id) ?? 0) + 1);
    const summary = [...counts].map(([id, count]) => `${id} x${count}`).join(', ');
    const first = linked[0]!.location;
    out.push(codeFinding('workload-code-at-risk', workload.location, `${workload.name} runs code with ${linked.length} finding(s) that break under Workload ID (${summary}); first at ${first.file}:${first.line}:${first.col}`));
  }
  return out;
}
