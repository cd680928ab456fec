'use strict';
const msRestNodeAuth = require('@azure/ms-rest-nodeauth');
const { StorageManagementClient } = require('@azure/arm-storage');
const axios = require('axios');

const IDENTITY_RESOURCE_ID = process.env.INVOICE_IDENTITY_ID;

async function storageClient(subscriptionId) {
  if (process.env.AZURE_AUTH_METHOD === 'msi') {
    const credentials = await msRestNodeAuth.loginWithVmMSI({ resource: 'https://management.azure.com/' });
    return new StorageManagementClient(credentials, subscriptionId);
  }
  throw new Error('set AZURE_AUTH_METHOD');
}

// Key Vault tokens straight from IMDS, for the signing key.
async function keyVaultToken() {
  const response = await axios.get('http://169.254.169.254/metadata/identity/oauth2/token', {
    headers: { Metadata: 'true' },
    params: { 'api-version': '2018-02-01', resource: 'https://vault.azure.net', mi_res_id: IDENTITY_RESOURCE_ID },
  });
  return response.data.access_token;
}

module.exports = { storageClient, keyVaultToken };
