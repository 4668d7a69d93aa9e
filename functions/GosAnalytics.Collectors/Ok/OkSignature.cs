using System.Security.Cryptography;
using System.Text;

namespace GosAnalytics.Collectors.Ok;

/// <summary>
/// OK's request signature (apiok.ru/en/dev/methods): <c>secret = md5(access_token + application_secret_key)</c>; every parameter
/// except <c>access_token</c>, <c>session_key</c> and <c>sig</c>, sorted by key ordinally, written as <c>key=value</c> with no
/// separators, then the secret appended; <c>sig = md5</c> of that as UTF-8. All hashes are lower-case hex; values are the raw,
/// un-encoded strings. A wrong sort, encoding or an included token is what makes OK answer error 104.
/// </summary>
internal static class OkSignature
{
    /// <summary>Parameters that never enter the signature.</summary>
    public static IReadOnlySet<string> ExcludedKeys { get; } = new HashSet<string>(StringComparer.Ordinal) { "access_token", "session_key", "sig" };

    public static string Compute(IEnumerable<KeyValuePair<string, string>> parameters, string accessToken, string applicationSecretKey)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(accessToken);
        ArgumentNullException.ThrowIfNull(applicationSecretKey);

        var text = new StringBuilder();
        foreach (var (key, value) in parameters.Where(p => !ExcludedKeys.Contains(p.Key)).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append(key).Append('=').Append(value);
        }

        text.Append(SessionSecret(accessToken, applicationSecretKey));
        return Md5Hex(text.ToString());
    }

    /// <summary>The per-token secret that replaces the application secret key in signed calls made with an access token.</summary>
    public static string SessionSecret(string accessToken, string applicationSecretKey) => Md5Hex(accessToken + applicationSecretKey);

    // MD5 is OK's protocol, not our choice of protection: the signature only proves that the caller knows the secret key.
#pragma warning disable CA5351
    private static string Md5Hex(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
#pragma warning restore CA5351
}
