'use strict';
const { DefaultAzureCredential } = require('@azure/identity');

function makeCredential(clientId) {
  return new DefaultAzureCredential({ workloadIdentityClientId: clientId });
}

const shared = new DefaultAzureCredential({
  workloadIdentityClientId: process.env.SHARED_CLIENT_ID,
  additionallyAllowedTenants: ['*'],
});

module.exports = { makeCredential, shared };
