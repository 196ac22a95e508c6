using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Bot.Runtime;
using Bot.Runtime.Telemetry;
using Microsoft.Extensions.Logging;

namespace Bot.Discord;

/// <summary>What Discord answered: status, the JSON body if any, and Discord's error code if it sent one.</summary>
public sealed record DiscordResponse(HttpStatusCode Status, JsonNode? Body)
{
    /// <summary>No HTTP answer at all (connection refused, reset, timed out).</summary>
    public const HttpStatusCode NoResponse = 0;

    public bool IsSuccess => (int)Status is >= 200 and < 300;

    /// <summary>What a 429 asked us to wait.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Worth another try later: no answer, 429 or 5xx.</summary>
    public bool IsTransient => Status == NoResponse || ReplyAttempt.IsTransientStatus(Status);

    /// <summary>This response as the outcome of one reply attempt.</summary>
    public ReplyAttempt ToAttempt() => IsSuccess
        ? ReplyAttempt.Success
        : IsTransient
            ? ReplyAttempt.Transient(Status == NoResponse ? "no response" : $"HTTP {(int)Status}", RetryAfter)
            : ReplyAttempt.Permanent($"HTTP {(int)Status}" + (ErrorCode is { } code ? $" (code {code})" : ""));

    public int? ErrorCode => Body is JsonObject o && o["code"] is JsonValue v && v.TryGetValue<int>(out var code) ? code : null;
}

/// <summary>
/// The REST API with Discord's rate limits: per-route buckets learned from X-RateLimit-* headers, 429 retry_after
/// (global or per route), and a few retries for 5xx and network errors.
/// </summary>
public sealed partial class DiscordRestClient
{
    public const string UserAgent = "DiscordBot (https://github.com/example/article-bot, 1.0.0)";
    private const int MaxRateLimitRetries = 5;
    private const int MaxServerRetries = 3;

    private readonly HttpClient http;
    private readonly DiscordOptions options;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly ConcurrentDictionary<string, string> bucketByRoute = new();
    private readonly ConcurrentDictionary<string, BucketState> buckets = new();
    private long globalUntilTicks;
    private int remembered;

    /// <summary>Every this many responses, buckets long past their reset are forgotten (routes carry channel ids: unbounded).</summary>
    internal const int PruneEvery = 256;

    /// <summary>Never more routes or buckets than this: past it, the stalest half goes (a bucket is only a cache).</summary>
    internal const int MaxBuckets = 10_000;

    internal int BucketCount => buckets.Count;

    internal int RouteCount => bucketByRoute.Count;

    public DiscordRestClient(HttpClient http, DiscordOptions options, TimeProvider time, ILogger<DiscordRestClient> logger)
    {
        this.http = http;
        this.options = options;
        this.time = time;
        this.logger = logger;
        http.DefaultRequestHeaders.UserAgent.Clear();
        http.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", UserAgent);
        http.Timeout = TimeSpan.FromSeconds(15);
    }

    /// <summary>
    /// One attempt, for replies: the caller's <see cref="ReplyRetry"/> retries for as long as the answer is useful.
    /// Waits out a known rate-limit bucket first; a network failure comes back as <see cref="DiscordResponse.NoResponse"/>.
    /// </summary>
    public Task<DiscordResponse> SendOnceAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken, bool authenticate = true) =>
        SendAsync(method, path, body, cancellationToken, authenticate, retry: false);

    /// <summary>Sends a request to <paramref name="path"/> under the API base; interaction and webhook-token routes need no bot auth.</summary>
    public async Task<DiscordResponse> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken, bool authenticate = true, bool retry = true)
    {
        var routeKey = RouteKey(method, path);
        var routeLabel = RouteLabel(routeKey);
        var serverRetries = 0;
        var rateLimitRetries = 0;
        var payload = body?.ToJsonString();
        while (true)
        {
            await WaitForBucketAsync(routeKey, cancellationToken);

            using var request = new HttpRequestMessage(method, options.ApiBaseUrl.AbsoluteUri.TrimEnd('/') + path);
            if (authenticate && options.Token.Length > 0)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bot", options.Token);
            }

            if (payload is not null)
            {
                request.Content = new StringContent(payload, Encoding.UTF8, "application/json");
            }

            HttpResponseMessage response;
            using var call = BotTelemetry.StartPlatformCall(BotTelemetry.Discord, routeLabel);
            try
            {
                response = await http.SendAsync(request, cancellationToken);
                call.Completed(response.StatusCode);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                call.Failed(ex);
                if (!retry)
                {
                    return new DiscordResponse(DiscordResponse.NoResponse, null);
                }

                if (++serverRetries > MaxServerRetries)
                {
                    throw;
                }

                BotTelemetry.RecordRetry(BotTelemetry.Discord, "network_error");
                LogNetworkRetry(logger, routeKey, ex.Message, serverRetries);
                await Task.Delay(Backoff(serverRetries), time, cancellationToken);
                continue;
            }

            using (response)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                var json = ParseOrNull(text);
                Remember(routeKey, response);

                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    var wait = RetryAfter(response, json);
                    var global = json?["global"] is JsonValue g && g.TryGetValue<bool>(out var isGlobal) && isGlobal
                        || response.Headers.TryGetValues("X-RateLimit-Global", out var gv) && gv.Contains("true", StringComparer.OrdinalIgnoreCase);
                    if (global)
                    {
                        Interlocked.Exchange(ref globalUntilTicks, (time.GetUtcNow() + wait).UtcTicks);
                    }

                    if (!retry)
                    {
                        return new DiscordResponse(response.StatusCode, json) { RetryAfter = wait };
                    }

                    if (++rateLimitRetries > MaxRateLimitRetries)
                    {
                        LogStillRateLimited(logger, routeKey, MaxRateLimitRetries);
                        return new DiscordResponse(response.StatusCode, json);
                    }

                    BotTelemetry.RecordRetry(BotTelemetry.Discord, "rate_limited");
                    BotTelemetry.RecordRateLimitWait(BotTelemetry.Discord, wait);
                    LogRateLimited(logger, routeKey, global ? "global" : "route", wait.TotalSeconds);
                    await Task.Delay(wait, time, cancellationToken);
                    continue;
                }

                if ((int)response.StatusCode >= 500 && retry && ++serverRetries <= MaxServerRetries)
                {
                    BotTelemetry.RecordRetry(BotTelemetry.Discord, "server_error");
                    LogServerErrorRetry(logger, routeKey, (int)response.StatusCode, serverRetries);
                    await Task.Delay(Backoff(serverRetries), time, cancellationToken);
                    continue;
                }

                if (!response.IsSuccessStatusCode && (retry || (int)response.StatusCode < 500))
                {
                    LogRefusedCall(logger, routeKey, (int)response.StatusCode, Shorten(text));
                }

                return new DiscordResponse(response.StatusCode, json);
            }
        }
    }

    private async Task WaitForBucketAsync(string routeKey, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var global = new DateTimeOffset(Interlocked.Read(ref globalUntilTicks), TimeSpan.Zero);
        var wait = global > now ? global - now : TimeSpan.Zero;
        if (bucketByRoute.TryGetValue(routeKey, out var bucket) && buckets.TryGetValue(bucket, out var state))
        {
            lock (state)
            {
                if (state.Remaining <= 0 && state.ResetAt > now)
                {
                    wait = TimeSpan.FromTicks(Math.Max(wait.Ticks, (state.ResetAt - now).Ticks));
                }

                // Count this request against the bucket until the response tells us the real figure.
                state.Remaining--;
            }
        }

        if (wait > TimeSpan.Zero)
        {
            BotTelemetry.RecordRateLimitWait(BotTelemetry.Discord, wait);
            await Task.Delay(wait, time, cancellationToken);
        }
    }

    private void Remember(string routeKey, HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("X-RateLimit-Bucket", out var hashes))
        {
            return;
        }

        if (Interlocked.Increment(ref remembered) % PruneEvery == 0 || bucketByRoute.Count >= MaxBuckets || buckets.Count >= MaxBuckets)
        {
            Prune();
        }

        var bucket = hashes.First() + ":" + MajorParameter(routeKey);
        bucketByRoute[routeKey] = bucket;
        var state = buckets.GetOrAdd(bucket, _ => new BucketState());
        lock (state)
        {
            state.Remaining = Header(response, "X-RateLimit-Remaining") is { } remaining ? (int)remaining : 1;
            // Reset-After is relative, so clock skew between us and Discord does not matter.
            state.ResetAt = time.GetUtcNow() + TimeSpan.FromSeconds(Header(response, "X-RateLimit-Reset-After") ?? 0) + TimeSpan.FromMilliseconds(50);
        }
    }

    /// <summary>Forgets buckets whose window ended over a minute ago (a fresh request learns them again), and their routes.</summary>
    private void Prune()
    {
        var stale = time.GetUtcNow() - TimeSpan.FromMinutes(1);
        foreach (var (key, state) in buckets)
        {
            bool expired;
            lock (state)
            {
                expired = state.ResetAt < stale;
            }

            if (expired)
            {
                buckets.TryRemove(key, out _);
            }
        }

        if (buckets.Count >= MaxBuckets)
        {
            foreach (var key in buckets.OrderBy(b => b.Value.ResetAt).Take(buckets.Count / 2).Select(b => b.Key).ToList())
            {
                buckets.TryRemove(key, out _);
            }
        }

        foreach (var (route, bucket) in bucketByRoute)
        {
            if (!buckets.ContainsKey(bucket))
            {
                bucketByRoute.TryRemove(route, out _);
            }
        }
    }

    private static double? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values)
        && double.TryParse(values.First(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static TimeSpan RetryAfter(HttpResponseMessage response, JsonNode? body)
    {
        double seconds = 1;
        if (body?["retry_after"] is JsonValue v && v.TryGetValue<double>(out var fromBody))
        {
            seconds = fromBody;
        }
        else if (Header(response, "Retry-After") is { } fromHeader)
        {
            seconds = fromHeader;
        }

        return TimeSpan.FromSeconds(Math.Clamp(seconds, 0, 300));
    }

    private static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(250 * Math.Pow(2, attempt - 1) * (0.5 + Random.Shared.NextDouble()));

    private static JsonNode? ParseOrNull(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    /// <summary>Method plus path with snowflakes as :id and webhook/interaction tokens as :token (the bucket key).</summary>
    public static string RouteKey(HttpMethod method, string path)
    {
        var route = path.Split('?')[0];
        route = TokenSegment().Replace(route, "$1:token");
        route = Snowflake().Replace(route, ":id");
        var major = MajorId().Match(path) is { Success: true } m ? m.Groups[2].Value : "";
        return $"{method.Method} {route} {major}".TrimEnd();
    }

    /// <summary>The route key without its major id ("POST /channels/:id/messages"): a metric label of few values.</summary>
    internal static string RouteLabel(string routeKey)
    {
        var major = MajorParameter(routeKey);
        return major.Length > 0 ? routeKey[..^(major.Length + 1)] : routeKey;
    }

    // The route key starts with the HTTP method already ("GET /gateway/bot"): never log the method beside it.
    [LoggerMessage(EventId = 300, Level = LogLevel.Warning, Message = "Discord {Route} failed ({Error}); retry {Retry}")]
    private static partial void LogNetworkRetry(ILogger logger, string route, string error, int retry);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "Discord {Route} still rate limited after {Count} retries; giving up")]
    private static partial void LogStillRateLimited(ILogger logger, string route, int count);

    [LoggerMessage(EventId = 302, Level = LogLevel.Information, Message = "Discord rate limit on {Route} ({Scope}); retrying after {Seconds:0.###} s")]
    private static partial void LogRateLimited(ILogger logger, string route, string scope, double seconds);

    [LoggerMessage(EventId = 303, Level = LogLevel.Warning, Message = "Discord {Route} answered {Status}; retry {Retry}")]
    private static partial void LogServerErrorRetry(ILogger logger, string route, int status, int retry);

    [LoggerMessage(EventId = 304, Level = LogLevel.Warning, Message = "Discord {Route} answered {Status}: {Body}")]
    private static partial void LogRefusedCall(ILogger logger, string route, int status, string body);

    private static string MajorParameter(string routeKey)
    {
        var space = routeKey.LastIndexOf(' ');
        var tail = routeKey[(space + 1)..];
        return tail.All(char.IsAsciiDigit) ? tail : "";
    }

    [GeneratedRegex(@"(/(?:webhooks|interactions)/\d+/)[^/?]+")]
    private static partial Regex TokenSegment();

    [GeneratedRegex(@"(?<=/)\d{5,}(?=/|$)")]
    private static partial Regex Snowflake();

    [GeneratedRegex(@"^/(channels|guilds|webhooks)/(\d+)")]
    private static partial Regex MajorId();

    private sealed class BucketState
    {
        public int Remaining = 1;
        public DateTimeOffset ResetAt;
    }
}
