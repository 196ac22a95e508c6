using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Bot.Slack.Tests;

/// <summary>
/// A small Slack on 127.0.0.1: the Web API methods the bot calls and a Socket Mode WebSocket, speaking
/// the payload shapes of the protocol notes (§5, §8). Tests drive the socket side through <see cref="Connections"/>.
/// </summary>
public sealed class FakeSlack : IAsyncDisposable
{
    public const string BotToken = "xoxb-test";
    public const string AppToken = "xapp-test";
    public const string BotUserId = "U0BOT";
    public const string BotId = "B0BOT";

    private readonly WebApplication _app;
    private int _tickets;

    private FakeSlack(WebApplication app) => _app = app;

    public string Root { get; private set; } = "";
    public string BaseUrl => Root + "/api/";

    /// <summary>Every Web API call, in arrival order.</summary>
    public ConcurrentQueue<ApiCall> Calls { get; } = new();

    /// <summary>Bodies of chat.postMessage calls that succeeded.</summary>
    public Channel<JsonObject> Posts { get; } = Channel.CreateUnbounded<JsonObject>();

    /// <summary>Every chat.postMessage that succeeded, kept for conversations.replies (tests read <see cref="Posts"/>).</summary>
    public ConcurrentQueue<JsonObject> Thread { get; } = new();

    /// <summary>Bodies POSTed to a slash command's response_url (here under /hooks/commands/).</summary>
    public Channel<JsonObject> ResponseUrlPosts { get; } = Channel.CreateUnbounded<JsonObject>();

    /// <summary>Socket Mode connections as the bot opens them.</summary>
    public Channel<FakeSocket> Connections { get; } = Channel.CreateUnbounded<FakeSocket>();

    /// <summary>How many of the next chat.postMessage calls get a 429 with Retry-After: 1.</summary>
    public int RateLimitNextPosts;

    /// <summary>How many of the next chat.postMessage calls get a 503.</summary>
    public int FailNextPosts;

    /// <summary>While set, chat.postMessage calls are recorded and then held until it completes (replies in flight).</summary>
    public TaskCompletionSource? HoldPosts { get; set; }

    /// <summary>While set, chat.postMessage calls to this channel are held until <see cref="ReleaseChannel"/> completes.</summary>
    public string? HoldChannel { get; set; }

    public TaskCompletionSource ReleaseChannel { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How long each chat.postMessage takes to answer (a realistic reply latency).</summary>
    public TimeSpan PostDelay { get; set; }

    /// <summary>While true, every chat.postMessage has its connection cut before any answer (Slack unreachable).</summary>
    public volatile bool Unreachable;

    /// <summary>While true, every chat.postMessage gets a 500 (an outage); recorded in <see cref="Calls"/> all the same.</summary>
    public volatile bool Outage;

    /// <summary>When false, the test sends hello itself (readiness tests).</summary>
    public bool AutoHello { get; set; } = true;

    public int CountCalls(string method) => Calls.Count(c => c.Method == method);

    /// <summary>A response_url for an interaction payload, served by this fake.</summary>
    public string ActionsResponseUrl(string id = "1") => $"{Root}/hooks/actions/T111/{id}/xyzzy";

    /// <summary>The JSON bodies of the calls to <paramref name="method"/>, in order.</summary>
    public List<JsonObject> BodiesOf(string method) =>
        [.. Calls.Where(c => c.Method == method).Select(c => JsonNode.Parse(c.Body) as JsonObject).OfType<JsonObject>()];

    /// <summary>
    /// The Web API methods of the Home tab and the assistant pane: bot token, JSON body and the documented required
    /// arguments, else the error Slack gives.
    /// </summary>
    private static IResult? CheckSurfaceCall(string method, ApiCall call)
    {
        string[]? required = method switch
        {
            "views.publish" => ["user_id", "view"],
            "assistant.threads.setSuggestedPrompts" => ["channel_id", "thread_ts", "prompts"],
            "assistant.threads.setStatus" => ["channel_id", "thread_ts", "status"],
            "assistant.threads.setTitle" => ["channel_id", "thread_ts", "title"],
            _ => null,
        };
        if (required is null)
        {
            return null;
        }

        if (call.Authorization != "Bearer " + BotToken)
        {
            return Results.Json(new { ok = false, error = "invalid_auth" });
        }

        if (!call.ContentType.Contains("application/json", StringComparison.Ordinal) || JsonNode.Parse(call.Body) is not JsonObject body)
        {
            return Results.Json(new { ok = false, error = "invalid_form_data" });
        }

        if (required.Any(r => body[r] is null))
        {
            return Results.Json(new { ok = false, error = "invalid_arguments" });
        }

        switch (method)
        {
            case "views.publish" when body["view"] is not JsonObject { } view || (string?)view["type"] != "home" || view["blocks"] is not JsonArray { Count: > 0 and <= 100 }:
                return Results.Json(new { ok = false, error = "invalid_arguments" });
            case "views.publish":
                return Results.Text("""{"ok":true,"view":{"id":"V0HOME","type":"home"}}""", "application/json");
            case "assistant.threads.setSuggestedPrompts" when body["prompts"] is not JsonArray { Count: > 0 and <= 4 } prompts
                || prompts.Any(p => p?["title"] is null || p["message"] is null):
                return Results.Json(new { ok = false, error = "invalid_arguments" });
            default:
                return Results.Json(new { ok = true });
        }
    }

    public static async Task<FakeSlack> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeSlack(app);
        app.UseWebSockets();
        app.MapPost("/api/{method}", fake.ApiAsync);
        app.Map("/link", fake.SocketAsync);
        app.MapPost("/hooks/commands/{*rest}", async (HttpContext context) =>
        {
            var json = await JsonNode.ParseAsync(context.Request.Body);
            fake.ResponseUrlPosts.Writer.TryWrite(json!.AsObject());
            return Results.Text("ok");
        });
        // An interaction's response_url (hooks.slack.com/actions/T…/…/…): JSON in, "ok" out, as Slack does.
        app.MapPost("/hooks/actions/{*rest}", async (HttpContext context) =>
        {
            if (context.Request.ContentType?.Contains("application/json", StringComparison.Ordinal) != true)
            {
                return Results.BadRequest("invalid_payload");
            }

            var json = await JsonNode.ParseAsync(context.Request.Body);
            fake.ResponseUrlPosts.Writer.TryWrite(json!.AsObject());
            return Results.Text("ok");
        });
        await app.StartAsync();
        fake.Root = app.Urls.First().TrimEnd('/');
        return fake;
    }

    private async Task<IResult> ApiAsync(HttpContext context, string method)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var call = new ApiCall(method, context.Request.Headers.Authorization.ToString(), context.Request.ContentType ?? "", body);
        Calls.Enqueue(call);
        if (CheckSurfaceCall(method, call) is { } surface)
        {
            return surface;
        }

        switch (method)
        {
            case "auth.test":
                return call.Authorization != "Bearer " + BotToken
                    ? Results.Json(new { ok = false, error = "invalid_auth" })
                    : Results.Text($$"""{"ok":true,"url":"https://xyz.slack.com/","team":"Testing","user":"factbot","team_id":"T111","user_id":"{{BotUserId}}","bot_id":"{{BotId}}","is_enterprise_install":false}""", "application/json");
            case "apps.connections.open":
                if (call.Authorization != "Bearer " + AppToken)
                {
                    return Results.Json(new { ok = false, error = "invalid_auth" });
                }

                var ticket = Interlocked.Increment(ref _tickets);
                return Results.Json(new { ok = true, url = $"{Root.Replace("http", "ws", StringComparison.Ordinal)}/link/?ticket={ticket}&app_id=A111" });
            case "chat.postMessage":
                if (call.Authorization != "Bearer " + BotToken)
                {
                    return Results.Json(new { ok = false, error = "invalid_auth" });
                }

                if (HoldPosts is { } hold)
                {
                    await hold.Task;
                }

                if (HoldChannel is { } held && body.Contains($"\"channel\":\"{held}\"", StringComparison.Ordinal))
                {
                    await ReleaseChannel.Task;
                }

                if (PostDelay > TimeSpan.Zero)
                {
                    await Task.Delay(PostDelay);
                }

                if (Unreachable)
                {
                    context.Abort();
                    return Results.Empty;
                }

                if (Outage)
                {
                    return Results.StatusCode(StatusCodes.Status500InternalServerError);
                }

                if (Interlocked.Decrement(ref FailNextPosts) >= 0)
                {
                    return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
                }

                if (Interlocked.Decrement(ref RateLimitNextPosts) >= 0)
                {
                    context.Response.Headers.RetryAfter = "1";
                    return Results.StatusCode(StatusCodes.Status429TooManyRequests);
                }

                if (!call.ContentType.Contains("application/json", StringComparison.Ordinal) || !call.ContentType.Contains("charset=utf-8", StringComparison.OrdinalIgnoreCase))
                {
                    return Results.Json(new { ok = false, error = "invalid_form_data" });
                }

                var message = JsonNode.Parse(body)!.AsObject();
                if (message["channel"]?.GetValue<string>() == "CNOTIN")
                {
                    return Results.Text("""{"ok":false,"error":"not_in_channel"}""", "application/json");
                }

                Thread.Enqueue(message);
                Posts.Writer.TryWrite(message);
                return Results.Text($$$"""{"ok":true,"channel":"{{{message["channel"]}}}","ts":"1503435956.000247","message":{"type":"message","bot_id":"{{{BotId}}}"}}""", "application/json");
            case "conversations.replies":
                // The thread's bot replies (the parent itself is not kept), with metadata only when asked for.
                var channel = context.Request.Query["channel"].ToString();
                var ts = context.Request.Query["ts"].ToString();
                var withMetadata = context.Request.Query["include_all_metadata"] == "true";
                var replies = new JsonArray();
                foreach (var posted in Thread.Where(m => (string?)m["channel"] == channel && (string?)m["thread_ts"] == ts))
                {
                    var reply = new JsonObject { ["type"] = "message", ["bot_id"] = BotId, ["text"] = posted["text"]?.DeepClone(), ["thread_ts"] = ts };
                    if (withMetadata && posted["metadata"] is JsonNode metadata)
                    {
                        reply["metadata"] = metadata.DeepClone();
                    }

                    replies.Add(reply);
                }

                return Results.Text(new JsonObject { ["ok"] = true, ["messages"] = replies }.ToJsonString(), "application/json");
            default:
                return Results.Json(new { ok = false, error = "unknown_method" });
        }
    }

    private async Task SocketAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            return;
        }

        using var ws = await context.WebSockets.AcceptWebSocketAsync();
        var socket = new FakeSocket(ws, context.Request.Query["ticket"].ToString());
        Connections.Writer.TryWrite(socket);
        if (AutoHello)
        {
            await socket.SendHelloAsync();
        }

        await socket.RunAsync(context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed record ApiCall(string Method, string Authorization, string ContentType, string Body);

/// <summary>The server side of one Socket Mode connection.</summary>
public sealed class FakeSocket(WebSocket ws, string ticket)
{
    private static long s_sequence;
    private readonly SemaphoreSlim _send = new(1, 1);

    public string Ticket { get; } = ticket;

    /// <summary>Global order stamps, to check that a new connection opened before the old one closed.</summary>
    public long OpenedAt { get; } = Interlocked.Increment(ref s_sequence);

    public long ClosedAt { get; private set; }

    /// <summary>The status of the client's close frame; null when it just dropped the connection.</summary>
    public WebSocketCloseStatus? CloseStatus { get; private set; }

    public Channel<JsonObject> Received { get; } = Channel.CreateUnbounded<JsonObject>();

    public TaskCompletionSource Closed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task SendHelloAsync() =>
        SendAsync("""{"type":"hello","num_connections":1,"debug_info":{"host":"applink-111-xxx","build_number":10,"approximate_connection_time":18060},"connection_info":{"app_id":"A111"}}""");

    public async Task SendAsync(string json)
    {
        await _send.WaitAsync();
        try
        {
            await ws.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            _send.Release();
        }
    }

    public async Task<JsonObject> NextAsync(TimeSpan? timeout = null) =>
        await Received.Reader.ReadAsync().AsTask().WaitAsync(timeout ?? TestHost.Timeout);

    internal async Task RunAsync(CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        var message = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await ws.ReceiveAsync(buffer, ct);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    CloseStatus = result.CloseStatus;
                    await ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
                    break;
                }

                message.Write(buffer, 0, result.Count);
                if (result.EndOfMessage)
                {
                    Received.Writer.TryWrite(JsonNode.Parse(message.ToArray())!.AsObject());
                    message.SetLength(0);
                }
            }
        }
        catch (Exception)
        {
            // The client aborted; that is a close too.
        }
        finally
        {
            ClosedAt = Interlocked.Increment(ref s_sequence);
            Closed.TrySetResult();
        }
    }
}
