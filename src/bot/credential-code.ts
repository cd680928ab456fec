import { emitAppRegistrations } from '../azure/emit/app-registrations.js';
import { emitArm } from '../azure/emit/arm.js';
import { emitAz } from '../azure/emit/az.js';
import { emitBicep } from '../azure/emit/bicep.js';
import type { EmittedFile } from '../azure/emit/emitted-file.js';
import { emitTerraform } from '../azure/emit/terraform.js';
import { federationTargets } from '../azure/federation-targets.js';
import type { MigrationPlan } from '../model/plan.js';
import type { EmittedCode } from './pr-body.js';

export const CREDENTIAL_CODE_KINDS = ['az', 'bicep', 'terraform', 'arm'] as const;
export type CredentialCodeKind = (typeof CREDENTIAL_CODE_KINDS)[number];

const EMITTERS: Record<CredentialCodeKind, { title: string; emit: typeof emitAz }> = {
  az: { title: 'Azure CLI', emit: emitAz },
  bicep: { title: 'Bicep', emit: emitBicep },
  terraform: { title: 'Terraform', emit: emitTerraform },
  arm: { title: 'ARM template', emit: emitArm },
};

const LANGUAGE: Record<string, string> = { '.sh': 'bash', '.bicep': 'bicep', '.tf': 'hcl', '.json': 'json', '.http': 'http', '.md': 'markdown' };

/**
 * The code `wimigrate federate --emit` writes (its emitters, pure), as pull request sections:
 * one fold per emitted file, the app registration commands once.
 */
export function credentialCode(plan: Pick<MigrationPlan, 'federatedCredentials' | 'roleIdentities'>, kinds: readonly CredentialCodeKind[]): EmittedCode[] {
  if (kinds.length === 0 || plan.federatedCredentials.length === 0) return [];
  const targets = federationTargets(plan);
  const code: EmittedCode[] = [];
  const add = (title: string, files: readonly EmittedFile[]) => {
    for (const file of files) code.push({ language: LANGUAGE[extension(file.path)] ?? '', title: `${title}: ${file.path}`, code: file.text });
  };
  for (const kind of kinds) add(EMITTERS[kind].title, EMITTERS[kind].emit(targets));
  add('App registrations', emitAppRegistrations(targets.appRegistrations));
  return code;
}

function extension(file: string): string {
  const dot = file.lastIndexOf('.');
  return dot < 0 ? '' : file.slice(dot);
}
