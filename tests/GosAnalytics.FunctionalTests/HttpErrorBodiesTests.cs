using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GosAnalytics.Core.Domain;
using GosAnalytics.LocalHost.Hosting;
using GosAnalytics.TestSupport;
using GosAnalytics.TestSupport.HttpFuzz;

namespace GosAnalytics.FunctionalTests;

/// <summary>
/// What never reaches a function still gets a problem+json body from the local host: an unknown route, a wrong method, a NUL in the
/// path, a body too large; a chunked body is read; an aborted upload is one warning line in the host's log, not a stack trace.
/// </summary>
public sealed class HttpErrorBodiesTests(HostProcessFixture host) : IClassFixture<HostProcessFixture>
{
    /// <summary>POST /api/runs needs the master key; without it the answer would be the 401 before any body is read.</summary>
    private static readonly KeyValuePair<string, string>[] MasterKeyHeader = [new(FunctionKeys.Header, LocalHostUnderTest.MasterKey)];

    [Theory]
    [InlineData("GET", "/api/rankingz", 404)]
    [InlineData("GET", "/api/", 404)]
    [InlineData("POST", "/", 404)]
    [InlineData("PUT", "/api/rankings", 405)]
    [InlineData("DELETE", "/api/runs", 405)]
    [InlineData("GET", "/api/runs", 405)]
    [InlineData("GET", "/api/pages/vk/%00", 400)]
    [InlineData("GET", "/api/rankings%00", 400)]
    [InlineData("GET", "/api/regions/28%00", 400)]
    public async Task Unknown_routes_wrong_methods_and_a_NUL_in_the_path_are_answered_with_a_problem(string method, string target, int status)
    {
        var response = await FuzzClient.SendAsync(host.Port, new FuzzRequest(0, "", "", method, target), CancellationToken.None);

        AssertProblem(response, status);
    }

    [Fact]
    public async Task A_NUL_byte_in_the_request_line_is_answered_with_a_problem()
    {
        var request = new FuzzRequest(0, "", "", "", "") { RawHead = Encoding.Latin1.GetBytes("GET /api/rank\0ings HTTP/1.1\r\nHost: x\r\n\r\n") };

        AssertProblem(await FuzzClient.SendAsync(host.Port, request, CancellationToken.None), 400);
    }

    [Fact]
    public async Task A_wrong_method_names_the_methods_the_route_takes()
    {
        var response = await FuzzClient.SendAsync(host.Port, new FuzzRequest(0, "", "", "PATCH", "/api/rankings"), CancellationToken.None);

        var problem = AssertProblem(response, 405);
        Assert.Equal("GET", response.Headers["Allow"]);
        Assert.Contains("GET", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task A_body_over_30_MB_to_POST_runs_is_a_413_problem_however_it_is_sent(bool chunked, bool expectContinue)
    {
        var body = new FuzzBody("{\"metricDay\":\""u8.ToArray(), "application/json") { FillTo = 31L * 1024 * 1024, Chunked = chunked, ExpectContinue = expectContinue };

        var response = await FuzzClient.SendAsync(host.Port, new FuzzRequest(0, "", "", "POST", "/api/runs") { Body = body, Headers = MasterKeyHeader }, CancellationToken.None);

        AssertProblem(response, 413);
    }

    [Fact]
    public async Task A_body_over_16_KB_to_POST_runs_is_a_413_problem_and_starts_nothing()
    {
        var before = await host.Http.GetAsync("runs/latest");
        using var content = new StringContent(new string(' ', 17 * 1024) + "{}", Encoding.UTF8, "application/json");

        using var response = await host.Http.PostAsync("runs", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before.StatusCode, (await host.Http.GetAsync("runs/latest")).StatusCode);
    }

    [Fact]
    public async Task A_chunked_JSON_body_to_POST_runs_starts_the_day_it_names()
    {
        var day = MoscowTime.LastCompleteDay(DateTimeOffset.UtcNow).AddDays(-3);
        using var request = new HttpRequestMessage(HttpMethod.Post, "runs")
        {
            Content = new StringContent($"{{\"metricDay\":\"{day:yyyy-MM-dd}\"}}", Encoding.UTF8, "application/json"),
        };
        request.Headers.TransferEncodingChunked = true;

        using var response = await host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var run = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), run.GetProperty("metricDay").GetString());
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public async Task An_aborted_upload_is_one_warning_line_in_the_host_log_and_no_stack_trace(bool chunked, bool reset)
    {
        var before = host.Warnings();
        var body = new FuzzBody("{\"metricDay\":\"2026-"u8.ToArray(), "application/json")
        {
            FillTo = 10_000,
            Chunked = chunked,
            AbortAfter = 100,
            ResetOnAbort = reset,
            PauseBeforeAbort = TimeSpan.FromMilliseconds(500),
        };

        var response = await FuzzClient.SendAsync(host.Port, new FuzzRequest(0, "", "", "POST", "/api/runs") { Body = body, Headers = MasterKeyHeader }, CancellationToken.None);

        Assert.Same(FuzzResponse.Aborted, response);
        var after = await host.WaitForWarningsAsync(before.Count + 1);
        var added = after.Skip(before.Count).ToList();
        Assert.True(added.Count == 1, string.Join("\n", added));
        Assert.True(added[0].Contains("POST /api/runs", StringComparison.Ordinal), added[0]);
        Assert.DoesNotContain(host.Log.Split('\n'), line => FuzzChecks.IsStackTrace(line) || line.Contains(" fail: ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_rejection_Kestrel_writes_is_given_a_problem_body_and_nothing_else_is_touched()
    {
        var rejection = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\nDate: Mon, 07 Dec 2026 01:02:01 GMT\r\nServer: Kestrel\r\n\r\n"u8;
        var answer = "HTTP/1.1 404 Not Found\r\nContent-Type: application/problem+json; charset=utf-8\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8;
        var partial = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n"u8;

        var rewritten = Encoding.ASCII.GetString(KestrelRejections.Rewrite(rejection)!);

        var (head, body) = (rewritten[..rewritten.IndexOf("\r\n\r\n", StringComparison.Ordinal)], rewritten[(rewritten.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..]);
        Assert.StartsWith("HTTP/1.1 400 Bad Request\r\n", head, StringComparison.Ordinal);
        Assert.Contains("Content-Type: application/problem+json; charset=utf-8", head, StringComparison.Ordinal);
        Assert.Contains($"Content-Length: {Encoding.UTF8.GetByteCount(body)}", head, StringComparison.Ordinal);
        Assert.Contains("Connection: close", head, StringComparison.Ordinal);
        Assert.Equal(400, JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32());
        Assert.Null(KestrelRejections.Rewrite("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8));
        Assert.NotNull(KestrelRejections.Rewrite(answer));
        Assert.Null(KestrelRejections.Rewrite(partial));
    }

    private static JsonElement AssertProblem(FuzzResponse response, int status)
    {
        Assert.True(response.Status == status, $"Expected {status}, got {response.Status} {response.Failure}: {response.Text}");
        Assert.Equal("application/problem+json", response.MediaType);
        var problem = JsonDocument.Parse(response.Body).RootElement.Clone();
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.False(FuzzChecks.IsStackTrace(response.Text));
        return problem;
    }
}

/// <summary>The local host as a process of its own (its console is the log under test), on its own Azurite, serving HTTP; no start-up run.</summary>
public sealed class HostProcessFixture : IAsyncLifetime
{
    private readonly AzuriteFixture azurite = new();
    private readonly StringBuilder log = new();
    private Process? host;

    public int Port { get; } = AzuriteEndpoints.OnFreePorts().BlobPort;

    public HttpClient Http { get; private set; } = null!;

    public string Log
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    /// <summary>The host's warning lines so far.</summary>
    public List<string> Warnings() => [.. Log.Split('\n').Where(line => line.Contains(" warn: ", StringComparison.Ordinal))];

    /// <summary>The warning lines once there are at least <paramref name="count"/>; the host writes them as it handles the request.</summary>
    public async Task<List<string>> WaitForWarningsAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Warnings() is var warnings && warnings.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        // Anything more would come right behind.
        await Task.Delay(500);
        return Warnings();
    }

    public async Task InitializeAsync()
    {
        await azurite.InitializeAsync();
        host = LocalHostProcess.Start(
            [
                $"--AzureWebJobsStorage={azurite.ConnectionString}",
                $"--LocalHost:Port={Port}",
                $"--LocalHost:MasterKey={LocalHostUnderTest.MasterKey}",
                "--LocalHost:StartAzurite=false",
                "--LocalHost:RunTimersAtStartup=false",
                "--LocalHost:ReportFirstRun=false",
                "--Demo:PageCount=30",
            ],
            log);
        Http = LocalHostUnderTest.Client(Port, LocalHostUnderTest.MasterKey);
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            Assert.False(host.HasExited, $"The local host exited:\n{Log}");
            Assert.True(DateTime.UtcNow < deadline, $"The local host did not answer in time:\n{Log}");
            try
            {
                using var response = await Http.GetAsync("openapi.json");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (host is not null)
        {
            host.Kill(entireProcessTree: true);
            await host.WaitForExitAsync();
            host.Dispose();
        }

        await azurite.DisposeAsync();
    }
}
