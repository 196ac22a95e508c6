using System.Net;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Runtime;

/// <summary>How one attempt to deliver a reply went.</summary>
public readonly record struct ReplyAttempt(bool Delivered, bool Retryable, string? Error, TimeSpan? RetryAfter = null)
{
    public static ReplyAttempt Success { get; } = new(true, false, null);

    /// <summary>5xx, 429, a timeout or no connection: the platform may take it later.</summary>
    public static ReplyAttempt Transient(string error, TimeSpan? retryAfter = null) => new(false, true, error, retryAfter);

    /// <summary>A refusal no retry can change (not_in_channel, 403, unknown webhook…).</summary>
    public static ReplyAttempt Permanent(string error) => new(false, false, error);

    /// <summary>Whether a platform's HTTP answer may change if asked again later: 429 (rate limited) or 5xx.</summary>
    public static bool IsTransientStatus(HttpStatusCode status) => status == HttpStatusCode.TooManyRequests || (int)status >= 500;
}

/// <summary>
/// Retries a reply that failed for a reason that can pass (5xx, 429, network) with exponential backoff and full
/// jitter, waiting at least what Retry-After asks, until the answer stops being useful (a deadline); then gives up
/// with one log line. Each attempt's outcome feeds <see cref="ReplyHealth"/>.
/// </summary>
public sealed partial class ReplyRetry(IOptions<ReplyOptions> options, ReplyHealth health, TimeProvider time, ILogger<ReplyRetry> logger)
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(500);

    public TimeProvider Time => time;

    /// <summary>The default deadline for a reply to a message that arrived now (Replies:RetryWindow from now).</summary>
    public DateTimeOffset MentionDeadline() => time.GetUtcNow() + options.Value.RetryWindow;

    /// <summary>The deadline for a reply to a message that arrived (was acked) at <paramref name="arrivedAt"/>.</summary>
    public DateTimeOffset MentionDeadline(DateTimeOffset arrivedAt) => arrivedAt + options.Value.RetryWindow;

    /// <summary>A deadline <paramref name="usefulFor"/> from now, on the clock the retries run on.</summary>
    public DateTimeOffset DeadlineIn(TimeSpan usefulFor) => time.GetUtcNow() + usefulFor;

    /// <summary>
    /// Runs <paramref name="attempt"/> until it is delivered, refused for good, or the next try would start after
    /// <paramref name="deadline"/>. Returns whether it was delivered. <paramref name="cancellationToken"/> is the
    /// shutdown's abandon signal: it ends the wait between attempts (and is thrown).
    /// </summary>
    /// <param name="what">For logs, never a URL or token: "Slack reply to Ev123 in C111".</param>
    public async Task<bool> DeliverAsync(string what, DateTimeOffset deadline, Func<CancellationToken, Task<ReplyAttempt>> attempt, CancellationToken cancellationToken, WorkLease? lease = null)
    {
        var started = time.GetUtcNow();
        for (var tries = 1; ; tries++)
        {
            // Shared work (Redis) is posted only by the replica that owns it, under its posting claim: asked before
            // every attempt, as ownership can be lost between two (a replica stalled or cut off from Redis for longer
            // than Redis:TakeOverAfter is taken for dead and its work taken over).
            var clearance = lease is null ? PostClearance.Granted : await lease.BeginPostAsync(cancellationToken);
            if (clearance == PostClearance.StandDown)
            {
                return false;
            }

            ReplyAttempt result;
            if (clearance == PostClearance.Unavailable)
            {
                result = ReplyAttempt.Transient("the shared store is unreachable, so whether this replica may post is unknown");
            }
            else
            {
                result = await AttemptAsync(attempt, lease, cancellationToken);
            }

            if (result.Delivered)
            {
                health.Succeeded();
                if (tries > 1)
                {
                    LogDeliveredAfterRetries(logger, what, tries, (time.GetUtcNow() - started).TotalSeconds);
                }

                return true;
            }

            if (lease is { StoodDown: true })
            {
                // Cut off mid-attempt: the replica taking it over checks whether this attempt got through.
                return false;
            }

            if (!result.Retryable)
            {
                LogRefused(logger, what, result.Error ?? "refused");
                return false;
            }

            if (clearance == PostClearance.Granted)
            {
                health.Failed(result.Error ?? "failed");
            }

            var delay = Backoff(tries, result.RetryAfter);
            var now = time.GetUtcNow();
            if (now + delay > deadline)
            {
                LogGaveUp(logger, what, tries, (now - started).TotalSeconds, result.Error ?? "failed");
                return false;
            }

            if (lease is not null)
            {
                lease.Status = $"retrying after {result.Error}";
            }

            // Every "what" starts with its platform's name ("Slack reply to …", "Discord response to …").
            Telemetry.BotTelemetry.RecordRetry(what.StartsWith("Discord", StringComparison.Ordinal) ? Telemetry.BotTelemetry.Discord : Telemetry.BotTelemetry.Slack, "reply");
            LogRetrying(logger, what, result.Error ?? "failed", delay.TotalSeconds, tries);
            await Task.Delay(delay, time, cancellationToken);
        }
    }

    /// <summary>One attempt; with a <see cref="WorkLease.Fence"/> it is cut off if this process stands down meanwhile.</summary>
    private static async Task<ReplyAttempt> AttemptAsync(Func<CancellationToken, Task<ReplyAttempt>> attempt, WorkLease? lease, CancellationToken cancellationToken)
    {
        using var standDown = lease?.Fence is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lease.StandDown);
        var result = ReplyAttempt.Transient("failed");
        try
        {
            result = await attempt(standDown?.Token ?? cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException || ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            result = ReplyAttempt.Transient(ex is OperationCanceledException ? "timeout" : ex.Message);
        }
        finally
        {
            lease?.EndPost(result.Delivered);
        }

        return result;
    }

    /// <summary>Full jitter over an exponential ceiling (0.5 s, 1 s, 2 s … Replies:MaxBackoff), but never less than Retry-After.</summary>
    internal TimeSpan Backoff(int failures, TimeSpan? retryAfter)
    {
        var ceiling = Math.Min(options.Value.MaxBackoff.TotalMilliseconds, FirstBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 20)));
        var jittered = TimeSpan.FromMilliseconds(ceiling * (0.5 + (Random.Shared.NextDouble() / 2)));
        return retryAfter is { } after && after > jittered ? after : jittered;
    }

    [LoggerMessage(EventId = 110, Level = LogLevel.Debug, Message = "{What} failed ({Error}); retry {Tries} in {Seconds:0.###} s")]
    private static partial void LogRetrying(ILogger logger, string what, string error, double seconds, int tries);

    [LoggerMessage(EventId = 111, Level = LogLevel.Information, Message = "{What} delivered after {Tries} attempts over {Seconds:0.#} s")]
    private static partial void LogDeliveredAfterRetries(ILogger logger, string what, int tries, double seconds);

    [LoggerMessage(EventId = 112, Level = LogLevel.Error, Message = "Gave up on {What} after {Tries} attempts over {Seconds:0.#} s: the answer would come too late to be useful (last error: {Error})")]
    private static partial void LogGaveUp(ILogger logger, string what, int tries, double seconds, string error);

    [LoggerMessage(EventId = 113, Level = LogLevel.Warning, Message = "{What} refused: {Error}; not retried")]
    private static partial void LogRefused(ILogger logger, string what, string error);
}

/// <summary>/readyz `replies`: Degraded while replies keep failing (so an operator sees an outage), Healthy after one gets through.</summary>
public sealed class ReplyHealth(IOptions<ReplyOptions> options) : IHealthCheck
{
    public const string Name = "replies";

    private int _failuresInARow;
    private volatile string? _lastError;

    public int FailuresInARow => Volatile.Read(ref _failuresInARow);

    public void Succeeded() => Interlocked.Exchange(ref _failuresInARow, 0);

    public void Failed(string error)
    {
        _lastError = error;
        Interlocked.Increment(ref _failuresInARow);
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var failures = FailuresInARow;
        return Task.FromResult(failures >= options.Value.DegradedAfterFailures
            ? HealthCheckResult.Degraded($"{failures} reply attempts failed in a row, last: {_lastError}; retrying")
            : HealthCheckResult.Healthy());
    }
}

/// <summary>/readyz `shutdown`: Unhealthy from the moment the host starts stopping, so load balancers stop sending.</summary>
public sealed class ShutdownReadiness(WorkTracker tracker) : IHealthCheck
{
    public const string Name = "shutdown";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(tracker.IsStopping
            ? HealthCheckResult.Unhealthy($"shutting down, {tracker.InFlight} item(s) still being answered")
            : HealthCheckResult.Healthy());
}
