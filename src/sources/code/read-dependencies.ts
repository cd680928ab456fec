import path from 'node:path';
import type { DeclaredDependency } from '../../model/code.js';
import { readMsbuildProject, readNugetLock } from './read-dotnet.js';
import { readGoMod } from './read-go-mod.js';
import { readGradle, readPom } from './read-java.js';
import { readNpmLockfile } from './read-npm-lockfile.js';
import { readPackageJson } from './read-package-json.js';
import { readPnpmLock } from './read-pnpm-lock.js';
import { readPoetryLock, readPyproject, readRequirements } from './read-python.js';
import { readVcpkg } from './read-vcpkg.js';
import { readYarnLock } from './read-yarn-lock.js';

type Reader = (file: string, text: string) => DeclaredDependency[];

/** The reader of a dependency file, by its name; null for any other file. */
export function dependencyReaderFor(file: string): Reader | null {
  const name = path.basename(file);
  const lower = name.toLowerCase();
  if (name === 'package.json') return readPackageJson;
  if (name === 'package-lock.json' || name === 'npm-shrinkwrap.json') return readNpmLockfile;
  if (name === 'yarn.lock') return readYarnLock;
  if (name === 'pnpm-lock.yaml') return readPnpmLock;
  if (/^requirements.*\.(txt|in)$/.test(lower)) return readRequirements;
  if (name === 'pyproject.toml') return readPyproject;
  if (name === 'poetry.lock') return readPoetryLock;
  if (/\.(cs|fs|vb)proj$/.test(lower) || lower === 'directory.packages.props' || lower === 'directory.build.props') return readMsbuildProject;
  if (name === 'packages.lock.json') return readNugetLock;
  if (name === 'pom.xml') return readPom;
  if (name === 'build.gradle' || name === 'build.gradle.kts') return readGradle;
  if (name === 'go.mod') return readGoMod;
  if (name === 'vcpkg.json') return readVcpkg;
  return null;
}
