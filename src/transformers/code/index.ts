import type { Codemod } from './codemod.js';
import { credentialCodemod } from './credential-codemod.js';
import { manifestCodemod } from './manifest-codemod.js';
import { tokenPathCodemod } from './token-path-codemod.js';

/** Every codemod over JavaScript and TypeScript sources; package.json ranges are raised apart. */
export const CODEMODS: readonly Codemod[] = [credentialCodemod, tokenPathCodemod, manifestCodemod];

export { applyTextEdits, type CodemodContext, type CredentialTarget, type TextEdit } from './codemod.js';
export { raisePackageJsonRanges } from './package-json-range.js';
