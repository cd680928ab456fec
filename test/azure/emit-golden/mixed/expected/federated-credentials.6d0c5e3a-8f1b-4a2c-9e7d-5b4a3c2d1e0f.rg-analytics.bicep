// Federated identity credentials planned by wimigrate.
// Deploy: az deployment group create --subscription 6d0c5e3a-8f1b-4a2c-9e7d-5b4a3c2d1e0f --resource-group rg-analytics --template-file <this file>
// Credentials of one identity are written one at a time (@batchSize(1)): parallel writes fail with 409.

resource identity1 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: 'id-analytics'
}

var identity1Credentials = [
  {
    name: 'wimigrate-analytics-analytics-wi'
    issuer: 'https://westeurope.oic.prod-aks.azure.com/72f988bf-86f1-41af-91ab-2d7cd011db47/5a3b1c2d-0e4f-4a5b-8c6d-7e8f9a0b1c2d/'
    subject: 'system:serviceaccount:analytics:analytics-wi'
  }
]

@batchSize(1)
resource identity1Federation 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = [for credential in identity1Credentials: {
  parent: identity1
  name: credential.name
  properties: {
    issuer: credential.issuer
    subject: credential.subject
    audiences: ['api://AzureADTokenExchange']
  }
}]
