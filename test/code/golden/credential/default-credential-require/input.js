'use strict';
const { ManagedIdentityCredential } = require('@azure/identity');

function makeCredential(clientId) {
  return new ManagedIdentityCredential({ clientId });
}

const shared = new ManagedIdentityCredential({
  clientId: process.env.SHARED_CLIENT_ID,
  additionallyAllowedTenants: ['*'],
});

module.exports = { makeCredential, shared };
