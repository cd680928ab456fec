// Federated identity credentials planned by wimigrate.
// Deploy: az deployment group create --subscription 2f6b7a10-4c1e-4d2a-9b3c-5e6f7a8b9c0d --resource-group rg-platform --template-file <this file>
// Credentials of one identity are written one at a time (@batchSize(1)): parallel writes fail with 409.

resource identity1 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: 'id-orders'
}

var identity1Credentials = [
  {
    name: 'wimigrate-orders-orders-api-wi'
    issuer: 'https://westeurope.oic.prod-aks.azure.com/72f988bf-86f1-41af-91ab-2d7cd011db47/5a3b1c2d-0e4f-4a5b-8c6d-7e8f9a0b1c2d/'
    subject: 'system:serviceaccount:orders:orders-api-wi'
  }
  {
    name: 'wimigrate-orders-orders-cron-wi'
    issuer: 'https://westeurope.oic.prod-aks.azure.com/72f988bf-86f1-41af-91ab-2d7cd011db47/5a3b1c2d-0e4f-4a5b-8c6d-7e8f9a0b1c2d/'
    subject: 'system:serviceaccount:orders:orders-cron-wi'
  }
  {
    name: 'wimigrate-orders-orders-worker-wi'
    issuer: 'https://westeurope.oic.prod-aks.azure.com/72f988bf-86f1-41af-91ab-2d7cd011db47/5a3b1c2d-0e4f-4a5b-8c6d-7e8f9a0b1c2d/'
    subject: 'system:serviceaccount:orders:orders-worker-wi'
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
