using System.Text.Json.Nodes;

namespace GosAnalytics.Infra.Tests;

/// <summary>Compiles infra/main.bicep offline with the Bicep CLI and checks what it would deploy.</summary>
public sealed class MainTemplateTests(CompiledMainTemplate compiled) : IClassFixture<CompiledMainTemplate>
{
    [Fact]
    public void Main_template_compiles_without_warnings()
    {
        Assert.True(compiled.Build.ExitCode == 0, $"bicep build exited with {compiled.Build.ExitCode}:\n{compiled.Build.StandardError}");
        // Bicep writes every diagnostic (errors, warnings, linter findings of all modules) to stderr.
        Assert.True(string.IsNullOrWhiteSpace(compiled.Build.StandardError), $"bicep build reported:\n{compiled.Build.StandardError}");
        Assert.Contains("subscriptionDeploymentTemplate", (string?)compiled.Main["$schema"]);
    }

    [Fact]
    public void Storage_declares_the_collect_score_and_aggregate_queues_and_their_poison_twins()
    {
        var queues = Strings(compiled.ModuleArgument("storage", "queueNames"));

        Assert.Equal(
            ["aggregate", "aggregate-poison", "collect", "collect-poison", "score", "score-poison"],
            queues.Order(StringComparer.Ordinal));
        Assert.Single(compiled.ResourcesOfType("storage", "Microsoft.Storage/storageAccounts/queueServices/queues"));
    }

    [Fact]
    public void Storage_declares_the_pipeline_blob_containers_and_tables()
    {
        var containers = Strings(compiled.ModuleArgument("storage", "containerNames"));
        var tables = Strings(compiled.ModuleArgument("storage", "tableNames"));

        Assert.Superset(new HashSet<string> { "raw", "scored", "rankings", "models" }, containers.ToHashSet());
        Assert.Equal(
            ["maxchannels", "pagemetrics", "pages", "rateslots", "runbatches", "runprogress", "runs"],
            tables.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Storage_account_allows_neither_shared_keys_nor_public_blobs()
    {
        var account = Assert.Single(compiled.ResourcesOfType("storage", "Microsoft.Storage/storageAccounts"));
        var properties = account["properties"]!;

        Assert.False((bool)properties["allowSharedKeyAccess"]!);
        Assert.False((bool)properties["allowBlobPublicAccess"]!);
        Assert.Equal("TLS1_2", (string?)properties["minimumTlsVersion"]);
    }

    [Fact]
    public void Daily_run_schedule_is_an_app_setting_that_defaults_to_00_30_utc()
    {
        var appSettings = compiled.ModuleArgument("api", "appSettings")!.AsObject();

        Assert.True(appSettings.ContainsKey("DailyRunSchedule"));
        Assert.Equal("0 30 0 * * *", (string?)CompiledMainTemplate.Resolve(compiled.Main, appSettings["DailyRunSchedule"]));
        Assert.Equal("demo", (string?)CompiledMainTemplate.Resolve(compiled.Main, appSettings["Pipeline__Source"]));
        Assert.Equal("true", (string?)CompiledMainTemplate.Resolve(compiled.Main, appSettings["AzureWebJobs.PollMaxUpdates.Disabled"])); // the webhook serves Azure
    }

    [Fact]
    public void Function_app_runs_dotnet_isolated_10_on_a_flex_consumption_plan()
    {
        var plan = Assert.Single(compiled.ResourcesOfType("api", "Microsoft.Web/serverfarms"));
        var site = Assert.Single(compiled.ResourcesOfType("api", "Microsoft.Web/sites"));
        var config = site["properties"]!["functionAppConfig"]!;

        Assert.Equal("FC1", (string?)plan["sku"]!["name"]);
        Assert.Equal("FlexConsumption", (string?)plan["sku"]!["tier"]);
        Assert.Equal("functionapp,linux", (string?)site["kind"]);
        Assert.Equal("dotnet-isolated", (string?)config["runtime"]!["name"]);
        Assert.Equal("10.0", (string?)config["runtime"]!["version"]);
        Assert.Equal("UserAssignedIdentity", (string?)config["deployment"]!["storage"]!["authentication"]!["type"]);
        Assert.Equal(2048, (int)compiled.ModuleArgument("api", "instanceMemoryMB")!);
        Assert.Equal(100, (int)compiled.ModuleArgument("api", "maximumInstanceCount")!);
    }

    [Fact]
    public void Host_storage_connection_uses_the_managed_identity_for_blobs_queues_and_tables()
    {
        var settings = Assert.Single(compiled.ResourcesOfType("api", "Microsoft.Web/sites/config"));
        // The settings object is one union(...) expression; its literal part names each setting.
        var expression = (string)settings["properties"]!;

        Assert.Contains("'AzureWebJobsStorage__credential', 'managedidentity'", expression);
        foreach (var name in new[] { "clientId", "blobServiceUri", "queueServiceUri", "tableServiceUri" })
        {
            Assert.Contains($"'AzureWebJobsStorage__{name}'", expression);
        }

        Assert.DoesNotContain("AccountKey", compiled.Build.StandardOutput);
    }

    [Fact]
    public void App_identity_may_read_key_vault_secrets_and_no_secret_is_created()
    {
        var keyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
        var rbac = compiled.ModuleTemplate("rbac");

        Assert.Contains(keyVaultSecretsUser, rbac["variables"]!.ToJsonString());
        Assert.Contains(
            compiled.ResourcesOfType("rbac", "Microsoft.Authorization/roleAssignments"),
            r => r["properties"]!.ToJsonString().Contains("keyVaultSecretsUser", StringComparison.Ordinal)
                 && (string?)r["properties"]!["principalType"] == "ServicePrincipal");
        Assert.True((bool)Assert.Single(compiled.ResourcesOfType("keyvault", "Microsoft.KeyVault/vaults"))["properties"]!["enableRbacAuthorization"]!);
        Assert.DoesNotContain("Microsoft.KeyVault/vaults/secrets", compiled.Build.StandardOutput);
    }

    [Fact]
    public void Application_insights_accepts_only_entra_id_authenticated_telemetry()
    {
        var component = Assert.Single(compiled.ResourcesOfType("monitoring", "Microsoft.Insights/components"));

        Assert.True((bool)component["properties"]!["DisableLocalAuth"]!);
    }

    [Fact]
    public void The_app_sends_its_opentelemetry_to_application_insights_with_its_managed_identity()
    {
        // The app settings are one union() expression; the connection string is the monitoring module's output.
        var settings = (string)Assert.Single(compiled.ResourcesOfType("api", "Microsoft.Web/sites/config"))["properties"]!;
        var connectionString = (string)compiled.Module("api")["properties"]!["parameters"]!["applicationInsightsConnectionString"]!["value"]!;

        Assert.Contains("'APPLICATIONINSIGHTS_CONNECTION_STRING', parameters('applicationInsightsConnectionString')", settings, StringComparison.Ordinal);
        Assert.Contains("'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', format('ClientId={0};Authorization=AAD', parameters('identityClientId'))", settings, StringComparison.Ordinal);
        Assert.Matches(@"'monitoring'\), '[0-9-]+'\)\.outputs\.applicationInsightsConnectionString\.value\]$", connectionString);
    }

    private static List<string> Strings(JsonNode? node) =>
        node is JsonArray array
            ? array.Select(item => (string)item!).ToList()
            : throw new InvalidOperationException($"Expected a literal array, got {node?.ToJsonString() ?? "null"}.");
}
