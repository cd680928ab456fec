import * as identity from '@azure/identity';

export const credential = new identity.WorkloadIdentityCredential();
