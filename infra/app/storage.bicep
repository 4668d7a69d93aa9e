// The one storage account of the app: the Functions host's own state (AzureWebJobsStorage: keys,
// timer schedule monitor, singleton locks), the pipeline's blobs, tables and queues, and the
// Flex Consumption deployment package. Access is Entra ID only.
@description('Storage account name (3–24 lowercase letters and digits, globally unique).')
@minLength(3)
@maxLength(24)
param name string
param location string
param tags object

@description('Blob containers to create.')
param containerNames string[]

@description('Tables to create.')
param tableNames string[]

@description('Queues to create.')
param queueNames string[]

@description('Days a raw snapshot (raw/{run}/…) is kept: the trainer retrains from them (docs/operations.md, "Retention").')
@minValue(1)
param rawRetentionDays int = 35

@description('Days a scored batch (scored/{run}/…) is kept: only the latest run\'s are read, by page profiles.')
@minValue(1)
param scoredRetentionDays int = 35

@description('Days the ranking and content tables of a run (rankings/{run}/…) are kept; the latest-run pointer is never deleted.')
@minValue(1)
param rankingsRetentionDays int = 400

resource account 'Microsoft.Storage/storageAccounts@2025-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    // Locally redundant is enough: every blob and table row can be rebuilt by re-running a day.
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    // Managed identity only: no account keys, no SAS signed with them, nothing secret to leak.
    allowSharedKeyAccess: false
    // Rankings are served through the HTTP API, never straight from Blob Storage.
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    // Flex Consumption reaches storage over the public endpoint unless the app is VNet-integrated.
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }

  resource blobServices 'blobServices' = {
    name: 'default'
    properties: {
      // Lets an accidentally deleted snapshot be restored for a week.
      deleteRetentionPolicy: {
        enabled: true
        days: 7
      }
    }

    resource containers 'containers' = [
      for containerName in containerNames: {
        name: containerName
        properties: {
          publicAccess: 'None'
        }
      }
    ]
  }

  resource tableServices 'tableServices' = {
    name: 'default'

    resource tables 'tables' = [
      for tableName in tableNames: {
        name: tableName
      }
    ]
  }

  resource queueServices 'queueServices' = {
    name: 'default'

    resource queues 'queues' = [
      for queueName in queueNames: {
        name: queueName
      }
    ]
  }
}

// Daily documents age out; the model registry, the latest-run pointer and the tables are not touched (docs/operations.md).
resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2025-01-01' = {
  parent: account
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          enabled: true
          name: 'raw-snapshots'
          type: 'Lifecycle'
          definition: {
            filters: { blobTypes: ['blockBlob'], prefixMatch: ['raw/'] }
            actions: { baseBlob: { delete: { daysAfterModificationGreaterThan: rawRetentionDays } } }
          }
        }
        {
          enabled: true
          name: 'scored-batches'
          type: 'Lifecycle'
          definition: {
            filters: { blobTypes: ['blockBlob'], prefixMatch: ['scored/'] }
            actions: { baseBlob: { delete: { daysAfterModificationGreaterThan: scoredRetentionDays } } }
          }
        }
        {
          enabled: true
          name: 'run-rankings'
          type: 'Lifecycle'
          definition: {
            // Run ids are days (2026-12-06), so "rankings/2" matches every run's documents and not latest.json.
            filters: { blobTypes: ['blockBlob'], prefixMatch: ['rankings/2'] }
            actions: { baseBlob: { delete: { daysAfterModificationGreaterThan: rankingsRetentionDays } } }
          }
        }
      ]
    }
  }
}

output id string = account.id
output name string = account.name
output primaryBlobEndpoint string = account.properties.primaryEndpoints.blob
output primaryQueueEndpoint string = account.properties.primaryEndpoints.queue
output primaryTableEndpoint string = account.properties.primaryEndpoints.table
