const fs = require('fs');

const tokenFile = process.env.AZURE_FEDERATED_TOKEN_FILE || "/var/run/secrets/azure/tokens/azure-identity-token";

exports.token = () => fs.readFileSync(tokenFile, 'utf8');
