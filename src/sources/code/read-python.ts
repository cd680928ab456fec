import type { DeclaredDependency } from '../../model/code.js';
import { locate } from './text-location.js';

/** PEP 503: names compare lower-cased with runs of `-`, `_`, `.` as one `-`. */
export function normalizePythonName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

// A PEP 508 requirement: name, optional [extras], then the version specifiers up to a marker (;).
const REQUIREMENT = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(\(?[<>=!~][^;#]*?)?\)?\s*(?:;.*)?$/;

/** One PEP 508 requirement string, or null when it is not one (an option line, a URL). */
export function parseRequirement(requirement: string): { name: string; spec: string } | null {
  const match = REQUIREMENT.exec(requirement.trim());
  if (!match) return null;
  return { name: normalizePythonName(match[1]!), spec: (match[2] ?? '').replace(/^\(/, '').trim() };
}

/** requirements*.txt: one requirement a line; options (-r, -e, --hash), URLs and comments are skipped. */
export function readRequirements(file: string, text: string): DeclaredDependency[] {
  const at = locate(file, text);
  const out: DeclaredDependency[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    const content = line.replace(/\s+#.*$/, '').replace(/\\$/, '').trim();
    if (content && !content.startsWith('#') && !content.startsWith('-')) {
      const requirement = parseRequirement(content.split(/\s+--/)[0]!);
      const pinned = requirement?.spec.startsWith('==') && !requirement.spec.includes(',') && !requirement.spec.includes('*');
      if (requirement) out.push({ ecosystem: 'pypi', ...requirement, locked: pinned === true, location: at(offset + line.indexOf(content[0]!)) });
    }
    offset += line.length + 1;
  }
  return out;
}

/**
 * pyproject.toml, read as text: PEP 621 requirement strings (`"azure-identity>=1.13"` in any
 * array) and Poetry tables (`azure-identity = "^1.13"` or `{ version = "^1.13" }`).
 */
export function readPyproject(file: string, text: string): DeclaredDependency[] {
  const at = locate(file, text);
  const out: DeclaredDependency[] = [];
  let section = '';
  // The key of the array the line is in, while inside one (`dependencies = [` ... `]`).
  let arrayKey: string | null = null;
  let offset = 0;
  for (const line of text.split('\n')) {
    const header = /^\s*\[+([^\]"']+)\]+\s*$/.exec(line);
    if (header) {
      section = header[1]!.trim();
      arrayKey = null;
    }
    const opens = /^\s*([A-Za-z0-9_."-]+)\s*=\s*\[/.exec(line);
    if (opens) arrayKey = opens[1]!.replace(/"/g, '');
    const poetry = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|\{[^}]*\bversion\s*=\s*["']([^"']*)["'])/.exec(line);
    if (!header && poetry && section.includes('poetry') && /(^|\.)(dependencies|dev-dependencies)$|\.group\.[^.]+\.dependencies$/.test(section)) {
      if (normalizePythonName(poetry[1]!) !== 'python') {
        out.push({ ecosystem: 'pypi', name: normalizePythonName(poetry[1]!), spec: poetry[2] ?? poetry[3] ?? poetry[4] ?? '', locked: false, location: at(offset + line.indexOf(poetry[1]!)) });
      }
    } else if (arrayKey !== null && (/depend|requires/.test(arrayKey) || /optional-dependencies|dependency-groups/.test(section))) {
      for (const quoted of line.slice(opens ? line.indexOf('[') : 0).matchAll(/"([^"]+)"|'([^']+)'/g)) {
        const requirement = parseRequirement(quoted[1] ?? quoted[2]!);
        if (requirement) out.push({ ecosystem: 'pypi', ...requirement, locked: false, location: at(offset + (opens ? line.indexOf('[') : 0) + quoted.index!) });
      }
    }
    if (arrayKey !== null && line.includes(']') && !/^\s*\[/.test(line)) arrayKey = null;
    offset += line.length + 1;
  }
  return out;
}

/** poetry.lock: `[[package]]` tables with `name = "..."` and `version = "..."`. */
export function readPoetryLock(file: string, text: string): DeclaredDependency[] {
  const at = locate(file, text);
  const out: DeclaredDependency[] = [];
  let name: { value: string; offset: number } | null = null;
  let offset = 0;
  for (const line of text.split('\n')) {
    if (/^\[\[package\]\]/.test(line)) name = null;
    const nameMatch = /^name\s*=\s*"([^"]+)"/.exec(line);
    if (nameMatch) name = { value: normalizePythonName(nameMatch[1]!), offset };
    const version = /^version\s*=\s*"([^"]+)"/.exec(line);
    if (version && name) {
      out.push({ ecosystem: 'pypi', name: name.value, spec: version[1]!, locked: true, location: at(name.offset) });
      name = null;
    }
    offset += line.length + 1;
  }
  return out;
}
