using GosAnalytics.Collectors.Http;

namespace GosAnalytics.Collectors.Tests;

public sealed class PlatformMessagesTests
{
    [Theory]
    [InlineData("One of the parameters specified was missing or invalid: owner_id is incorrect")]
    [InlineData("Access denied: this wall available only for community members")]
    [InlineData("Too many requests per second")]
    [InlineData("User authorization failed: invalid access_token (4).")]
    [InlineData("PERMISSION_DENIED : You have no rights to read group 53038939046008")]
    [InlineData("Доступ запрещён: стена доступна только участникам сообщества")]
    public void An_ordinary_platform_message_is_quoted_as_it_is(string message)
    {
        Assert.Equal(message, PlatformMessages.Quote(message, ["some-token"]));
    }

    [Theory]
    [InlineData("invalid token MyConfiguredToken given", "invalid token *** given")]
    [InlineData("invalid token MYCONFIGUREDTOKEN given", "invalid token *** given")]
    [InlineData("bad request: access_token=abc123def&v=5.199", "bad request: access_token=***&v=5.199")]
    [InlineData("{\"application_secret_key\": \"0123abcd\"}", "{\"application_secret_key\": \"***\"}")]
    [InlineData("sig=d41d8cd98f00b204e9800998ecf8427e failed", "sig=*** failed")]
    [InlineData("echo vk1.a.Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA-_x", "echo ***")]
    [InlineData("hash 3f786850e387550fdab836ed7e6dc881de23001b seen", "hash *** seen")]
    public void Configured_credentials_and_anything_token_like_are_masked(string message, string quoted)
    {
        Assert.Equal(quoted, PlatformMessages.Quote(message, ["MyConfiguredToken", null, ""]));
    }

    [Fact]
    public void A_message_is_kept_to_one_short_line()
    {
        var quoted = PlatformMessages.Quote("first line\r\nsecond\tline " + new string('x', 1000), []);

        Assert.DoesNotContain(quoted, char.IsControl);
        Assert.Equal(PlatformMessages.MaxLength + 1, quoted.Length);
        Assert.EndsWith("…", quoted, StringComparison.Ordinal);
        Assert.Equal("no error message", PlatformMessages.Quote("  ", []));
    }
}
