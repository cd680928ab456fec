import { describe, expect, it } from 'vitest';
import { renderFederateText, type FederateReport } from '../../src/reporters/federate-report.js';

const row = (name: string, subject: string, state: FederateReport['identities'][number]['credentials'][number]['state'], detail: string | null = null) => ({
  name,
  issuer: 'https://issuer/',
  subject,
  audiences: ['api://AzureADTokenExchange'],
  serves: '',
  state,
  detail,
});

const report: FederateReport = {
  schemaVersion: 1,
  mode: 'apply',
  identities: [
    {
      resourceId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-a',
      subscriptionId: 's',
      resourceGroup: 'rg',
      name: 'id-a',
      status: 'ok',
      location: 'westeurope',
      clientId: 'c',
      principalId: 'p',
      tenantId: 't',
      createdIdentity: false,
      credentials: [row('wimigrate-a-one', 'system:serviceaccount:a:one', 'create'), row('wimigrate-a-two', 'system:serviceaccount:a:two', 'present', 'exists as by-hand'), row('wimigrate-a-x', 'system:serviceaccount:a:x', 'conflict', 'name taken')],
      created: ['wimigrate-a-one'],
      deleted: [],
      prunable: ['wimigrate-old'],
      error: null,
    },
    {
      resourceId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-b',
      subscriptionId: 's',
      resourceGroup: 'rg',
      name: 'id-b',
      status: 'failed',
      location: null,
      clientId: null,
      principalId: null,
      tenantId: null,
      createdIdentity: false,
      credentials: [],
      created: [],
      deleted: [],
      prunable: [],
      error: { operation: 'userAssignedIdentities.get', status: 403, code: 'AuthorizationFailed', message: 'no rights' },
    },
  ],
  appRegistrations: null,
  unplaced: [],
  aksCutover: null,
  emitted: [],
  identityMap: null,
  resumed: [],
  propagation: null,
};

describe('federate text report', () => {
  it('prints a table per identity, the error with API and status, and a summary', () => {
    expect(renderFederateText(report)).toBe(
      [
        'Identity id-a  (resource group rg, subscription s)',
        '  status: ok; location: westeurope; client id: c; principal id: p; tenant: t',
        '  STATE     NAME             SUBJECT                      NOTE',
        '  created   wimigrate-a-one  system:serviceaccount:a:one',
        '  present   wimigrate-a-two  system:serviceaccount:a:two  exists as by-hand',
        '  conflict  wimigrate-a-x    system:serviceaccount:a:x    name taken',
        '  made by wimigrate, no longer planned (removed only with --prune): wimigrate-old',
        '',
        'Identity id-b  (resource group rg, subscription s)',
        '  status: FAILED',
        '  error: userAssignedIdentities.get answered HTTP 403 AuthorizationFailed: no rights',
        '',
        'federate (applied): 1 created, 0 to create, 1 present, 1 conflicting, 0 over the limit, 1 identity(ies) failed.',
        '',
      ].join('\n'),
    );
  });
});
