const fs = require('fs');

const tokenFile = process.env.AZURE_FEDERATED_TOKEN_FILE;

exports.token = () => fs.readFileSync(tokenFile, 'utf8');
