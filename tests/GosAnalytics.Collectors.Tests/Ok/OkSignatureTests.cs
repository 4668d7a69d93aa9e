using GosAnalytics.Collectors.Ok;

namespace GosAnalytics.Collectors.Tests.Ok;

/// <summary>
/// Expected values were computed outside this code base from the documented rule, with Python:
/// <c>m = lambda s: hashlib.md5(s.encode("utf-8")).hexdigest(); secret = m("tkn-abc" + "SECRET123");
/// sig = m("".join(k + "=" + p[k] for k in sorted(p)) + secret)</c>.
/// </summary>
public class OkSignatureTests
{
    private const string Token = "tkn-abc";
    private const string SecretKey = "SECRET123";

    [Fact]
    public void The_session_secret_is_the_lower_hex_md5_of_token_and_secret_key()
    {
        Assert.Equal("a81baff4e7d071deae363b051f8e98a1", OkSignature.SessionSecret(Token, SecretKey));
    }

    [Fact]
    public void A_signature_follows_the_documented_rule()
    {
        var parameters = new Dictionary<string, string>
        {
            ["method"] = "group.getInfo",
            ["application_key"] = "CBAFJIICABABABABA",
            ["format"] = "json",
            ["uids"] = "53038939046008",
            ["fields"] = "uid,name",
        };

        // md5("application_key=CBAFJIICABABABABAfields=uid,nameformat=jsonmethod=group.getInfouids=53038939046008" + secret)
        Assert.Equal("a1aa53660e0faaac5a1228fbf8d11b0d", OkSignature.Compute(parameters, Token, SecretKey));
    }

    [Fact]
    public void Keys_are_sorted_ordinally_whatever_order_they_come_in()
    {
        // Ordinal: upper case before "_" before lower case — "B=1Z=5_x=4a=3b=2" + secret.
        KeyValuePair<string, string>[] parameters = [new("b", "2"), new("B", "1"), new("a", "3"), new("_x", "4"), new("Z", "5")];

        Assert.Equal("b90dcc7301d746bc6e846517678293b7", OkSignature.Compute(parameters, Token, SecretKey));
        Assert.Equal("b90dcc7301d746bc6e846517678293b7", OkSignature.Compute(parameters.Reverse(), Token, SecretKey));
    }

    [Fact]
    public void Cyrillic_values_are_hashed_as_utf8()
    {
        var parameters = new Dictionary<string, string>
        {
            ["method"] = "url.getInfo",
            ["application_key"] = "CBAFJIICABABABABA",
            ["format"] = "json",
            ["text"] = "Администрация Благовещенска",
        };

        Assert.Equal("570bba4a23ce7e10f0ca916dd0f35cc2", OkSignature.Compute(parameters, Token, SecretKey));
    }

    [Fact]
    public void The_access_token_session_key_and_sig_are_left_out_of_the_signed_text()
    {
        var parameters = new Dictionary<string, string>
        {
            ["method"] = "group.getInfo",
            ["application_key"] = "CBAFJIICABABABABA",
            ["format"] = "json",
            ["uids"] = "53038939046008",
            ["fields"] = "uid,name",
            ["access_token"] = Token,
            ["session_key"] = "any-session",
            ["sig"] = "0123456789abcdef0123456789abcdef",
        };

        Assert.Equal("a1aa53660e0faaac5a1228fbf8d11b0d", OkSignature.Compute(parameters, Token, SecretKey));
    }

    [Fact]
    public void A_different_token_gives_a_different_signature()
    {
        var parameters = new Dictionary<string, string> { ["method"] = "group.getInfo" };

        Assert.NotEqual(OkSignature.Compute(parameters, Token, SecretKey), OkSignature.Compute(parameters, "other-token", SecretKey));
    }
}
