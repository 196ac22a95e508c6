using System.Buffers;
using System.Runtime.CompilerServices;
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
                await WriteJsonAsync(context, StatusCodes.Status200OK, new JsonObject
                {
                    ["type"] = 4,
                    ["data"] = EmbedRenderer.RenderPlain(InteractionHandler.Problem("Sorry, something went wrong. Please try again.")),
                });
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
            await WritePlainAsync(context, StatusCodes.Status401Unauthorized, "missing signature headers");
            return;
        }

        // Read the raw bytes ourselves: the signature covers them exactly as sent, and Content-Length may be absent.
        // No cancellation token: a read cancelled mid-way leaves Kestrel's body reader busy, and its drain then logs a
        // stack trace; when the client hangs up, Kestrel ends the read itself (BadHttpRequestException).
        var body = await ReadBodyAsync(request, CancellationToken.None);
        if (body is null)
        {
            refused.Record(Path, "body over 256 KiB");
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        if (!signature.Verify(signatureHeader, timestamp, body))
        {
            refused.Record(Path, "bad signature");
            await WritePlainAsync(context, StatusCodes.Status401Unauthorized, "invalid request signature");
            return;
        }

        verified.Value = true;

        JsonObject? interaction;
        try
        {
            interaction = JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            interaction = null;
        }

        if (interaction is null || InteractionHandler.Int(interaction["type"]) < 1)
        {
            await WritePlainAsync(context, StatusCodes.Status400BadRequest, "malformed interaction");
            return;
        }

        using var trace = BotTelemetry.StartRequest(BotTelemetry.Discord, BotTelemetry.Http, InteractionHandler.KindOf(interaction), null, logger);

        // A deferral is edited only once the response carrying it has gone out (OnCompleted), never before.
        var delivered = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        context.Response.OnCompleted(() =>
        {
            delivered.TrySetResult(!context.RequestAborted.IsCancellationRequested);
            return Task.CompletedTask;
        });
        var response = await handler.RespondAsync(interaction, context.RequestAborted, delivered.Task);
        if (response is null)
        {
            // A repeat of an interaction already answered.
            context.Response.StatusCode = StatusCodes.Status202Accepted;
            return;
        }

        await WriteJsonAsync(context, StatusCodes.Status200OK, response);
        if (InteractionHandler.Int(response["type"]) != InteractionHandler.Deferred)
        {
            trace.Replied();
        }
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        while (true)
        {
            var memory = buffer.GetMemory(8192);
            var read = await request.Body.ReadAsync(memory, cancellationToken);
            if (read == 0)
            {
                return buffer.WrittenSpan.ToArray();
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > MaxBodyBytes)
            {
                return null;
            }
        }
    }

    private static Task WritePlainAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(message, context.RequestAborted);
    }

    private static async Task WriteJsonAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(System.Text.Encoding.UTF8.GetBytes(body.ToJsonString()), context.RequestAborted);
    }
}
