using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace GosAnalytics.FunctionalTests;

/// <summary>Runs of a local host under test, started and followed over HTTP like any client, and the faults the tests put in their way.</summary>
internal static class TestRuns
{
    /// <summary>Polls <c>GET /api/runs/latest</c> until the run (<paramref name="runId"/>, or whichever is latest) has ended, whatever its outcome.</summary>
    public static async Task<JsonElement> WaitForEndAsync(HttpClient http, TimeSpan timeout, string? runId = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        JsonElement last = default;
        while (DateTime.UtcNow < deadline)
        {
            using var response = await http.GetAsync("runs/latest");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                last = await response.Content.ReadFromJsonAsync<JsonElement>();
                if ((runId is null || last.GetProperty("runId").GetString() == runId) && last.GetProperty("status").GetString() is "completed" or "partial" or "failed")
                {
                    return last;
                }
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The run {runId} did not end within {timeout}. Last status: {last}");
    }

    /// <summary>Starts the run of <paramref name="day"/> with <c>POST /api/runs</c> and waits until it has ended.</summary>
    public static async Task<JsonElement> RunDayAsync(HttpClient http, DateOnly day)
    {
        var runId = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using (var start = await http.PostAsync($"runs?metricDay={runId}", null))
        {
            Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        }

        return await WaitForEndAsync(http, TimeSpan.FromMinutes(3), runId);
    }
}
