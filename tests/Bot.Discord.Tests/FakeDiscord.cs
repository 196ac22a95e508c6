using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Discord.Tests;

/// <summary>One REST call the bot made to the fake.</summary>
public sealed record RestCall(string Method, string Path, JsonNode? Body, string? Authorization, string? UserAgent, DateTimeOffset At)
{
    /// <summary>The query string ("?with_localizations=true"), or "".</summary>
    public string Query { get; init; } = "";

    public override string ToString() => $"{Method} {Path} {Body?.ToJsonString()}";
}

/// <summary>
/// A small Discord on 127.0.0.1: the REST routes the adapter uses and a gateway WebSocket that speaks v10 JSON
/// (HELLO, heartbeat ACKs, READY on IDENTIFY, RESUMED on RESUME). Payload shapes follow Discord's docs.
/// </summary>
public sealed class FakeDiscord : IAsyncDisposable
{
    public const string BotUserId = "1030118727418646629";
    public const string ApplicationId = "123";
    public const string SessionId = "bf8eb88e4939e52df093261f3abbc638";

    private readonly WebApplication app;
    private readonly List<ScriptedResponse> scripted = [];
    private long seq;
    private long nextMessageId = 1_100_000_000_000_000_000;

    private FakeDiscord(WebApplication app)
    {
        this.app = app;
    }

    public string BaseUrl { get; private set; } = "";
    public string RestUrl => BaseUrl + "/api/v10";
    public string GatewayUrl => BaseUrl.Replace("http://", "ws://") + "/gateway";
    public string ResumeUrl => BaseUrl.Replace("http://", "ws://") + "/resume";

    public Recorder<RestCall> Calls { get; } = new();

    /// <summary>The calls that got a success from the default routes (not an outage's or a script's answer).</summary>
    public Recorder<RestCall> Delivered { get; } = new();

    /// <summary>While set, interaction callbacks (the first response) are recorded and then held until it completes.</summary>
    public TaskCompletionSource? HoldCallbacks { get; set; }
    public Recorder<GatewayConnection> Connections { get; } = new();

    /// <summary>Commands as stored by the last PUT (what GET returns).</summary>
    public JsonArray StoredCommands { get; set; } = [];

    public int HeartbeatIntervalMs { get; set; } = 1000;

    /// <summary>What GET /gateway/bot recommends: its "shards" and session_start_limit.max_concurrency.</summary>
    public int RecommendedShards { get; set; } = 1;
    public int MaxConcurrency { get; set; } = 1;

    /// <summary>This many of the next connections never get a HELLO (a stuck gateway).</summary>
    public int SilentConnections;
    public bool AckHeartbeats { get; set; } = true;

    /// <summary>How long each message POST takes to answer (a realistic reply latency).</summary>
    public TimeSpan MessageDelay { get; set; }

    /// <summary>While set, message POSTs are recorded and then held until it completes (replies in flight).</summary>
    public TaskCompletionSource? HoldMessages { get; set; }

    /// <summary>While set, every REST call (bar GET /gateway/bot) gets this status: 500, 429 (with Retry-After), … an outage; 0 cuts the connection.</summary>
    public int? OutageStatus { get; set; }

    /// <summary>When set, READY waits for this (to observe the bot before it is ready).</summary>
    public TaskCompletionSource? HoldReady { get; set; }

    /// <summary>Runs instead of sending READY on IDENTIFY (e.g. to close with 4004).</summary>
    public Func<GatewayConnection, Task>? OnIdentify { get; set; }

    public long Sequence => Interlocked.Read(ref seq);

    public static async Task<FakeDiscord> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeDiscord(app);
        app.UseWebSockets();
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        fake.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return fake;
    }

    /// <summary>The next request matching method and path start gets this answer instead of the default.</summary>
    public void RespondOnce(string method, string pathContains, int status, string body, params (string Name, string Value)[] headers)
    {
        lock (scripted)
        {
            scripted.Add(new ScriptedResponse(method, pathContains, status, body, headers));
        }
    }

    public long NextSequence() => Interlocked.Increment(ref seq);

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (context.WebSockets.IsWebSocketRequest && (path.StartsWith("/gateway") || path.StartsWith("/resume")))
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var connection = new GatewayConnection(this, socket, context, path + context.Request.QueryString);
            Connections.Add(connection);
            await connection.RunAsync();
            return;
        }

        if (!path.StartsWith("/api/v10"))
        {
            context.Response.StatusCode = 404;
            return;
        }

        path = path["/api/v10".Length..];
        var text = await new StreamReader(context.Request.Body).ReadToEndAsync();
        JsonNode? body = null;
        if (text.Length > 0)
        {
            body = JsonNode.Parse(text);
        }

        var method = context.Request.Method;
        var call = new RestCall(method, path, body, context.Request.Headers.Authorization.ToString(), context.Request.Headers.UserAgent.ToString(), DateTimeOffset.UtcNow)
        {
            Query = context.Request.QueryString.Value ?? "",
        };
        Calls.Add(call);

        ScriptedResponse? response;
        lock (scripted)
        {
            response = scripted.FirstOrDefault(r => r.Method == method && path.Contains(r.PathContains, StringComparison.Ordinal));
            if (response is not null)
            {
                scripted.Remove(response);
            }
        }

        if (OutageStatus is { } outage && !path.StartsWith("/gateway"))
        {
            if (outage == 0)
            {
                // Unreachable: the connection is cut before any answer.
                context.Abort();
                return;
            }

            if (outage == 429)
            {
                context.Response.Headers["Retry-After"] = "2";
                await Json(context, 429, """{"message":"You are being rate limited.","retry_after":2,"global":false}""");
                return;
            }

            await Json(context, outage, """{"message":"Server error","code":0}""");
            return;
        }

        if (method == "POST" && HoldMessages is { } hold && path.EndsWith("/messages", StringComparison.Ordinal))
        {
            await hold.Task;
        }

        if (method == "POST" && MessageDelay > TimeSpan.Zero && path.EndsWith("/messages", StringComparison.Ordinal))
        {
            await Task.Delay(MessageDelay);
        }

        if (method == "POST" && HoldCallbacks is { } holdCallback && path.EndsWith("/callback", StringComparison.Ordinal))
        {
            await holdCallback.Task;
        }

        if (response is not null)
        {
            foreach (var (name, value) in response.Headers)
            {
                context.Response.Headers[name] = value;
            }

            await Json(context, response.Status, response.Body);
            return;
        }

        var parts = path.Trim('/').Split('/');
        switch (method, parts)
        {
            case ("GET", ["gateway", "bot"]):
                await Json(context, 200, $$$"""{"url":"{{{GatewayUrl}}}","shards":{{{RecommendedShards}}},"session_start_limit":{"total":1000,"remaining":999,"reset_after":14400000,"max_concurrency":{{{MaxConcurrency}}}}}""");
                return;
            case ("POST", ["interactions", _, _, "callback"]):
                context.Response.StatusCode = 204;
                Delivered.Add(call);
                return;
            case ("PATCH", ["webhooks", _, _, "messages", "@original"]):
                await Json(context, 200, $$"""{"id":"{{Interlocked.Increment(ref nextMessageId)}}"}""");
                Delivered.Add(call);
                return;
            case ("POST", ["channels", var channel, "messages", var message, "threads"]):
                await Json(context, 201, $$"""{"id":"{{message}}","type":11,"parent_id":"{{channel}}","name":"{{body?["name"]}}"}""");
                return;
            case ("POST", ["channels", var channel, "messages"]):
                await Json(context, 200, $$"""{"id":"{{Interlocked.Increment(ref nextMessageId)}}","channel_id":"{{channel}}"}""");
                Delivered.Add(call);
                return;
            case ("GET", ["applications", _, .., "commands"]):
                // As Discord: the localisation maps only with ?with_localizations=true.
                await Json(context, 200, (call.Query.Contains("with_localizations=true") ? StoredCommands : WithoutLocalizations(StoredCommands)).ToJsonString());
                return;
            case ("PUT", ["applications", _, .., "commands"]):
                var stored = new JsonArray();
                var id = 900;
                foreach (var command in (body as JsonArray ?? []).OfType<JsonObject>())
                {
                    var copy = (JsonObject)command.DeepClone();
                    copy["id"] = (id++).ToString();
                    copy["application_id"] = ApplicationId;
                    copy["version"] = "1";
                    copy["default_member_permissions"] = null;
                    stored.Add(copy);
                }

                StoredCommands = stored;
                await Json(context, 200, stored.ToJsonString());
                return;
            default:
                await Json(context, 404, """{"message":"404: Not Found","code":0}""");
                return;
        }
    }

    private static JsonArray WithoutLocalizations(JsonArray commands)
    {
        var copy = (JsonArray)commands.DeepClone();
        foreach (var command in copy.OfType<JsonObject>().Concat(copy.SelectMany(c => (c?["options"] as JsonArray ?? []).OfType<JsonObject>())).ToList())
        {
            command.Remove("name_localizations");
            command.Remove("description_localizations");
        }

        return copy;
    }

    private static async Task Json(HttpContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in Connections.Snapshot())
        {
            connection.Abort();
        }

        await app.StopAsync();
        await app.DisposeAsync();
    }

    private sealed record ScriptedResponse(string Method, string PathContains, int Status, string Body, (string Name, string Value)[] Headers);
}

/// <summary>One gateway WebSocket as the fake sees it.</summary>
public sealed class GatewayConnection(FakeDiscord fake, WebSocket socket, HttpContext context, string path)
{
    private readonly SemaphoreSlim sendLock = new(1, 1);
    private readonly TaskCompletionSource closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource sessionStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Path { get; } = path;

    /// <summary>Every frame the bot sent, heartbeats included.</summary>
    public Recorder<JsonObject> Frames { get; } = new();

    public bool AckHeartbeats { get; set; } = fake.AckHeartbeats;
    public int HeartbeatAcks;
    public WebSocketCloseStatus? ClientCloseStatus { get; private set; }
    public Task Closed => closed.Task;

    /// <summary>Completes once READY or RESUMED has been sent on this connection.</summary>
    public Task SessionStarted => sessionStarted.Task;

    /// <summary>The shard this connection identified as ([id, count]), null before IDENTIFY or without one.</summary>
    public JsonArray? Shard { get; private set; }

    internal async Task RunAsync()
    {
        try
        {
            if (Interlocked.Decrement(ref fake.SilentConnections) < 0)
            {
                await SendAsync(new JsonObject { ["op"] = 10, ["d"] = new JsonObject { ["heartbeat_interval"] = fake.HeartbeatIntervalMs } });
            }

            var buffer = new byte[64 * 1024];
            while (socket.State == WebSocketState.Open)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer, context.RequestAborted);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        ClientCloseStatus = result.CloseStatus;
                        if (socket.State == WebSocketState.CloseReceived)
                        {
                            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
                        }

                        return;
                    }

                    message.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);

                var frame = (JsonObject)JsonNode.Parse(message.ToArray())!;
                if (frame["op"]?.GetValue<int>() == 2)
                {
                    // Before the frame is seen: a test that waits for IDENTIFY reads the shard it carried.
                    Shard = frame["d"]?["shard"]?.DeepClone() as JsonArray;
                }

                Frames.Add(frame);
                await OnFrameAsync(frame);
            }
        }
        catch (Exception)
        {
            // The test cut the connection, or the bot went away.
        }
        finally
        {
            closed.TrySetResult();
        }
    }

    private async Task OnFrameAsync(JsonObject frame)
    {
        switch ((int)frame["op"]!)
        {
            case 1 when AckHeartbeats:
                Interlocked.Increment(ref HeartbeatAcks);
                await SendAsync(new JsonObject { ["op"] = 11, ["d"] = null, ["s"] = null, ["t"] = null });
                break;
            case 2:
                if (fake.OnIdentify is { } onIdentify)
                {
                    await onIdentify(this);
                    break;
                }

                if (fake.HoldReady is { } hold)
                {
                    await hold.Task;
                }

                await DispatchAsync("READY", new JsonObject
                {
                    ["v"] = 10,
                    ["user"] = new JsonObject { ["id"] = FakeDiscord.BotUserId, ["username"] = "ArticleBot", ["bot"] = true, ["discriminator"] = "0" },
                    ["session_type"] = "normal",
                    // Each shard its own session, as on Discord.
                    ["session_id"] = Shard is [_, var count] && (int)count! > 1 ? $"{FakeDiscord.SessionId}-{Shard[0]}" : FakeDiscord.SessionId,
                    ["resume_gateway_url"] = fake.ResumeUrl,
                    ["shard"] = Shard?.DeepClone(),
                    ["guilds"] = new JsonArray(),
                    ["application"] = new JsonObject { ["id"] = FakeDiscord.ApplicationId, ["flags"] = 0 },
                });
                sessionStarted.TrySetResult();
                break;
            case 6:
                await DispatchAsync("RESUMED", new JsonObject());
                sessionStarted.TrySetResult();
                break;
        }
    }

    public async Task DispatchAsync(string type, JsonObject data)
    {
        await SendAsync(new JsonObject { ["op"] = 0, ["d"] = data, ["s"] = fake.NextSequence(), ["t"] = type });
    }

    public async Task SendAsync(JsonObject frame)
    {
        await sendLock.WaitAsync();
        try
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(frame.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            sendLock.Release();
        }
    }

    public async Task CloseAsync(int code, string reason)
    {
        await sendLock.WaitAsync();
        try
        {
            await socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, CancellationToken.None);
        }
        finally
        {
            sendLock.Release();
        }
    }

    /// <summary>Cuts the TCP connection without a close frame, as a network drop would.</summary>
    public void Abort()
    {
        if (Closed.IsCompleted)
        {
            return;
        }

        try
        {
            context.Abort();
        }
        catch (ObjectDisposedException)
        {
            // The request already ended.
        }
    }
}
