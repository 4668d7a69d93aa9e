using GosAnalytics.Storage;
using Microsoft.Extensions.Configuration;

namespace GosAnalytics.Pipeline.Tests;

/// <summary>How the storage settings are read, and what a wrong one says: the setting's name, never its secret.</summary>
public sealed class StorageConfigurationTests
{
    [Fact]
    public void A_connection_string_whose_key_is_not_base64_is_named_as_the_setting_without_the_key()
    {
        const string Key = "not-a-base64-key!";
        var configuration = Configuration(
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Key};BlobEndpoint=http://127.0.0.1:1/devstoreaccount1;" +
            "QueueEndpoint=http://127.0.0.1:2/devstoreaccount1;TableEndpoint=http://127.0.0.1:3/devstoreaccount1;");

        var error = Assert.Throws<InvalidOperationException>(() => StorageClients.FromConfiguration(configuration));

        Assert.StartsWith("Setting 'AzureWebJobsStorage' is not a valid storage connection string: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_valid_development_connection_string_makes_clients_for_its_endpoints()
    {
        var clients = StorageClients.FromConfiguration(Configuration("UseDevelopmentStorage=true"));

        Assert.Equal("127.0.0.1", clients.Blobs.Uri.Host);
    }

    private static IConfiguration Configuration(string connectionString) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = connectionString }).Build();
}
