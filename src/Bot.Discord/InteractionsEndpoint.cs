using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Runtime;
using Bot.Runtime.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Bot.Discord;

/// <summary>
/// POST /discord/interactions: verify, then answer in the HTTP response. Never a 500. What fails the signature (or
/// never arrives whole) gets a 401/400 and a Debug line only: Discord itself sends bad signatures to test the endpoint.
/// </summary>
public sealed class InteractionsEndpoint(DiscordOptions options, InteractionHandler handler, RefusedRequests refused, ILogger<InteractionsEndpoint> logger)
{
    public const string Path = "/discord/interactions";

    /// <summary>Real interactions are a few KiB; anything far bigger is not from Discord.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    private readonly DiscordSignature signature = new(options.PublicKey);

    public async Task HandleAsync(HttpContext context)
    {
        var verified = new StrongBox<bool>();
        try
        {
            await HandleCoreAsync(context, verified);
        }
        catch (Exception ex) when (context.RequestAborted.IsCancellationRequested || (!verified.Value && ex is IOException or BadHttpRequestException or OperationCanceledException))
        {
            // The caller went away, or its body never arrived whole; nothing to answer, nothing to report.
            refused.Record(Path, "request cut off");
            if (!context.Response.HasStarted && ex is BadHttpRequestException bad)
            {
                context.Response.StatusCode = bad.StatusCode;
            }
        }
        catch (Exception ex) when (!verified.Value)
        {
            refused.Record(Path, "unreadable request: " + ex.GetType().Name);
            if (!context.Response.HasStarted)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
            }
        }
        catch (Exception ex)
        {
            DiscordLog.InteractionFailed(logger, ex);
            if (!context.Response.HasStarted)
            {
                context.Response.Clear();
                var problem = new JsonObject
                {
                    ["type"] = 4,
                    ["data"] = EmbedRenderer.RenderPlain(InteractionHandler.Problem("Sorry, something went wrong. Please try again.")),
                };
                await WriteJsonAsync(context, StatusCodes.Status200OK, w => problem.WriteTo(w));
            }
        }
    }

    private async Task HandleCoreAsync(HttpContext context, StrongBox<bool> verified)
    {
        var request = context.Request;
        if (request.ContentLength > MaxBodyBytes)
        {
            refused.Record(Path, "body over 256 KiB");
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        var signatureHeader = request.Headers["X-Signature-Ed25519"].ToString();
        var timestamp = request.Headers["X-Signature-Timestamp"].ToString();
        if (signatureHeader.Length == 0 || timestamp.Length == 0)
        {
            refused.Record(Path, "no signature");
            await WritePlainAsync(context, StatusCodes.Status401Unauthorized, MissingSignature);
            return;
        }

        // The signature covers the timestamp's bytes followed by the raw body exactly as sent: both go into one pooled
        // buffer (the body read once, right after the timestamp), which is what is verified, then parsed, then returned.
        var timestampLength = DiscordSignature.TimestampBytes(timestamp);
        if (timestampLength < 0)
        {
            refused.Record(Path, "bad signature");
            await WritePlainAsync(context, StatusCodes.Status401Unauthorized, InvalidSignature);
            return;
        }

        // No cancellation token: a read cancelled mid-way leaves Kestrel's body reader busy, and its drain then logs a
        // stack trace; when the client hangs up, Kestrel ends the read itself (BadHttpRequestException).
        var message = await SignedBody.ReadAsync(request, timestampLength, MaxBodyBytes, timestamp, static (stamp, buffer) => Encoding.UTF8.GetBytes(stamp, buffer));
        JsonObject? interaction;
        CommandCall? command = null;
        try
        {
            if (message.Buffer is null)
            {
                refused.Record(Path, "body over 256 KiB");
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return;
            }

            if (!signature.Verify(signatureHeader, message.Buffer.AsSpan(0, message.Length)))
            {
                refused.Record(Path, "bad signature");
                await WritePlainAsync(context, StatusCodes.Status401Unauthorized, InvalidSignature);
                return;
            }

            verified.Value = true;
            var json = message.Buffer.AsMemory(timestampLength, message.Length - timestampLength);
            try
            {
                // A slash command, by far the most common, is read without building a tree; anything else takes one.
                using (var document = JsonDocument.Parse(json))
                {
                    command = InteractionHandler.ReadCommand(document.RootElement);
                }

                interaction = command is null ? JsonNode.Parse(json.Span) as JsonObject : null;
            }
            catch (JsonException)
            {
                interaction = null;
            }
        }
        finally
        {
            if (message.Buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(message.Buffer);
            }
        }

        if (command is null && (interaction is null || InteractionHandler.Int(interaction["type"]) < 1))
        {
            await WritePlainAsync(context, StatusCodes.Status400BadRequest, MalformedInteraction);
            return;
        }

        using var trace = BotTelemetry.StartRequest(BotTelemetry.Discord, BotTelemetry.Http, interaction is null ? "command" : InteractionHandler.KindOf(interaction), null, logger);

        // A deferral is edited only once the response carrying it has gone out (OnCompleted), never before.
        var delivered = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        context.Response.OnCompleted(() =>
        {
            delivered.TrySetResult(!context.RequestAborted.IsCancellationRequested);
            return Task.CompletedTask;
        });
        var response = command is not null
            ? await handler.ReplyAsync(command, context.RequestAborted, delivered.Task)
            : await handler.ReplyAsync(interaction!, context.RequestAborted, delivered.Task);
        if (response is null)
        {
            // A repeat of an interaction already answered.
            context.Response.StatusCode = StatusCodes.Status202Accepted;
            return;
        }

        await WriteJsonAsync(context, StatusCodes.Status200OK, response.WriteTo);
        if (response.Type != InteractionHandler.Deferred)
        {
            trace.Replied();
        }
    }

    private static readonly byte[] MissingSignature = "missing signature headers"u8.ToArray();
    private static readonly byte[] InvalidSignature = "invalid request signature"u8.ToArray();
    private static readonly byte[] MalformedInteraction = "malformed interaction"u8.ToArray();

    private static Task WritePlainAsync(HttpContext context, int status, byte[] message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.ContentLength = message.Length;
        return context.Response.Body.WriteAsync(message, context.RequestAborted).AsTask();
    }

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_json;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>
    /// Writes the JSON into a per-thread buffer (synchronously, so no other request can share it), then into the
    /// response with its Content-Length: one write, no string in between.
    /// </summary>
    private static Task WriteJsonAsync(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        var buffer = t_json ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer);
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
        response.StatusCode = status;
        response.ContentType = "application/json";
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
