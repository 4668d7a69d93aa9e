// The function app on the Flex Consumption plan (FC1, Linux): .NET 10 isolated worker, scaled per
// function by queue length, deployed from a blob container, running as one user-assigned identity.
@description('Function app name (globally unique; also the default host name).')
param name string
@description('Flex Consumption plan name.')
param planName string
param location string
param tags object

@description('azd service name from azure.yaml; azd finds the app to deploy by this tag.')
param serviceName string = 'api'

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string
@description('Client id of that identity (managed-identity credentials select it by client id).')
param identityClientId string

@description('Primary endpoints of the app\'s storage account, e.g. https://<account>.blob.core.windows.net/.')
param storageBlobEndpoint string
param storageQueueEndpoint string
param storageTableEndpoint string

@description('Blob container in that account holding the deployment package.')
param deploymentContainerName string

@description('Application Insights connection string (not a secret: local auth is disabled).')
param applicationInsightsConnectionString string

@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('The app\'s own settings (schedule, source, demo region).')
param appSettings object

@description('Optional app settings that are only set when given (weights, demo seed, tokens).')
param optionalAppSettings object = {}

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    // Linux: Flex Consumption runs on Linux only.
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2024-11-01' = {
  name: name
  location: location
  tags: union(tags, {
    'azd-service-name': serviceName
  })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references (@Microsoft.KeyVault(...)) resolve with this identity; without it the
    // platform would try a system-assigned identity, which this app does not have.
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          // `azd deploy` / `func azure functionapp publish` upload the zip here; instances pull it
          // with the managed identity (Storage Blob Data Owner on the account).
          type: 'blobContainer'
          value: '${storageBlobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      // On Flex the runtime is declared here, not with FUNCTIONS_WORKER_RUNTIME /
      // FUNCTIONS_EXTENSION_VERSION app settings (those are rejected on this plan).
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }

  // The complete app settings set: this resource replaces whatever was there, so settings added
  // by hand in the portal or CLI are lost on the next provision; add lasting ones through the
  // additionalAppSettings parameter of main.bicep instead.
  resource settings 'config' = {
    name: 'appsettings'
    properties: union(
      {
        // Host storage through the managed identity instead of a connection string with a key.
        // The queue and table URIs are needed too: queue triggers and the pipeline's tables use
        // the same AzureWebJobsStorage connection.
        AzureWebJobsStorage__credential: 'managedidentity'
        AzureWebJobsStorage__clientId: identityClientId
        AzureWebJobsStorage__blobServiceUri: storageBlobEndpoint
        AzureWebJobsStorage__queueServiceUri: storageQueueEndpoint
        AzureWebJobsStorage__tableServiceUri: storageTableEndpoint

        // Telemetry with Entra ID auth (the component has local auth disabled).
        APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
        APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'

        // Makes DefaultAzureCredential in the app's own SDK clients pick this user-assigned
        // identity (with several or only user-assigned identities it cannot guess).
        AZURE_CLIENT_ID: identityClientId

        // Platform tokens come from Key Vault, never as plain values. Example for the first VK
        // token of the pool, once secret "vk-token-0" exists in the vault created by
        // keyvault.bicep (output AZURE_KEY_VAULT_URI); pass it through main.bicep's
        // additionalAppSettings parameter (see docs/deploy.md). No trailing version = always
        // the latest version of the secret.
        // Vk__Tokens__0__Token: '@Microsoft.KeyVault(SecretUri=https://<vault-name>.vault.azure.net/secrets/vk-token-0/)'
      },
      appSettings,
      optionalAppSettings
    )
  }
}

output id string = app.id
output name string = app.name
output uri string = 'https://${app.properties.defaultHostName}'
output planId string = plan.id
