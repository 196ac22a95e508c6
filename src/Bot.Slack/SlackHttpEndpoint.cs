using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Runtime;
using Bot.Runtime.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace Bot.Slack;

/// <summary>
/// POST /slack/events: slash commands and interactivity (form), Events API and url_verification (JSON), all signed. The signature is
/// checked on the raw bytes before anything in them is parsed; what fails it gets a 401 and a Debug line only.
/// </summary>
internal sealed class SlackHttpEndpoint(SlackBot bot, SlackSignatureVerifier verifier, RefusedRequests refused, ILogger<SlackHttpEndpoint> logger)
{
    public const string Path = "/slack/events";

    /// <summary>Slack's payloads are a few KiB; anything near this is not from Slack.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public async Task HandleAsync(HttpContext context)
    {
        var ct = context.RequestAborted;
        var verified = false;
        try
        {
            // Not cancelled by RequestAborted: a read cancelled mid-way leaves Kestrel's body reader busy (its drain then
            // logs a stack trace); when the client hangs up, Kestrel ends the read itself.
            var body = await ReadBodyAsync(context.Request, CancellationToken.None);
            if (body is null)
            {
                refused.Record(Path, "body over 64 KiB");
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return;
            }

            var mediaType = context.Request.ContentType?.Split(';', 2)[0].Trim().ToLowerInvariant();
            var timestamp = context.Request.Headers["X-Slack-Request-Timestamp"].ToString();
            var signature = context.Request.Headers["X-Slack-Signature"].ToString();
            verified = verifier.Verify(timestamp, signature, body);
            if (!verified)
            {
                // Slack's TLS probe is the one unsigned request: recognised on the raw bytes, nothing parsed.
                if (mediaType == "application/x-www-form-urlencoded" && IsSslCheck(body))
                {
                    context.Response.StatusCode = StatusCodes.Status200OK;
                    return;
                }

                refused.Record(Path, timestamp.Length == 0 || signature.Length == 0 ? "no signature" : "bad or stale signature");
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }

            if (mediaType == "application/x-www-form-urlencoded")
            {
                await HandleFormAsync(context, QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body)), ct);
            }
            else if (mediaType == "application/json")
            {
                await HandleJsonAsync(context, body);
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
            }
        }
        catch (Exception ex) when (ct.IsCancellationRequested || (!verified && ex is IOException or BadHttpRequestException or OperationCanceledException))
        {
            // The client hung up, or its body never arrived whole: not our error, and nothing to answer.
            refused.Record(Path, "request cut off");
            if (!context.Response.HasStarted && ex is BadHttpRequestException bad)
            {
                context.Response.StatusCode = bad.StatusCode;
            }
        }
        catch (BadHttpRequestException ex)
        {
            context.Response.StatusCode = ex.StatusCode;
        }
        catch (Exception ex) when (verified)
        {
            SlackLog.HttpRequestFailed(logger, ex);
            if (!context.Response.HasStarted)
            {
                // Slack shows nothing useful for a 500; a 200 with a short ephemeral note tells the user.
                context.Response.StatusCode = StatusCodes.Status200OK;
                await WriteJsonAsync(context, new JsonObject { ["response_type"] = "ephemeral", ["text"] = "Sorry, something went wrong." });
            }
        }
        catch (Exception ex)
        {
            // Never a 200 without a valid signature, and no stack trace for a stranger's request.
            refused.Record(Path, "unreadable request: " + ex.GetType().Name);
            if (!context.Response.HasStarted)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
            }
        }
    }

    /// <summary>A form body with the field ssl_check=1, found without parsing the form.</summary>
    internal static bool IsSslCheck(ReadOnlySpan<byte> body)
    {
        ReadOnlySpan<byte> field = "ssl_check=1"u8;
        foreach (var range in body.Split((byte)'&'))
        {
            if (body[range].SequenceEqual(field))
            {
                return true;
            }
        }

        return false;
    }

    private async Task HandleFormAsync(HttpContext context, Dictionary<string, StringValues> form, CancellationToken ct)
    {
        if (form.TryGetValue("command", out var command) && !StringValues.IsNullOrEmpty(command))
        {
            using var trace = BotTelemetry.StartRequest(BotTelemetry.Slack, BotTelemetry.Http, "command", null, logger);
            var conversation = SlackConversation.ForCommand(
                command.ToString(), form.GetValueOrDefault("team_id").ToString(), form.GetValueOrDefault("channel_id").ToString(), form.GetValueOrDefault("user_id").ToString());
            var response = await bot.AnswerCommandAsync(
                command.ToString(), form.GetValueOrDefault("text").ToString(), form.GetValueOrDefault("response_url").ToString(), conversation, ct);
            await WriteJsonAsync(context, response);
            trace.Replied();
            return;
        }

        // Interactivity (button clicks, the message shortcut): a `payload` field holding JSON. Acked with an empty 200 at
        // once; the answer goes to the payload's response_url. A payload that is not ours is acked all the same.
        if (form.TryGetValue("payload", out var raw) && !StringValues.IsNullOrEmpty(raw))
        {
            if (ParseObject(raw.ToString()) is not { } payload)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }

            using var trace = BotTelemetry.StartRequest(BotTelemetry.Slack, BotTelemetry.Http, "interaction", null, logger);
            bot.AcceptInteraction(payload);
            context.Response.StatusCode = StatusCodes.Status200OK;
            trace.Replied();
            return;
        }

        context.Response.StatusCode = StatusCodes.Status400BadRequest;
    }

    private static JsonObject? ParseObject(string json)
    {
        try
        {
            return JsonNode.Parse(json) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task HandleJsonAsync(HttpContext context, byte[] body)
    {
        JsonObject? json;
        try
        {
            json = JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            json = null;
        }

        if (json is null)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        EventAcceptance acceptance;
        switch (SlackBot.Str(json, "type"))
        {
            case "url_verification":
                await WriteJsonAsync(context, new JsonObject { ["challenge"] = SlackBot.Str(json, "challenge") ?? "" });
                return;
            case "event_callback":
                _ = int.TryParse(context.Request.Headers["X-Slack-Retry-Num"], out var retry);
                using (BotTelemetry.StartRequest(BotTelemetry.Slack, BotTelemetry.Http, "event", SlackBot.Str(json, "event_id"), logger))
                {
                    // The trace goes with the queued event: its reply continues it.
                    acceptance = await bot.AcceptEventAsync(json, retry);
                }

                // Ack first (empty 200), answer later: Slack retries anything slower than 3 s. What we cannot keep
                // (queue full, stopping) gets a 503, so Slack delivers it again.
                if (acceptance == EventAcceptance.Refused)
                {
                    context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                    context.Response.Headers.RetryAfter = "1";
                    return;
                }

                context.Response.StatusCode = StatusCodes.Status200OK;
                return;
            case null:
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            default:
                // app_rate_limited and future types: acknowledged, nothing to do.
                context.Response.StatusCode = StatusCodes.Status200OK;
                return;
        }
    }

    private static async Task WriteJsonAsync(HttpContext context, JsonObject json)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        // Straight into the response pipe: no intermediate string on the hot path.
        await using (var writer = new Utf8JsonWriter(context.Response.BodyWriter, SlackJson.WriterOptions))
        {
            json.WriteTo(writer);
        }

        await context.Response.BodyWriter.FlushAsync();
    }

    /// <summary>The exact bytes Slack signed, or null when the body is over <see cref="MaxBodyBytes"/>.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        if (request.ContentLength is { } length)
        {
            // Kestrel enforces Content-Length, so the body is exactly this long.
            var exact = new byte[length];
            await request.Body.ReadExactlyAsync(exact, ct);
            return exact;
        }

        var buffer = new MemoryStream(4096);
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
