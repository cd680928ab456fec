const { ManagedIdentityCredential } = await import('@azure/identity');

export const credential = new ManagedIdentityCredential('0f0f0f0f-0000-4000-8000-000000000000');
