module github.com/contoso/search-indexer

go 1.21

require (
	github.com/Azure/azure-sdk-for-go/sdk/azcore v1.4.0
	github.com/Azure/azure-sdk-for-go/sdk/azidentity v1.2.0
	github.com/Azure/azure-sdk-for-go/sdk/storage/azblob v1.0.0
)

require (
	github.com/AzureAD/microsoft-authentication-library-for-go v0.8.1 // indirect
	golang.org/x/net v0.8.0 // indirect
)
