/**
 * Service-principal identities (pod identity types 1 and 2) need their federated credentials on
 * the app registration, in Microsoft Graph, which `federate --apply` does not write. This emits
 * what a person with rights on the app runs after review: an idempotent az script
 * (`az ad app federated-credential create`) and the Graph request bodies. Pure.
 */
import type { AppRegistrationWork } from '../federation-targets.js';
import { shellWord, type EmittedFile } from './emitted-file.js';

export const APP_REGISTRATION_NOTICE = 'NOT APPLIED by wimigrate: service-principal identities (types 1 and 2) take the credential on their app registration (Microsoft Graph). Review, then run these with rights on the app.';

export interface GraphRequest {
  method: 'POST';
  url: string;
  body: { name: string; issuer: string; subject: string; audiences: string[]; description: string };
}

export function graphRequests(apps: readonly AppRegistrationWork[]): GraphRequest[] {
  return apps.flatMap((app) =>
    app.credentials.map((credential) => ({
      method: 'POST' as const,
      url: `https://graph.microsoft.com/v1.0/applications(appId='${app.clientId}')/federatedIdentityCredentials`,
      body: { name: credential.name, issuer: credential.issuer, subject: credential.subject, audiences: credential.audiences, description: `wimigrate: ${credential.serves}`.slice(0, 600) },
    })),
  );
}

export function azAppCommands(apps: readonly AppRegistrationWork[]): string[] {
  return graphRequests(apps).map((request) => {
    const appId = /appId='([^']+)'/.exec(request.url)?.[1] ?? '';
    return `az ad app federated-credential create --id ${shellWord(appId)} --parameters ${shellWord(JSON.stringify(request.body))}`;
  });
}

export function emitAppRegistrations(apps: readonly AppRegistrationWork[]): EmittedFile[] {
  if (apps.length === 0) return [];
  const lines = ['#!/usr/bin/env bash', `# ${APP_REGISTRATION_NOTICE}`, '# Safe to run again: a credential with the same issuer and subject is left as it is.', 'set -euo pipefail'];
  for (const request of graphRequests(apps)) {
    const appId = /appId='([^']+)'/.exec(request.url)?.[1] ?? '';
    const { issuer, subject } = request.body;
    lines.push(
      '',
      `# ${request.body.description}`,
      `if [ "$(az ad app federated-credential list --id ${shellWord(appId)} --query ${shellWord(`length([?issuer=='${issuer}' && subject=='${subject}'])`)} --output tsv)" = "0" ]; then`,
      `  az ad app federated-credential create --id ${shellWord(appId)} --parameters ${shellWord(JSON.stringify(request.body))} --output none`,
      'fi',
    );
  }
  return [
    { path: 'app-registration-credentials.sh', text: `${lines.join('\n')}\n` },
    { path: 'app-registration-credentials.graph.json', text: `${JSON.stringify({ notice: APP_REGISTRATION_NOTICE, requests: graphRequests(apps) }, null, 2)}\n` },
  ];
}
