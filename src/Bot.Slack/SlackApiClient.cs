using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Runtime;
using Bot.Runtime.Telemetry;
using Microsoft.Extensions.Logging;

namespace Bot.Slack;

/// <summary>A Web API reply: Slack answers errors with HTTP 200 and `ok:false`, so callers branch on <see cref="Ok"/>.</summary>
public sealed record SlackApiResult(bool Ok, string? Error, JsonObject Body)
{
    /// <summary>The failure can pass (5xx, 429, network): worth trying again later.</summary>
    public bool Transient { get; init; }

    /// <summary>What a 429's Retry-After asked for.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public string? GetString(string name) => Body[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}

/// <summary>The few Web API methods the bot needs, over HttpClient, with Slack's rate-limit and retry rules.</summary>
public sealed class SlackApiClient(HttpClient http, SlackOptions options, TimeProvider time, ILogger<SlackApiClient> logger)
{
    /// <summary>Transient failures (5xx, network, timeout) are retried this many times, with backoff.</summary>
    public const int MaxTransientRetries = 3;

    /// <summary>429s are retried this many times, each after the Retry-After Slack gave.</summary>
    public const int MaxRateLimitRetries = 3;

    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(60);

    /// <summary>`ok:false` codes that say "later", not "never" (Web API docs: errors common to every method).</summary>
    private static readonly HashSet<string> TransientErrors =
        ["ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout", "team_added_to_org"];
    private static readonly MediaTypeHeaderValue JsonUtf8 = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");

    public Task<SlackApiResult> AuthTestAsync(CancellationToken ct) =>
        CallAsync("auth.test", options.BotToken!, null, ct);

    /// <summary>Returns a one-use wss:// URL for Socket Mode; only the app-level token may call it.</summary>
    public Task<SlackApiResult> OpenConnectionAsync(CancellationToken ct) =>
        CallAsync("apps.connections.open", options.AppToken!, null, ct);

    /// <summary>Any Web API method with the bot token and a JSON body (views.publish, assistant.threads.*), with retries.</summary>
    public Task<SlackApiResult> CallBotAsync(string method, JsonObject body, CancellationToken ct) =>
        CallAsync(method, options.BotToken!, body, ct);

    /// <summary>One attempt at a Web API method with the bot token (failures are the caller's to log).</summary>
    public Task<SlackApiResult> TryCallAsync(string method, JsonObject body, CancellationToken ct) =>
        CallAsync(method, options.BotToken!, body, ct, retry: false);

    public Task<SlackApiResult> PostMessageAsync(JsonObject message, CancellationToken ct) =>
        CallAsync("chat.postMessage", options.BotToken!, message, ct);

    /// <summary>
    /// One chat.postMessage attempt, no retries here: the caller's <see cref="ReplyRetry"/> decides, for as long as
    /// the answer is useful. 5xx, 429 (with its Retry-After), network errors and Slack's own transient error codes
    /// are <see cref="ReplyAttempt.Transient"/>; any other refusal is permanent.
    /// </summary>
    public async Task<ReplyAttempt> TryPostMessageAsync(JsonObject message, CancellationToken ct)
    {
        var result = await CallAsync("chat.postMessage", options.BotToken!, message, ct, retry: false);
        if (result.Ok)
        {
            return ReplyAttempt.Success;
        }

        var error = result.Error ?? "unknown_error";
        return result.Transient || TransientErrors.Contains(error)
            ? ReplyAttempt.Transient(error, result.RetryAfter)
            : ReplyAttempt.Permanent(error);
    }

    /// <summary>The message metadata type our mention replies carry, with the event_id they answer.</summary>
    public const string AnswerMetadataType = "article_bot_answer";

    /// <summary>Tags a reply with the event it answers (message metadata), so <see cref="FindAnswerAsync"/> can find it.</summary>
    public static void TagAsAnswerTo(JsonObject message, string eventId) =>
        message["metadata"] = new JsonObject { ["event_type"] = AnswerMetadataType, ["event_payload"] = new JsonObject { ["event_id"] = eventId } };

    /// <summary>
    /// Whether the thread already holds our reply to <paramref name="eventId"/> (conversations.replies with metadata);
    /// null when Slack cannot say (an error, or the app lacks the history scope of the channel).
    /// </summary>
    public async Task<bool?> FindAnswerAsync(string channel, string threadTs, string eventId, CancellationToken ct)
    {
        // Arguments as a query: conversations.replies is a read method, and these take no JSON body.
        var method = $"conversations.replies?channel={Uri.EscapeDataString(channel)}&ts={Uri.EscapeDataString(threadTs)}&include_all_metadata=true&limit=1000";
        var result = await CallAsync(method, options.BotToken!, null, ct);
        if (!result.Ok || result.Body["messages"] is not JsonArray messages)
        {
            return null;
        }

        return messages.OfType<JsonObject>().Any(m =>
            m["metadata"] is JsonObject metadata
            && metadata["event_type"]?.GetValueKind() == System.Text.Json.JsonValueKind.String
            && (string?)metadata["event_type"] == AnswerMetadataType
            && metadata["event_payload"]?["event_id"] is JsonValue id && id.TryGetValue<string>(out var answered) && answered == eventId);
    }

    /// <summary>One attempt at a response_url follow-up, classified like <see cref="TryPostMessageAsync"/>.</summary>
    public async Task<ReplyAttempt> TryPostToResponseUrlAsync(Uri responseUrl, JsonObject message, CancellationToken ct)
    {
        using var response = await SendAsync("response_url", () => Post(responseUrl, null, message), ct, retry: false);
        if (response is null)
        {
            return ReplyAttempt.Transient("request_failed");
        }

        if (response.IsSuccessStatusCode)
        {
            return ReplyAttempt.Success;
        }

        var status = (int)response.StatusCode;
        return ReplyAttempt.IsTransientStatus(response.StatusCode)
            ? ReplyAttempt.Transient($"http_{status}", status == 429 ? RetryAfter(response, time) : null)
            : ReplyAttempt.Permanent($"http_{status}");
    }

    /// <summary>A follow-up to a slash command; response_url needs no token (the URL is the credential).</summary>
    public async Task<bool> PostToResponseUrlAsync(Uri responseUrl, JsonObject message, CancellationToken ct)
    {
        using var response = await SendAsync("response_url", () => Post(responseUrl, null, message), ct);
        if (response is { IsSuccessStatusCode: true })
        {
            return true;
        }

        SlackLog.ResponseUrlFollowUpFailed(logger, (int?)response?.StatusCode);
        return false;
    }

    /// <param name="retry">False: one attempt, failures not logged here (the caller retries and logs).</param>
    public async Task<SlackApiResult> CallAsync(string method, string token, JsonObject? body, CancellationToken ct, bool retry = true)
    {
        var uri = new Uri(options.ApiBaseUrl, method);
        using var response = await SendAsync(method, () => Post(uri, token, body), ct, retry);
        if (response is null)
        {
            return Failed(method, "request_failed", log: retry) with { Transient = true };
        }

        if (!response.IsSuccessStatusCode)
        {
            var rateLimited = response.StatusCode == HttpStatusCode.TooManyRequests;
            return Failed(method, rateLimited ? "ratelimited" : $"http_{(int)response.StatusCode}", log: retry) with
            {
                Transient = ReplyAttempt.IsTransientStatus(response.StatusCode),
                RetryAfter = rateLimited ? RetryAfter(response, time) : null,
            };
        }

        JsonObject? json;
        try
        {
            json = JsonNode.Parse(await response.Content.ReadAsStreamAsync(ct)) as JsonObject;
        }
        catch (JsonException)
        {
            json = null;
        }

        if (json is null)
        {
            return Failed(method, "invalid_response", log: retry);
        }

        var ok = json["ok"] is JsonValue okValue && okValue.TryGetValue<bool>(out var b) && b;
        var error = json["error"] is JsonValue e && e.TryGetValue<string>(out var code) ? code : null;
        if (!ok)
        {
            return Failed(method, error ?? "unknown_error", log: retry, json);
        }

        if (json["warning"] is JsonValue w && w.TryGetValue<string>(out var warning))
        {
            SlackLog.ApiWarning(logger, method, warning);
        }

        return new SlackApiResult(true, null, json);
    }

    private SlackApiResult Failed(string method, string error, bool log, JsonObject? body = null)
    {
        if (log)
        {
            SlackLog.ApiCallFailed(logger, method, error);
        }

        return new SlackApiResult(false, error, body ?? new JsonObject { ["ok"] = false, ["error"] = error });
    }

    private static HttpRequestMessage Post(Uri uri, string? token, JsonObject? body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, uri);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is null)
        {
            request.Content = new FormUrlEncodedContent([]);
        }
        else
        {
            request.Content = new ByteArrayContent(SlackJson.ToUtf8(body));
            request.Content.Headers.ContentType = JsonUtf8;
        }

        return request;
    }

    /// <summary>
    /// Sends with retries: 429 waits Retry-After then tries again; 5xx, network errors and timeouts back off
    /// exponentially with jitter. Returns the last response, or null when the network never answered.
    /// </summary>
    /// <param name="what">What to call it in logs: never the URL, as a response_url is itself a credential.</param>
    private async Task<HttpResponseMessage?> SendAsync(string what, Func<HttpRequestMessage> build, CancellationToken ct, bool retry = true)
    {
        var transient = retry ? 0 : MaxTransientRetries;
        var rateLimited = retry ? 0 : MaxRateLimitRetries;
        while (true)
        {
            using var request = build();
            HttpResponseMessage? response = null;
            TimeSpan delay;
            using var call = BotTelemetry.StartPlatformCall(BotTelemetry.Slack, what);
            try
            {
                response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
                call.Completed(response.StatusCode);
                if (response.StatusCode == HttpStatusCode.TooManyRequests && rateLimited < MaxRateLimitRetries)
                {
                    rateLimited++;
                    delay = RetryAfter(response, time);
                    BotTelemetry.RecordRateLimitWait(BotTelemetry.Slack, delay);
                    BotTelemetry.RecordRetry(BotTelemetry.Slack, "rate_limited");
                    SlackLog.RateLimitedRetrying(logger, what, delay.TotalSeconds);
                }
                else if ((int)response.StatusCode >= 500 && transient < MaxTransientRetries)
                {
                    delay = Backoff(transient++);
                    BotTelemetry.RecordRetry(BotTelemetry.Slack, "server_error");
                    SlackLog.ServerErrorRetrying(logger, (int)response.StatusCode, what);
                }
                else
                {
                    return response;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException || ex is TaskCanceledException && !ct.IsCancellationRequested)
            {
                call.Failed(ex);
                if (transient >= MaxTransientRetries)
                {
                    if (retry)
                    {
                        SlackLog.RequestGaveUp(logger, what, ex.Message);
                    }

                    return null;
                }

                delay = Backoff(transient++);
                BotTelemetry.RecordRetry(BotTelemetry.Slack, "network_error");
            }

            response?.Dispose();
            await Task.Delay(delay, time, ct);
        }
    }

    private static TimeSpan RetryAfter(HttpResponseMessage response, TimeProvider time)
    {
        var retryAfter = response.Headers.RetryAfter;
        var delay = retryAfter?.Delta
            ?? (retryAfter?.Date is { } date ? date - time.GetUtcNow() : TimeSpan.FromSeconds(1));
        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay > MaxRetryAfter ? MaxRetryAfter : delay;
    }

    private static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(250 * Math.Pow(2, attempt) * (0.5 + Random.Shared.NextDouble() / 2));
}
