using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Runtime;
using Bot.Runtime.Telemetry;
using Microsoft.AspNetCore.Http;
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
            var request = context.Request;
            if (request.ContentLength > MaxBodyBytes)
            {
                refused.Record(Path, "body over 64 KiB");
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return;
            }

            var timestamp = request.Headers["X-Slack-Request-Timestamp"].ToString();
            var signature = request.Headers["X-Slack-Signature"].ToString();
            var mediaType = MediaTypeOf(request.ContentType);

            // The signature covers "v0:{timestamp}:" followed by the raw body exactly as sent: both go into one pooled
            // buffer (the body read once, right after the prefix), which is what is verified, then parsed, then returned.
            // A timestamp that cannot be valid gets no prefix: the body is still read whole, then refused unhashed.
            var prefix = Math.Max(0, SlackSignatureVerifier.PrefixBytes(timestamp));

            // Not cancelled by RequestAborted: a read cancelled mid-way leaves Kestrel's body reader busy (its drain then
            // logs a stack trace); when the client hangs up, Kestrel ends the read itself.
            var (buffer, length) = await SignedBody.ReadAsync(request, prefix, MaxBodyBytes, timestamp, static (stamp, buffer) => SlackSignatureVerifier.WritePrefix(stamp, buffer));
            var form = default(SlackForm);
            JsonObject? json = null;
            try
            {
                if (buffer is null)
                {
                    refused.Record(Path, "body over 64 KiB");
                    context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                    return;
                }

                var body = buffer.AsSpan(prefix, length - prefix);
                verified = prefix > 0 && verifier.VerifySigned(timestamp, signature, buffer.AsSpan(0, length));
                if (!verified)
                {
                    // Slack's TLS probe is the one unsigned request: recognised on the raw bytes, nothing parsed.
                    if (mediaType == MediaType.Form && IsSslCheck(body))
                    {
                        context.Response.StatusCode = StatusCodes.Status200OK;
                        return;
                    }

                    refused.Record(Path, timestamp.Length == 0 || signature.Length == 0 ? "no signature" : "bad or stale signature");
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return;
                }

                switch (mediaType)
                {
                    case MediaType.Form:
                        form = SlackForm.Parse(body);
                        break;
                    case MediaType.Json:
                        json = ParseObject(body);
                        break;
                    default:
                        context.Response.StatusCode = StatusCodes.Status400BadRequest;
                        return;
                }
            }
            finally
            {
                if (buffer is not null)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }

            if (mediaType == MediaType.Form)
            {
                await HandleFormAsync(context, form, ct);
            }
            else
            {
                await HandleJsonAsync(context, json);
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
                var note = new JsonObject { ["response_type"] = "ephemeral", ["text"] = "Sorry, something went wrong." };
                await WriteJsonAsync(context, w => note.WriteTo(w));
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

    private enum MediaType
    {
        Other,
        Form,
        Json,
    }

    /// <summary>The media type without parameters, compared without regard to case; nothing allocated.</summary>
    private static MediaType MediaTypeOf(string? contentType)
    {
        var media = contentType.AsSpan();
        var semicolon = media.IndexOf(';');
        media = (semicolon < 0 ? media : media[..semicolon]).Trim();
        return media.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) ? MediaType.Form
            : media.Equals("application/json", StringComparison.OrdinalIgnoreCase) ? MediaType.Json
            : MediaType.Other;
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

    private async Task HandleFormAsync(HttpContext context, SlackForm form, CancellationToken ct)
    {
        if (!StringValues.IsNullOrEmpty(form.Command))
        {
            using var trace = BotTelemetry.StartRequest(BotTelemetry.Slack, BotTelemetry.Http, "command", null, logger);
            var command = form.Command.ToString();
            var conversation = SlackConversation.ForCommand(command, form.TeamId.ToString(), form.ChannelId.ToString(), form.UserId.ToString());
            var reply = await bot.AnswerCommandReplyAsync(command, form.Text.ToString(), form.ResponseUrl.ToString(), conversation, ct);
            await WriteJsonAsync(context, reply.WriteTo);
            trace.Replied();
            return;
        }

        // Interactivity (button clicks, the message shortcut): a `payload` field holding JSON. Acked with an empty 200 at
        // once; the answer goes to the payload's response_url. A payload that is not ours is acked all the same.
        if (!StringValues.IsNullOrEmpty(form.Payload))
        {
            if (ParseObject(form.Payload.ToString()) is not { } payload)
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

    private static JsonObject? ParseObject(ReadOnlySpan<byte> json)
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

    private async Task HandleJsonAsync(HttpContext context, JsonObject? json)
    {
        if (json is null)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        EventAcceptance acceptance;
        switch (SlackBot.Str(json, "type"))
        {
            case "url_verification":
                var challenge = new JsonObject { ["challenge"] = SlackBot.Str(json, "challenge") ?? "" };
                await WriteJsonAsync(context, w => challenge.WriteTo(w));
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

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_json;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>
    /// A 200 with the JSON <paramref name="write"/> makes (<see cref="SlackJson.WriterOptions"/>): written into a
    /// per-thread buffer (synchronously, so no other request can share it), then into the response with its
    /// Content-Length: one write, no string or tree in between.
    /// </summary>
    private static Task WriteJsonAsync(HttpContext context, Action<Utf8JsonWriter> write)
    {
        var buffer = t_json ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer, SlackJson.WriterOptions);
        writer.Reset(buffer);
        try
        {
            write(writer);
            writer.Flush();
        }
        finally
        {
            writer.Reset();
        }

        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = buffer.WrittenCount;
        var pipe = response.BodyWriter;
        buffer.WrittenSpan.CopyTo(pipe.GetSpan(buffer.WrittenCount));
        pipe.Advance(buffer.WrittenCount);
        if (buffer.Capacity > 64 * 1024)
        {
            // A rare huge reply: do not keep its buffer for good.
            t_json = null;
        }

        return pipe.FlushAsync(context.RequestAborted).AsTask();
    }

}
