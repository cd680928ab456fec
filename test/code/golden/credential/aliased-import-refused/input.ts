import { ManagedIdentityCredential as MsiCredential } from '@azure/identity';

export const credential = new MsiCredential('7e7e7e7e-0000-4000-8000-000000000000');
