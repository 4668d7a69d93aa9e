// GosAnalytics on Azure: one resource group holding a Flex Consumption function app, its storage
// account (pipeline data + host state + deployment packages), monitoring and a Key Vault for
// platform tokens. Everything authenticates with one user-assigned managed identity; no keys or
// connection strings with secrets exist anywhere.
//
// Deploy with `azd up` (azure.yaml at the repo root), or see docs/deploy.md for plain az CLI.
targetScope = 'subscription'

// ---------------------------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------------------------

@minLength(1)
@maxLength(64)
@description('Name of the azd environment (e.g. "gos-dev"). Names the resource group rg-<environmentName> and seeds the unique resource token.')
param environmentName string

@minLength(1)
@description('Azure region for all resources. It must offer the Flex Consumption plan (az functionapp list-flexconsumption-locations).')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Object id of the person or pipeline that deploys. Gets data-plane roles on storage, App Insights and Key Vault so that local tools and `azd` can work with the same data. Empty = the identity running the deployment.')
param principalId string = ''

@description('Kind of principal in principalId. Use ServicePrincipal when a CI pipeline deploys.')
@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param principalType string = 'User'

@description('Upper bound of Flex Consumption instances (40–1000). Collecting is bounded by the platforms\' rate limits, so more instances mostly speed up scoring/aggregation.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Memory per Flex Consumption instance, in MB. 2048 leaves room for the ML.NET model and ranking snapshots.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('NCRONTAB (six fields, seconds first) of the daily run, in UTC: Flex Consumption on Linux ignores WEBSITE_TIME_ZONE. Default 00:30 UTC = 03:30 Moscow (UTC+3), after the Moscow day is complete.')
param dailyRunSchedule string = '0 30 0 * * *'

@description('Where pages and posts come from: "demo" (deterministic generated region, no credentials) or "platforms" (the VK, OK and Telegram collectors on the registry\'s pages; tokens as Key Vault references in additionalAppSettings).')
@allowed([
  'demo'
  'platforms'
])
param pipelineSource string = 'demo'

@description('Demo source: subject code of the generated region (28 = Amur oblast).')
param demoRegionCode int = 28

@description('Demo source: number of generated pages (Amur oblast runs 1,188).')
param demoPageCount int = 1188

@description('Demo source: random seed of the generated region. Empty = the app\'s built-in default.')
param demoSeed string = ''

@description('Optional overrides of the quality-index weights, component name → weight as a string (Bicep has no decimal literals), e.g. { engagement: \'0.30\', growth: \'0\' }. Each becomes app setting Index__Weights__<name>; components not named keep the app\'s defaults (docs/metrics.md).')
param indexWeights object = {}

@description('Further app settings, name → value, e.g. Key Vault references for platform tokens. Declared here so that re-provisioning keeps them (the app settings resource replaces the whole set).')
param additionalAppSettings object = {}

// ---------------------------------------------------------------------------------------------
// Names and tags
// ---------------------------------------------------------------------------------------------

var abbrs = loadJsonContent('./abbreviations.json')

// Stable per subscription + environment + region: re-deploying the same environment updates the
// same resources, a new environment gets new globally unique names.
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))

var tags = {
  'azd-env-name': environmentName
  application: 'gosanalytics'
}

var functionAppName = '${abbrs.webSitesFunctions}api-${resourceToken}'

// Flex Consumption pulls the deployment package from this blob container (one per app).
var deploymentContainerName = 'app-package-${take(functionAppName, 32)}-${take(resourceToken, 7)}'

// The identity that deploys: the given principal, or whoever runs the deployment.
var deployerPrincipalId = empty(principalId) ? deployer().objectId : principalId

// The pipeline's storage contract (see functions/GosAnalytics.Pipeline/Storage). Declared up
// front so that nothing depends on the app creating containers, tables or queues on first use.
var blobContainerNames = [
  'raw' // raw platform snapshots, one blob per (run, platform, batch)
  'scored' // per-batch scoring results
  'rankings' // ranking snapshots served by the HTTP API
  'models' // content-quality model registry: {version}/model.zip, {version}/manifest.json, current.json
  deploymentContainerName
]

var tableNames = [
  'runs' // one row per daily run
  'runbatches' // the batches of a run: their pages and subscriber history, written when the run is planned
  'runprogress' // which batches of a run are collected and scored, in 16 shards per step (the fan-in)
  'pages' // page registry, with each page's availability and subscriber counts of the last 40 days
  'pagemetrics' // per-page metrics and scores by day
  'rateslots' // next send time of each rate-limited platform token, shared by all instances
  'maxchannels' // MAX chats the bot was added to (the operator's pending list) and the development long-poll marker
]

// Each pipeline queue and its -poison twin. The Functions host would create the poison queue on
// the first failure, but declaring it lets alerts and dashboards reference it from day one.
var queueNames = [
  'collect'
  'collect-poison'
  'score'
  'score-poison'
  'aggregate'
  'aggregate-poison'
]

// ---------------------------------------------------------------------------------------------
// Resources
// ---------------------------------------------------------------------------------------------

resource rg 'Microsoft.Resources/resourceGroups@2024-11-01' = {
  name: '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

// One user-assigned identity for the app: it is known before the app exists, so role
// assignments, the deployment-storage authentication and Key Vault references can all use it.
module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: '${abbrs.managedIdentityUserAssignedIdentities}api-${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: '${abbrs.storageStorageAccounts}${resourceToken}'
    location: location
    tags: tags
    containerNames: blobContainerNames
    tableNames: tableNames
    queueNames: queueNames
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: '${abbrs.insightsComponents}${resourceToken}'
    location: location
    tags: tags
  }
}

module keyVault 'app/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: '${abbrs.keyVaultVaults}${resourceToken}'
    location: location
    tags: tags
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    keyVaultName: keyVault.outputs.name
    appPrincipalId: identity.outputs.principalId
    deployerPrincipalId: deployerPrincipalId
    deployerPrincipalType: principalType
  }
}

module api 'app/api.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: functionAppName
    planName: '${abbrs.webServerFarms}${resourceToken}'
    location: location
    tags: tags
    serviceName: 'api'
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageBlobEndpoint: storage.outputs.primaryBlobEndpoint
    storageQueueEndpoint: storage.outputs.primaryQueueEndpoint
    storageTableEndpoint: storage.outputs.primaryTableEndpoint
    deploymentContainerName: deploymentContainerName
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    // The app's own settings; names follow .NET configuration ("__" = section separator).
    appSettings: {
      // Timer trigger schedule, read as %DailyRunSchedule%. UTC (see the parameter).
      DailyRunSchedule: dailyRunSchedule
      Pipeline__Source: pipelineSource
      Demo__RegionCode: string(demoRegionCode)
      Demo__PageCount: string(demoPageCount)
      // MAX's long-poll is for development; on Azure the bot's webhook (POST /api/max/webhook) brings the updates, so the
      // 10-second poll timer stays off. additionalAppSettings can turn it on.
      'AzureWebJobs.PollMaxUpdates.Disabled': 'true'
    }
    optionalAppSettings: union(
      empty(demoSeed) ? {} : { Demo__Seed: demoSeed },
      toObject(items(indexWeights), w => 'Index__Weights__${w.key}', w => string(w.value)),
      additionalAppSettings
    )
  }
  // The host needs its storage roles before it starts, or the first start fails and backs off.
  dependsOn: [
    rbac
  ]
}

// ---------------------------------------------------------------------------------------------
// Outputs (azd stores them as environment variables of the environment)
// ---------------------------------------------------------------------------------------------

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_NAME string = api.outputs.name
output AZURE_FUNCTION_URI string = api.outputs.uri
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.outputs.primaryBlobEndpoint
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_URI string = keyVault.outputs.uri
output AZURE_MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
