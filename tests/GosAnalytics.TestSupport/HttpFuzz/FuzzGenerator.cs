using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace GosAnalytics.TestSupport.HttpFuzz;

/// <summary>What the fuzz knows of the data being served, so that valid values reach real pages and regions.</summary>
public sealed record FuzzSamples(IReadOnlyList<(string Platform, string PageId)> Pages, IReadOnlyList<int> Regions, DateOnly LastCompleteDay);

/// <summary>
/// Makes the requests of the fuzz from the OpenAPI routes: request <c>i</c> of seed <c>s</c> is always the same request. Routes are
/// taken in turn, so every route gets its share however few requests are made; what is hostile about each request is drawn at random:
/// parameter values (huge, negative, Unicode, 10 KB, repeated, percent-encoding tricks, path traversal, OData filter injection), wrong
/// methods, unknown routes, malformed and oversized bodies (over 16 KB, 10 MB and 30 MB; chunked; aborted), hostile headers, and
/// request lines a server must refuse (a NUL in the path). Each request says which answers are right for it.
/// </summary>
public sealed partial class FuzzGenerator(IReadOnlyList<FuzzRoute> routes, FuzzSamples samples, int seed, string? functionKey)
{
    /// <summary>Every this many requests, one has a body over 30 MB (Kestrel's default limit).</summary>
    public const int HugeBodyEvery = 500;

    /// <summary>Every this many requests, one uploads just over the registry's 10 MB.</summary>
    public const int LargeUploadEvery = 250;

    /// <summary>Kestrel's longest request line: a longer one is answered 414 before any function sees it.</summary>
    private const int MaxRequestLine = 8 * 1024;

    /// <summary>Requests to <c>POST /api/runs</c> that would start a run are mostly made invalid: a run costs seconds of work.</summary>
    private const int ValidRunPercent = 3;

    private const string RunsRoute = "POST /api/runs";
    private const string RegistryRoute = "POST /api/registry";

    private static readonly string[] HostileValues =
    [
        "", " ", "\t", "-1", "0", "-0", "+1", "000000000000000000000000028", "1.5", "1e3", "0x1C", "2147483648", "-2147483649",
        "9223372036854775808", "99999999999999999999999999999999", "NaN", "Infinity", "-Infinity", "1,5", "١٢", "２８", "28\u200B",
        "\u202E82", "Москва", "ВКонтакте", "🙂🙂", "\uFEFF28", "\0", "\r\nSet-Cookie: x=1", "null", "undefined", "true", "[]", "{}",
        "{\"$ne\":null}", "<script>alert(1)</script>", "' or '1'='1", "28' or PartitionKey ne '", "vk' or RowKey gt '",
        "') or true or ('", "PartitionKey eq 'vk' or true", "$filter=PartitionKey ne ''", "../../../../etc/passwd",
        "..\\..\\..\\windows\\win.ini", "/etc/passwd", "${jndi:ldap://127.0.0.1/a}", "{{7*7}}", "%s%s%s%n", "*", "?", "&", "=", "#",
        "\"", "'", "\\", new('A', 4000), string.Concat(Enumerable.Repeat("Я", 600)), new('A', 10 * 1024),
        string.Concat(Enumerable.Repeat("Я", 5 * 1024)), new('9', 10 * 1024),
    ];

    /// <summary>Escapes that are themselves the attack: sent as they are, never escaped again.</summary>
    private static readonly string[] RawTricks =
    [
        "%", "%%", "%ZZ", "%2", "%00", "%0a", "%0d%0a", "%2e%2e%2f%2e%2e%2f", "%252e%252e%252f", "%C0%AE%C0%AE%C0%AF", "%c0%80",
        "%FF%FE", "%u0032%u0038", "%2528", "%32%38", "%E2%80%AE", "%F0%9F%99%82", "+", "++", "%2B28", "28%00", "28%20", "%2028",
        "%26top%3D500", "a&top=500", "%3D", "28;29", "28,29",
    ];

    private static readonly string[] WrongMethods = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "PROPFIND", "FOO"];

    private static readonly string[] UnknownPaths =
    [
        "/", "/api", "/api/", "/api/rankingz", "/api/admin", "/api/runs/latest/x", "/api/pages/vk", "/api/pages", "/api/regions/28/pages",
        "/api/posts", "/api/posts/bottom", "/api/broadcasts", "/.env", "/favicon.ico", "/robots.txt", "/api/openapi.yaml",
        "/api/dashboard/../../../etc/passwd", "/bench/static/100", "/api/%D0%BC%D0%BE%D1%81%D0%BA%D0%B2%D0%B0", "/api/rankings.json",
        "/api/rankings;jsessionid=1", "/api/rankings%20", "/api/rankings%2F", "/api/runs/latest%3F", "/api/%2e%2e/%2e%2e/etc/passwd",
        "/" + new string('a', 2000), "/api/" + string.Concat(Enumerable.Repeat("x/", 500)),
    ];

    /// <summary>Request heads a server must refuse; the one with another HTTP version gets 505, as RFC 9110 (15.6.6) says.</summary>
    private static readonly string[] MalformedHeads =
    [
        "GET /api/rank\0ings HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /api/rankings?top=5\0 HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /api/rankings HTTP/9.9\r\nHost: x\r\n\r\n",
        "GET /api/rankings\r\n\r\n",
        "GET  /api/rankings HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /api/rankings?region=2 8 HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET api/rankings HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET * HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /api/rankings HTTP/1.1\r\nHost x\r\n\r\n",
        "GET /api/rankings HTTP/1.1\r\nHost: x\r\nBad Header: 1\r\n\r\n",
        "GET /api/rankings HTTP/1.1\r\nHost: x\r\n Folded: 1\r\n\r\n",
        "GET /api/rankings HTTP/1.1\r\nHost: x\r\nX: a\0b\r\n\r\n",
        "GE\tT /api/rankings HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /api/регионы HTTP/1.1\r\nHost: x\r\n\r\n",
        "\u0016\u0003\u0001\u0002\0\u0001\0\u0001\u00fc\u0003\u0003",
        "POST /api/runs HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
        "POST /api/runs HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
        "POST /api/runs HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
        "POST /api/runs HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n",
        "GET /api/rankings HTTP/1.1\r\n\r\n",
        "GET /api/rankings HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n",
    ];

    private static readonly string[] OrganisationKinds = ["regional-authority", "municipality", "education", "healthcare", "culture", "sport", "youth"];

    /// <summary>The request of this index.</summary>
    public FuzzRequest Create(int index)
    {
        var random = new Random(unchecked((seed * 1_000_003) + index));
        var route = routes[index % routes.Count];
        if (index % HugeBodyEvery == HugeBodyEvery / 2)
        {
            return HugeBody(index, random);
        }

        if (index % LargeUploadEvery == LargeUploadEvery / 2)
        {
            return LargeUpload(index, random);
        }

        return random.Next(100) switch
        {
            < 50 => WithParameters(index, random, route),
            < 58 => WrongMethod(index, random, route),
            < 64 => HostilePath(index, random, route),
            < 69 => Unknown(index, random),
            < 84 => WithBody(index, random, route),
            < 92 => WithHeaders(index, random, route),
            < 96 => Aborted(index, random, route),
            _ => Malformed(index, random),
        };
    }

    private FuzzRequest WithParameters(int index, Random random, FuzzRoute route)
    {
        var path = Path(route, random, hostileShare: 25, out var pathValidity, out var rawPath);
        var query = new List<string>();
        foreach (var parameter in route.Parameters.Where(p => !p.InPath))
        {
            if (route.Name == RegistryRoute && parameter.Name == "dryRun")
            {
                // Nothing is written by the fuzz: a dry run, or a value the API refuses.
                query.Add($"dryRun={(random.Next(4) == 0 ? Hostile(random) : "true")}");
                continue;
            }

            if (random.Next(2) == 0)
            {
                query.Add($"{Name(parameter.Name, random)}={(random.Next(2) == 0 ? Escape(Valid(parameter, random)) : Hostile(random))}");
            }
        }

        var extra = random.Next(10);
        if (extra == 0 && query.Count > 0)
        {
            query.Add(query[random.Next(query.Count)]);
        }
        else if (extra == 1)
        {
            query.Add($"{Pick(random, ["unknown", "$filter", "$top", "callback", "__proto__", "code"])}={Hostile(random)}");
        }
        else if (extra == 2 && route.Parameters.FirstOrDefault(p => !p.InPath) is { } repeated)
        {
            query.Add($"{repeated.Name}={Escape(Valid(repeated, random))}&{repeated.Name.ToUpperInvariant()}={Escape(Valid(repeated, random))}");
        }

        FuzzBody? body = null;
        if (route.Name == RunsRoute && random.Next(100) >= ValidRunPercent)
        {
            // Not one of the few requests that start a run: whatever metricDay it had, it gets one the API must refuse.
            query.RemoveAll(q => Uri.UnescapeDataString(q.Split('=')[0]).Equals("metricDay", StringComparison.OrdinalIgnoreCase));
            var day = samples.LastCompleteDay.AddDays(-3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            query.Add($"metricDay={Pick(random, ["2999-01-01", "1999-12-31", "yesterday", "2026-13-01", "26-11-01", "2026-11-31", day + "%00", day + "T00:00", Hostile(random)])}");
        }
        else if (route.Name == RegistryRoute)
        {
            body = new FuzzBody(Encoding.UTF8.GetBytes(ValidCsv(random)), "text/csv");
        }

        var target = path + (query.Count > 0 ? "?" + string.Join('&', query) : "");
        return Judged(new FuzzRequest(index, route.Name, "parameters", route.Method, target) { Body = body }, route, pathValidity, rawPath);
    }

    private FuzzRequest WrongMethod(int index, Random random, FuzzRoute route)
    {
        var taken = routes.Where(r => r.Path == route.Path).Select(r => r.Method).ToHashSet();
        var method = Pick(random, [.. WrongMethods.Where(m => !taken.Contains(m))]);
        var request = new FuzzRequest(index, route.Name, "wrong method", method, Path(route, random, hostileShare: 0, out _)) { Expected = [405] };
        return random.Next(3) == 0 ? request with { Body = new FuzzBody("{}"u8.ToArray(), "application/json") } : request;
    }

    private FuzzRequest HostilePath(int index, Random random, FuzzRoute route)
    {
        if (route.Parameters.Any(p => p.InPath) && random.Next(2) == 0)
        {
            var path = Path(route, random, hostileShare: 100, out var validity, out var raw);
            return Judged(new FuzzRequest(index, route.Name, "path parameter", route.Method, path), route, validity, raw);
        }

        var template = Path(route, random, hostileShare: 0, out _);
        var target = random.Next(9) switch
        {
            0 => template.Replace("/api/", "/api/../api/", StringComparison.Ordinal),
            1 => template + "/../../../../etc/passwd",
            2 => template + "%00",
            3 => template + "%2500",
            4 => template.Replace("/", "//", StringComparison.Ordinal),
            5 => template.ToUpperInvariant(),
            6 => template + "/",
            7 => template.Replace("/api/", "/api/%2e%2e/api/", StringComparison.Ordinal),
            _ => template + "/" + Hostile(random),
        };
        return Sized(new FuzzRequest(index, route.Name, "path", route.Method, target) { Headers = Key(route) });
    }

    private FuzzRequest Unknown(int index, Random random) =>
        Sized(new FuzzRequest(index, FuzzRequest.UnknownRoute, "unknown route", Pick(random, ["GET", "GET", "POST", "DELETE"]), Pick(random, UnknownPaths))
        {
            Expected = [404],
        });

    private FuzzRequest WithBody(int index, Random random, FuzzRoute route)
    {
        if (!route.HasBody && random.Next(10) < 7)
        {
            route = Pick(random, [.. routes.Where(r => r.HasBody)]);
        }

        var chunked = random.Next(3) == 0;
        if (route.Name == RunsRoute)
        {
            var (content, day, expected) = RunBody(random);
            var malformedChunk = chunked && random.Next(8) == 0;
            var body = new FuzzBody(content, Pick(random, ["application/json", "application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded"]))
            {
                Chunked = chunked,
                MalformedChunk = malformedChunk,
            };
            return Keyed(new FuzzRequest(index, route.Name, malformedChunk ? "malformed chunk" : chunked ? "chunked body" : "body", route.Method, route.Path)
            {
                Body = body,
                Expected = malformedChunk ? [400] : expected,
                MustName = !malformedChunk,
                RunDay = day,
                Names = Names(route, ""),
            }, route);
        }

        if (route.Name == RegistryRoute)
        {
            var (content, contentType, expected) = RegistryBody(random);
            var target = route.Path + "?dryRun=true" + (random.Next(2) == 0 ? "&importValidRows=true" : "");
            return Keyed(new FuzzRequest(index, route.Name, chunked ? "chunked body" : "body", route.Method, target)
            {
                Body = new FuzzBody(content, contentType) { Chunked = chunked },
                Expected = expected,
                MustName = true,
                Names = Names(route, target),
            }, route);
        }

        // A body where none is read: it must change nothing.
        var request = WithParameters(index, random, route);
        return request with
        {
            Kind = "body on a read route",
            Body = new FuzzBody(random.Next(2) == 0 ? "{\"region\":77,\"top\":500}"u8.ToArray() : RandomBytes(random, random.Next(1, 4096)), "application/json") { Chunked = chunked },
        };
    }

    private FuzzRequest WithHeaders(int index, Random random, FuzzRoute route)
    {
        var request = WithParameters(index, random, route) with { Kind = "headers" };
        (string Name, string Value)[] hostile =
        [
            ("If-None-Match", Pick(random, ["*", "\"x\"", "W/\"x\"", new string('"', 100), new('a', 6000), "\"a\", \"b\", *"])),
            ("Accept-Encoding", Pick(random, ["br;q=0, gzip;q=1", "identity;q=0", "*", "gzip;q=NaN", "zstd", new('x', 5000)])),
            ("Accept", Pick(random, ["text/csv", "application/xml", "*/*;q=0", "application/problem+json", "image/png"])),
            ("Content-Type", Pick(random, ["application/json; charset=utf-42", "multipart/form-data", "text/csv", "\u00e9"])),
            ("X-Forwarded-For", "127.0.0.1, ' or 1=1"),
            ("Cookie", new string('c', 9000)),
            ("Range", "bytes=0-10,5-1"),
            ("X-Huge", new string('h', 40 * 1024)),
        ];
        var (name, value) = hostile[random.Next(hostile.Length)];
        var headers = request.Headers.Append(new(name, value)).ToList();

        // Kestrel refuses a request line too long, headers too large or not ASCII before any function or key check.
        IReadOnlyList<int>? refused = request.Expected is [414] ? [414] : name switch
        {
            "X-Huge" => [431],
            "Content-Type" when value.Any(c => c > 127) => [400],
            _ => null,
        };
        if (refused is not null)
        {
            return request with { Headers = headers, Expected = refused, MustName = false };
        }

        var expected = name switch
        {
            "If-None-Match" when request.Expected.Contains(200) => [.. request.Expected, 304],
            "Content-Type" when route.HasBody => [],
            _ => request.Expected,
        };
        if (route.NeedsKey && random.Next(2) == 0)
        {
            // The key: missing, wrong, or wrong in the query (the Functions host's 'code').
            headers.RemoveAll(h => h.Key == "x-functions-key");
            var target = request.Target;
            switch (random.Next(3))
            {
                case 0:
                    headers.Add(new("x-functions-key", "wrong-key"));
                    break;
                case 1:
                    target += (target.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "code=wrong-key";
                    break;
            }

            // A NUL in the path is refused by Kestrel before the key is checked.
            IReadOnlyList<int> unauthorised = request.Target.Contains("%00", StringComparison.OrdinalIgnoreCase) ? [400, 401] : [401];
            return request with { Target = target, Headers = headers, SentKey = false, Expected = functionKey is null ? expected : unauthorised };
        }

        return request with { Headers = headers, Expected = expected };
    }

    private FuzzRequest Aborted(int index, Random random, FuzzRoute route)
    {
        var upload = route.HasBody ? route : routes.First(r => r.HasBody);
        var length = random.Next(1000, 2_000_000);
        var content = upload.Name == RunsRoute ? "{\"metricDay\":\"2026-"u8.ToArray() : Encoding.UTF8.GetBytes(ValidCsv(random));
        var body = new FuzzBody(content, upload.Name == RunsRoute ? "application/json" : "text/csv")
        {
            FillTo = length,
            Chunked = random.Next(3) == 0,
            AbortAfter = random.Next(0, Math.Min(length - 1, 200_000)),
            ResetOnAbort = random.Next(2) == 0,
        };
        var target = upload.Name == RegistryRoute ? upload.Path + "?dryRun=true" : upload.Path;
        return Keyed(new FuzzRequest(index, upload.Name, "aborted upload", upload.Method, target) { Body = body }, upload);
    }

    private static FuzzRequest Malformed(int index, Random random)
    {
        var head = Pick(random, MalformedHeads);
        return new FuzzRequest(index, FuzzRequest.MalformedRequest, "malformed request", "", "")
        {
            Expected = head.Contains("HTTP/9.9", StringComparison.Ordinal) ? [505] : [],
            RawHead = Encoding.Latin1.GetBytes(head.Replace("регионы", Encoding.Latin1.GetString(Encoding.UTF8.GetBytes("регионы")), StringComparison.Ordinal)),
        };
    }

    /// <summary>A body over Kestrel's 30 MB to one of the routes that take a body: sent with a length, chunked, or after 100-continue.</summary>
    private FuzzRequest HugeBody(int index, Random random)
    {
        var route = routes.Where(r => r.HasBody).ElementAt((index / HugeBodyEvery) % routes.Count(r => r.HasBody));
        var framing = (index / HugeBodyEvery / 2) % 3;
        var body = new FuzzBody(route.Name == RunsRoute ? "{\"metricDay\":\""u8.ToArray() : Encoding.UTF8.GetBytes(ValidCsv(random)), "text/csv")
        {
            FillTo = 31L * 1024 * 1024,
            Chunked = framing == 1,
            ExpectContinue = framing == 2,
        };
        var target = route.Name == RegistryRoute ? route.Path + "?dryRun=true" : route.Path;
        return Keyed(new FuzzRequest(index, route.Name, "body over 30 MB", route.Method, target) { Body = body, Expected = [413] }, route);
    }

    /// <summary>A registry file just over its 10 MB.</summary>
    private FuzzRequest LargeUpload(int index, Random random)
    {
        var route = routes.First(r => r.Name == RegistryRoute);
        var body = new FuzzBody(Encoding.UTF8.GetBytes(ValidCsv(random)), "text/csv") { FillTo = (10L * 1024 * 1024) + 1, Chunked = random.Next(2) == 0 };
        return Keyed(new FuzzRequest(index, route.Name, "body over 10 MB", route.Method, route.Path + "?dryRun=true") { Body = body, Expected = [413] }, route);
    }

    /// <summary>A body for <c>POST /api/runs</c>, the day it asks for when it is valid, and the right answers.</summary>
    private (byte[] Content, DateOnly? Day, IReadOnlyList<int> Expected) RunBody(Random random)
    {
        if (random.Next(100) < ValidRunPercent)
        {
            var day = samples.LastCompleteDay.AddDays(-random.Next(1, 365));
            return (Encoding.UTF8.GetBytes($"{{\"metricDay\":\"{day:yyyy-MM-dd}\"}}"), day, [202]);
        }

        var choice = random.Next(15);
        return choice switch
        {
            0 => ("{"u8.ToArray(), null, [400]),
            1 => ("{\"metricDay\":"u8.ToArray(), null, [400]),
            2 => ("[\"2026-11-20\"]"u8.ToArray(), null, [400]),
            3 => ("\"2026-11-20\""u8.ToArray(), null, [400]),
            4 => ("{\"metricDay\":20261120}"u8.ToArray(), null, [400]),
            5 => ("{\"metricDay\":null}"u8.ToArray(), null, [400]),
            6 => (Encoding.UTF8.GetBytes(new string('[', 10_000)), null, [400]),
            7 => (Encoding.UTF8.GetBytes($"{{\"metricDay\":\"{new string('9', 10 * 1024)}\"}}"), null, [400]),
            8 => ("{\"metricDay\":\"2999-01-01\",\"metricDay\":\"1999-01-01\"}"u8.ToArray(), null, [400]),
            9 => (Encoding.Unicode.GetBytes("{\"metricDay\":\"2026-11-20\"}"), null, [400]),
            10 => (RandomBytes(random, random.Next(1, 2048)), null, [400]),
            11 => (Encoding.UTF8.GetBytes(new string(' ', 17 * 1024) + "{}"), null, [413]),
            12 => ("{\"metricDay\":\"2026-11-20' or PartitionKey ne '\"}"u8.ToArray(), null, [400]),
            13 => ("{\"metricDay\":\"\\u0000\"}"u8.ToArray(), null, [400]),
            _ => (Encoding.UTF8.GetBytes($"{{\"metricDay\":\"{Pick(random, HostileValues)}\"}}".Replace("\"\"", "\"x\"", StringComparison.Ordinal)), null, [400]),
        };
    }

    /// <summary>A body for <c>POST /api/registry</c> (always a dry run), its content type, and the right answers.</summary>
    private static (byte[] Content, string? ContentType, IReadOnlyList<int> Expected) RegistryBody(Random random)
    {
        const string Header = "platform;page;region;kind\r\n";
        return random.Next(12) switch
        {
            0 => ([], "text/csv", [400]),
            1 => (Encoding.UTF8.GetBytes(Header), "text/csv", [400]),
            2 => (Encoding.UTF8.GetBytes(Header + "vk;=cmd|' /C calc'!A0;28;education\r\n+vk;-1;@SUM(1);\tkind\r\n"), "text/csv", [400]),
            3 => (Encoding.UTF8.GetBytes(Header + $"vk;{new string('a', 10 * 1024)};28;education\r\n"), "text/csv", [400]),
            4 => (Encoding.UTF8.GetBytes(Header + "myspace;https://myspace.com/x;999;bank\r\n"), "text/plain", [400]),
            5 => (Encoding.UTF8.GetBytes(Header + "vk;\"unterminated;28;education\r\n"), "text/csv", [400]),
            6 => (RandomBytes(random, random.Next(1, 8192)), "application/octet-stream", [400]),
            7 => (Encoding.UTF8.GetBytes("--b\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n" + Header + "--b--\r\n"), "multipart/form-data; boundary=b", [415]),
            8 => (Encoding.Unicode.GetBytes(Header + "vk;club1;28;education\r\n"), "text/csv; charset=utf-16", [400]),
            9 => (Encoding.UTF8.GetBytes(Header + "vk;club1' or PartitionKey ne ';28;education\r\n"), "text/csv", [400]),
            _ => (Encoding.UTF8.GetBytes(ValidCsv(random)), Pick(random, ["text/csv", "text/plain", null, "application/json"]), [200]),
        };
    }

    /// <summary>A registry file of one to five pages that are valid, in the three platforms' address forms.</summary>
    private static string ValidCsv(Random random)
    {
        var csv = new StringBuilder("platform;page;region;kind\r\n");
        var regions = new[] { 28, 77, 50 };
        for (var i = random.Next(1, 6); i > 0; i--)
        {
            var region = regions[random.Next(regions.Length)];
            var kind = OrganisationKinds[random.Next(OrganisationKinds.Length)];
            csv.Append(random.Next(3) switch
            {
                0 => $"vk;https://vk.com/club{random.Next(1, 999_999_999)};{region};{kind}\r\n",
                1 => $"telegram;@fuzz_channel_{random.Next(10_000, 99_999)};{region};{kind}\r\n",
                _ => $"ok;https://ok.ru/group/{random.NextInt64(10_000_000_000_000, 99_999_999_999_999)};{region};{kind}\r\n",
            });
        }

        return csv.ToString();
    }

    /// <summary>The route's path with its parameters filled in: valid values, or hostile ones in <paramref name="hostileShare"/> % of cases.</summary>
    private string Path(FuzzRoute route, Random random, int hostileShare, out Validity validity) => Path(route, random, hostileShare, out validity, out _);

    /// <summary>
    /// As above; <paramref name="raw"/> says a raw escape trick went into the path, which the server may refuse before any function
    /// reads it (a 400 that names no parameter).
    /// </summary>
    private string Path(FuzzRoute route, Random random, int hostileShare, out Validity validity, out bool raw)
    {
        validity = Validity.Valid;
        raw = false;
        var anotherRoute = false;
        var path = route.Path;
        var page = samples.Pages.Count > 0 ? samples.Pages[random.Next(samples.Pages.Count)] : ("vk", "1");
        foreach (var parameter in route.Parameters.Where(p => p.InPath))
        {
            string segment;
            if (random.Next(100) < hostileShare)
            {
                if (random.Next(3) == 0)
                {
                    // An escape trick may decode to a dot segment or a slash: the path may then be another route's.
                    segment = Pick(random, RawTricks);
                    raw = anotherRoute = true;
                }
                else
                {
                    var value = Pick(random, HostileValues);
                    segment = Uri.EscapeDataString(value);
                    anotherRoute |= value is "" or "." or "..";
                    validity = validity.And(Judge(parameter, value));

                    // Kestrel refuses a NUL in the path (%00) before routing: a 400 that cannot name the parameter.
                    raw |= value.Contains('\0', StringComparison.Ordinal);
                }
            }
            else
            {
                var value = parameter.Name switch
                {
                    "platform" => page.Item1,
                    "pageId" => random.Next(5) == 0 ? random.Next(1, 999_999_999).ToString(CultureInfo.InvariantCulture) : page.Item2,
                    _ => Valid(parameter, random),
                };
                segment = Uri.EscapeDataString(value);
            }

            path = path.Replace("{" + parameter.Name + "}", segment, StringComparison.Ordinal);
        }

        if (anotherRoute)
        {
            validity = Validity.Unknown;
        }

        return path;
    }

    /// <summary>A valid value of the parameter, as text.</summary>
    private string Valid(FuzzParameter parameter, Random random)
    {
        if (parameter is { Type: "integer", Enum.Count: > 0 })
        {
            return random.Next(10) < 7 && samples.Regions.Count > 0
                ? samples.Regions[random.Next(samples.Regions.Count)].ToString(CultureInfo.InvariantCulture)
                : Pick(random, parameter.Enum);
        }

        if (parameter.Type == "integer")
        {
            var min = parameter.Minimum ?? 0;
            var max = Math.Min(parameter.Maximum ?? 1000, min + 600);
            return random.Next(4) switch
            {
                0 => min.ToString(CultureInfo.InvariantCulture),
                1 => (parameter.Maximum ?? max).ToString(CultureInfo.InvariantCulture),
                _ => random.NextInt64(min, max + 1).ToString(CultureInfo.InvariantCulture),
            };
        }

        if (parameter.Type == "boolean")
        {
            return Pick(random, ["true", "false", "True", "FALSE"]);
        }

        if (parameter.Format == "date")
        {
            return samples.LastCompleteDay.AddDays(-random.Next(1, 365)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        if (parameter.Enum.Count > 0)
        {
            var value = Pick(random, parameter.Enum);
            return random.Next(5) == 0 ? value.ToUpperInvariant() : value;
        }

        return samples.Pages.Count > 0 ? samples.Pages[random.Next(samples.Pages.Count)].PageId : "1";
    }

    /// <summary>A hostile value as it goes into a URL: escaped in one of several ways, or a raw escape trick.</summary>
    private static string Hostile(Random random)
    {
        if (random.Next(4) == 0)
        {
            return Pick(random, RawTricks);
        }

        var value = Pick(random, HostileValues);
        return random.Next(4) switch
        {
            0 => string.Concat(Encoding.UTF8.GetBytes(value).Select(b => $"%{b:X2}")),
            1 => Uri.EscapeDataString(Uri.EscapeDataString(value)),
            2 => Uri.EscapeDataString(value).Replace("%20", "+", StringComparison.Ordinal),
            _ => Uri.EscapeDataString(value),
        };
    }

    /// <summary>A parameter's name as sent: as is, in other letter cases, or percent-encoded (all decode to the same name).</summary>
    private static string Name(string name, Random random) => random.Next(10) switch
    {
        0 => name.ToUpperInvariant(),
        1 => string.Concat(name.Select((c, i) => i == 1 ? $"%{(int)c:X2}" : c.ToString())),
        _ => name,
    };

    private static string Escape(string value) => Uri.EscapeDataString(value);

    /// <summary>Sets what the request's answer must be from its values, judged the way the API's contract states them.</summary>
    private FuzzRequest Judged(FuzzRequest request, FuzzRoute route, Validity pathValidity, bool rawPath)
    {
        var query = request.Target.Contains('?', StringComparison.Ordinal) ? request.Target[request.Target.IndexOf('?', StringComparison.Ordinal)..] : "";
        var parsed = QueryHelpers.ParseQuery(query);
        var validity = pathValidity;
        foreach (var parameter in route.Parameters.Where(p => !p.InPath))
        {
            if (parsed.TryGetValue(parameter.Name, out var values))
            {
                validity = validity.And(Judge(parameter, values));
            }
            else if (parameter.Required)
            {
                validity = validity.And(Validity.Invalid);
            }
        }

        DateOnly? runDay = null;
        if (route.Name == RunsRoute && parsed.TryGetValue("metricDay", out var day) && validity == Validity.Valid)
        {
            runDay = DateOnly.ParseExact(day[0]!.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        // A path the fuzz cannot judge (an escape trick, an empty or dot segment) may lead to another route: then nothing is expected.
        IReadOnlyList<int> expected = pathValidity == Validity.Unknown ? [] : validity switch
        {
            Validity.Invalid => [400],
            Validity.Valid when route.Name == RunsRoute => [202],
            Validity.Valid when route.Name == RegistryRoute => [200],

            // Another route that reads a JSON body the fuzz does not write (MAX confirm): refused naming the body, or no such chat.
            Validity.Valid when route.HasBody => [200, 400, 404],
            Validity.Valid => [200, 404],
            _ => [],
        };
        var judged = request with
        {
            Expected = expected,
            MustName = validity == Validity.Invalid && pathValidity != Validity.Unknown && !rawPath,
            Names = Names(route, query),
            RunDay = runDay,
        };
        return Sized(Keyed(judged, route));
    }

    /// <summary>A request line longer than Kestrel reads is answered 414 whatever it holds.</summary>
    private static FuzzRequest Sized(FuzzRequest request) =>
        request.Method.Length + request.Target.Length + 10 > MaxRequestLine ? request with { Expected = [414], MustName = false } : request;

    /// <summary>Adds the function key to requests for routes that need one, when the fuzz has it; without it, 401 is a right answer too.</summary>
    private FuzzRequest Keyed(FuzzRequest request, FuzzRoute route)
    {
        if (!route.NeedsKey)
        {
            return request;
        }

        return functionKey is null
            ? request with { Expected = request.Expected.Count > 0 ? [.. request.Expected, 401] : [] }
            : request with { Headers = [.. request.Headers, new("x-functions-key", functionKey)], SentKey = true };
    }

    private IReadOnlyList<KeyValuePair<string, string>> Key(FuzzRoute route) =>
        route.NeedsKey && functionKey is not null ? [new("x-functions-key", functionKey)] : [];

    private static HashSet<string> Names(FuzzRoute route, string query) =>
        new([.. route.Parameters.Select(p => p.Name), .. QueryHelpers.ParseQuery(query).Keys, "body"], StringComparer.OrdinalIgnoreCase);

    private Validity Judge(FuzzParameter parameter, StringValues values)
    {
        if (values.Count != 1)
        {
            return Validity.Invalid;
        }

        return Judge(parameter, values[0] ?? "");
    }

    /// <summary>Whether a decoded value is valid for the parameter, by the OpenAPI document's schema (values are trimmed, names case-insensitive).</summary>
    private Validity Judge(FuzzParameter parameter, string value)
    {
        var text = value.Trim();
        if (text.Length == 0)
        {
            return Validity.Invalid;
        }

        switch (parameter)
        {
            case { Type: "integer", Enum.Count: > 0 }:
                return text.All(char.IsAsciiDigit) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var code)
                    && parameter.Enum.Contains(code.ToString(CultureInfo.InvariantCulture)) ? Validity.Valid : Validity.Invalid;
            case { Type: "integer" }:
                return SignedInteger().IsMatch(text) && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
                    && number >= (parameter.Minimum ?? int.MinValue) && number <= (parameter.Maximum ?? int.MaxValue) ? Validity.Valid : Validity.Invalid;
            case { Type: "boolean" }:
                return bool.TryParse(text, out _) ? Validity.Valid : Validity.Invalid;
            case { Format: "date" }:
                if (!IsoDate().IsMatch(text) || !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                {
                    return Validity.Invalid;
                }

                var first = samples.LastCompleteDay.AddDays(-365);
                return day == samples.LastCompleteDay || day == first || day == samples.LastCompleteDay.AddDays(1)
                    ? Validity.Unknown
                    : day < first || day > samples.LastCompleteDay ? Validity.Invalid : Validity.Valid;
            case { Enum.Count: > 0 }:
                return parameter.Enum.Contains(text, StringComparer.OrdinalIgnoreCase) ? Validity.Valid : Validity.Invalid;
            case { Pattern: { } pattern }:
                // A pattern of digits may still name a number out of its format's range (a 19-digit chat id above long.MaxValue).
                return Regex.IsMatch(value, pattern.EndsWith('$') ? pattern[..^1] + @"\z" : pattern)
                    && (parameter.Format != "int64" || long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)) ? Validity.Valid : Validity.Invalid;
            default:
                return Validity.Unknown;
        }
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> values) => values[random.Next(values.Count)];

    [GeneratedRegex(@"^[+-]?[0-9]+\z")]
    private static partial Regex SignedInteger();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}\z")]
    private static partial Regex IsoDate();
}

/// <summary>What the fuzz can say of a request's values: all valid, some invalid, or it cannot tell.</summary>
public enum Validity
{
    Valid,
    Unknown,
    Invalid,
}

internal static class ValidityExtensions
{
    public static Validity And(this Validity left, Validity right) => (Validity)Math.Max((int)left, (int)right);
}
