// Key Vault for platform tokens (VK, OK, ...). Access is Azure RBAC only (no access policies);
// the roles are granted in rbac.bicep. No secrets are created here: operators add them and the
// app reads them through Key Vault references in its app settings (see docs/deploy.md).
@description('Key Vault name (3–24 letters, digits and hyphens, globally unique).')
@minLength(3)
@maxLength(24)
param name string
param location string
param tags object

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    // Authorise data-plane access with Azure RBAC roles instead of vault access policies.
    enableRbacAuthorization: true
    // Soft delete is always on; a deleted token can be recovered for 90 days.
    softDeleteRetentionInDays: 90
    // The app resolves references over the public endpoint (no VNet in this deployment).
    publicNetworkAccess: 'Enabled'
  }
}

output id string = vault.id
output name string = vault.name
output uri string = vault.properties.vaultUri
