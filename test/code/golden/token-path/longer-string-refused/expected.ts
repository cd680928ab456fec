export const backup = '/var/run/secrets/azure/tokens/azure-identity-token.bak';
