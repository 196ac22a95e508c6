using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Bot.Slack;

/// <summary>A Web API reply: Slack answers errors with HTTP 200 and `ok:false`, so callers branch on <see cref="Ok"/>.</summary>
public sealed record SlackApiResult(bool Ok, string? Error, JsonObject Body)
{
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
    private static readonly MediaTypeHeaderValue JsonUtf8 = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");

    public Task<SlackApiResult> AuthTestAsync(CancellationToken ct) =>
        CallAsync("auth.test", options.BotToken!, null, ct);

    /// <summary>Returns a one-use wss:// URL for Socket Mode; only the app-level token may call it.</summary>
    public Task<SlackApiResult> OpenConnectionAsync(CancellationToken ct) =>
        CallAsync("apps.connections.open", options.AppToken!, null, ct);

    public Task<SlackApiResult> PostMessageAsync(JsonObject message, CancellationToken ct) =>
        CallAsync("chat.postMessage", options.BotToken!, message, ct);

    /// <summary>A follow-up to a slash command; response_url needs no token (the URL is the credential).</summary>
    public async Task<bool> PostToResponseUrlAsync(Uri responseUrl, JsonObject message, CancellationToken ct)
    {
        using var response = await SendAsync("response_url", () => Post(responseUrl, null, message), ct);
        if (response is { IsSuccessStatusCode: true })
        {
            return true;
        }

        logger.LogWarning("Slack response_url follow-up failed with HTTP {Status}", (int?)response?.StatusCode);
        return false;
    }

    public async Task<SlackApiResult> CallAsync(string method, string token, JsonObject? body, CancellationToken ct)
    {
        var uri = new Uri(options.ApiBaseUrl, method);
        using var response = await SendAsync(method, () => Post(uri, token, body), ct);
        if (response is null)
        {
            return Failed(method, "request_failed");
        }

        if (!response.IsSuccessStatusCode)
        {
            return Failed(method, response.StatusCode == HttpStatusCode.TooManyRequests ? "ratelimited" : $"http_{(int)response.StatusCode}");
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
            return Failed(method, "invalid_response");
        }

        var ok = json["ok"] is JsonValue okValue && okValue.TryGetValue<bool>(out var b) && b;
        var error = json["error"] is JsonValue e && e.TryGetValue<string>(out var code) ? code : null;
        if (!ok)
        {
            return Failed(method, error ?? "unknown_error", json);
        }

        if (json["warning"] is JsonValue w && w.TryGetValue<string>(out var warning))
        {
            logger.LogInformation("Slack {Method} warning: {Warning}", method, warning);
        }

        return new SlackApiResult(true, null, json);
    }

    private SlackApiResult Failed(string method, string error, JsonObject? body = null)
    {
        logger.LogWarning("Slack {Method} failed: {Error}", method, error);
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
    private async Task<HttpResponseMessage?> SendAsync(string what, Func<HttpRequestMessage> build, CancellationToken ct)
    {
        var transient = 0;
        var rateLimited = 0;
        while (true)
        {
            using var request = build();
            HttpResponseMessage? response = null;
            TimeSpan delay;
            try
            {
                response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
                if (response.StatusCode == HttpStatusCode.TooManyRequests && rateLimited < MaxRateLimitRetries)
                {
                    rateLimited++;
                    delay = RetryAfter(response);
                    logger.LogInformation("Slack rate-limited {What}; retrying in {Delay} s", what, delay.TotalSeconds);
                }
                else if ((int)response.StatusCode >= 500 && transient < MaxTransientRetries)
                {
                    delay = Backoff(transient++);
                    logger.LogInformation("Slack answered HTTP {Status} for {What}; retrying", (int)response.StatusCode, what);
                }
                else
                {
                    return response;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException || ex is TaskCanceledException && !ct.IsCancellationRequested)
            {
                if (transient >= MaxTransientRetries)
                {
                    logger.LogWarning("Slack request {What} failed: {Reason}", what, ex.Message);
                    return null;
                }

                delay = Backoff(transient++);
            }

            response?.Dispose();
            await Task.Delay(delay, time, ct);
        }
    }

    private static TimeSpan RetryAfter(HttpResponseMessage response)
    {
        var retryAfter = response.Headers.RetryAfter;
        var delay = retryAfter?.Delta
            ?? (retryAfter?.Date is { } date ? date - DateTimeOffset.UtcNow : TimeSpan.FromSeconds(1));
        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay > MaxRetryAfter ? MaxRetryAfter : delay;
    }

    private static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(250 * Math.Pow(2, attempt) * (0.5 + Random.Shared.NextDouble() / 2));
}
