// Federated identity credentials planned by wimigrate.
// Deploy: az deployment group create --subscription 2f6b7a10-4c1e-4d2a-9b3c-5e6f7a8b9c0d --resource-group rg-workload-identities --template-file <this file>
// Credentials of one identity are written one at a time (@batchSize(1)): parallel writes fail with 409.

@description('Azure region of the identities created for IAM roles')
param identityLocation string = resourceGroup().location

resource identity1 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'archiver'
  location: 'westeurope'
  tags: {
    'created-by': 'wimigrate'
    'wimigrate-source-role': 'arn:aws:iam::444455556666:role/archiver'
  }
}

var identity1Credentials = [
  {
    name: 'wimigrate-reports-archiver'
    issuer: 'https://westeurope.oic.prod-aks.azure.com/72f988bf-86f1-41af-91ab-2d7cd011db47/5a3b1c2d-0e4f-4a5b-8c6d-7e8f9a0b1c2d/'
    subject: 'system:serviceaccount:reports:archiver'
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

resource identity2 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'billing-invoicer'
  location: identityLocation
  tags: {
    'created-by': 'wimigrate'
    'wimigrate-source-role': 'arn:aws:iam::111122223333:role/billing-invoicer'
  }
}

var identity2Credentials = [
  {
    name: 'wimigrate-billing-invoicer'
    issuer: 'https://westeurope.oic.prod-aks.azure.com/72f988bf-86f1-41af-91ab-2d7cd011db47/5a3b1c2d-0e4f-4a5b-8c6d-7e8f9a0b1c2d/'
    subject: 'system:serviceaccount:billing:invoicer'
  }
]

@batchSize(1)
resource identity2Federation 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = [for credential in identity2Credentials: {
  parent: identity2
  name: credential.name
  properties: {
    issuer: credential.issuer
    subject: credential.subject
    audiences: ['api://AzureADTokenExchange']
  }
}]
