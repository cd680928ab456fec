import { ManagedIdentityCredential } from '@azure/identity';
import { SecretClient } from '@azure/keyvault-secrets';

// Pick the app's own identity: the pod has two.
const credential = new ManagedIdentityCredential('5a1b2c3d-0000-4000-8000-00000000beef');

export const secrets = new SecretClient('https://kv-orders.vault.azure.net', credential);
