using System.Collections.Concurrent;
using System.Text;
using GosAnalytics.Functions.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;

namespace GosAnalytics.LocalHost.Hosting;

/// <summary>
/// Static JSON documents of any size (<c>LocalHost:ServeBenchmarkDocuments</c>), the serve bench's reference: a route's answer is
/// compared with a document of its own size served by the same host, written by the same <see cref="AnswerResult"/> (ETag, 304,
/// compression), but made once and with no function behind it.
/// </summary>
internal static class BenchmarkDocuments
{
    private const int MaxBytes = 10 * 1024 * 1024;
    private static readonly ConcurrentDictionary<int, Answer> Documents = new();

    public static void MapBenchmarkDocuments(this WebApplication app) =>
        app.MapGet("/bench/static/{bytes:int}", (HttpContext context, int bytes) =>
            bytes is < 16 or > MaxBytes
                ? Results.BadRequest()
                : new AnswerActionResult(Documents.GetOrAdd(bytes, Document)));

    /// <summary>A JSON object of exactly <paramref name="bytes"/> bytes, Cyrillic text like the API's answers.</summary>
    private static Answer Document(int bytes)
    {
        const string Text = "Рейтинг госпабликов региона по индексу качества ";
        var json = new StringBuilder("{\"text\":\"");
        var length = Encoding.UTF8.GetByteCount(json.ToString()) + 2; // with the closing "}
        var textBytes = Encoding.UTF8.GetByteCount(Text);
        for (; length + textBytes <= bytes; length += textBytes)
        {
            json.Append(Text);
        }

        json.Append('.', bytes - length);
        return new Answer(Encoding.UTF8.GetBytes(json.Append("\"}").ToString()), "application/json; charset=utf-8");
    }

    /// <summary>Runs the answer's <see cref="AnswerResult"/> as a minimal API result.</summary>
    private sealed class AnswerActionResult(Answer answer) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) =>
            new AnswerResult(answer).ExecuteResultAsync(new ActionContext(httpContext, httpContext.GetRouteData(), new ActionDescriptor()));
    }
}
