using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Bot.Runtime;

/// <summary>
/// Requests refused before anything in them was trusted (no or a bad signature, a stale timestamp, a body cut off or
/// too big). Each is logged at Debug only, so hostile traffic costs no log volume; a summary with the counts is logged
/// at most once a minute (<see cref="SummaryEvery"/>), when the next refusal comes after that minute.
/// </summary>
public sealed partial class RefusedRequests(TimeProvider time, ILogger<RefusedRequests> logger)
{
    public static readonly TimeSpan SummaryEvery = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<(string Endpoint, string Reason), int> _counts = new();
    private readonly Lock _summaryLock = new();
    private long _total;
    private DateTimeOffset _windowStart = DateTimeOffset.MinValue;

    /// <summary>Refused since the process started.</summary>
    public long Total => Interlocked.Read(ref _total);

    public void Record(string endpoint, string reason)
    {
        Interlocked.Increment(ref _total);
        Telemetry.BotTelemetry.RecordRefused(endpoint, reason);
        LogRefused(logger, endpoint, reason);
        _counts.AddOrUpdate((endpoint, reason), 1, (_, n) => n + 1);

        var now = time.GetUtcNow();
        string? summary = null;
        lock (_summaryLock)
        {
            if (_windowStart == DateTimeOffset.MinValue)
            {
                _windowStart = now;
            }
            else if (now - _windowStart >= SummaryEvery)
            {
                summary = string.Join(", ", _counts.OrderBy(c => c.Key.Endpoint).ThenBy(c => c.Key.Reason).Select(c => $"{c.Key.Endpoint} {c.Key.Reason}: {c.Value}"));
                _counts.Clear();
                _windowStart = now;
            }
        }

        if (summary is not null)
        {
            LogSummary(logger, summary);
        }
    }

    [LoggerMessage(EventId = 120, Level = LogLevel.Debug, Message = "Refused a request to {Endpoint}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string endpoint, string reason);

    [LoggerMessage(EventId = 121, Level = LogLevel.Information, Message = "Refused unauthenticated or broken requests in the last minute or more: {Counts}")]
    private static partial void LogSummary(ILogger logger, string counts);
}
