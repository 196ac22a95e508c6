using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Runtime;
using Bot.Runtime.Telemetry;
using Microsoft.Extensions.Logging;

namespace Bot.Discord;

/// <summary>
/// One shard's Discord gateway connection (v10, JSON, no compression) with its own session: heartbeats with zombie
/// detection, IDENTIFY (with its shard) or RESUME, and the two events we act on, INTERACTION_CREATE and MESSAGE_CREATE.
/// </summary>
public sealed class GatewayShardConnection(
    GatewayShard shard,
    Uri gatewayUrl,
    IdentifyGate identifyGate,
    DiscordOptions options,
    DiscordRestClient rest,
    InteractionHandler interactions,
    MentionHandler mentions,
    GatewayState state,
    WorkTracker tracker,
    IGatewaySessionStore sessions,
    ReplyRetry retry,
    TimeProvider time,
    ILogger<GatewayClient> logger,
    MentionQueue? mentionQueue = null)
{

    /// <summary>
    /// Our close code when we mean to come back: anything but 1000/1001 keeps the session resumable (1000 and 1001
    /// end it, and Discord would not replay what we missed). 4000 is "unknown error" in Discord's table: resumable.
    /// </summary>
    public const WebSocketCloseStatus ResumableClose = (WebSocketCloseStatus)4000;

    /// <summary>HELLO must come this soon after the socket opens, READY/RESUMED this soon after HELLO; else reconnect.</summary>
    public static readonly TimeSpan HelloTimeout = TimeSpan.FromSeconds(20);

    /// <inheritdoc cref="HelloTimeout"/>
    public static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);

    /// <summary>An interaction must be answered within 3 s of its creation.</summary>
    private static readonly TimeSpan InteractionAckWindow = TimeSpan.FromSeconds(3);

    private string? sessionId;
    private Uri? resumeUrl;
    private long sequence = -1;

    /// <summary>Our own user id, from READY: how we recognise mentions of us and our own messages.</summary>
    public string? UserId { get; private set; }

    private enum Next
    {
        Resume,
        Identify,
        Stop,
    }

    private sealed record Outcome(Next Next, bool WasReady = false, TimeSpan? Delay = null);

    public GatewayShard Shard => shard;

    /// <summary>Runs until stopped, or until something no reconnect can fix (then <see cref="GatewayState.StoppedReason"/> says what).</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        // Every line this shard logs (its handlers' too) says which shard it is.
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["Shard"] = shard.ToString() });
        await LoadSessionAsync(stoppingToken);
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            Outcome outcome;
            try
            {
                var url = sessionId is not null && resumeUrl is not null ? resumeUrl : gatewayUrl;
                if (sessionId is null)
                {
                    // Identifies are rate limited per max_concurrency bucket: waited out before connecting, so
                    // heartbeats are not held up.
                    await identifyGate.WaitTurnAsync(shard.Id, stoppingToken);
                }

                outcome = await RunConnectionAsync(url, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                DiscordLog.GatewayConnectFailed(logger, ex.Message);
                outcome = new Outcome(sessionId is null ? Next.Identify : Next.Resume);
            }

            if (outcome.Next == Next.Stop || stoppingToken.IsCancellationRequested)
            {
                break;
            }

            state.SetReady(shard.Id, false, "reconnecting");
            BotTelemetry.RecordReconnect(BotTelemetry.Discord, outcome.Next == Next.Resume ? "resume" : "identify");
            failures = outcome.WasReady ? 0 : failures + 1;
            if (outcome.Next == Next.Resume && failures >= 4)
            {
                // Resuming keeps failing: the session is probably gone, so start a new one.
                outcome = outcome with { Next = Next.Identify };
            }

            if (outcome.Next == Next.Identify)
            {
                sessionId = null;
                resumeUrl = null;
                Interlocked.Exchange(ref sequence, -1);
                await ClearSessionAsync();
            }

            var delay = outcome.Delay ?? Backoff(failures);
            try
            {
                await Task.Delay(delay, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        if (state.StoppedReason is null)
        {
            state.SetReady(shard.Id, false, "shut down");
            await SaveSessionAsync();
        }
    }

    /// <summary>
    /// A session the last process left (closed resumably): RESUME it, and Discord replays what it missed. It is taken,
    /// not shared: the store is cleared at once, and only a clean stop puts a session (with its exact sequence) back,
    /// so a process that dies never leaves a stale sequence for the next one to replay answered events from.
    /// </summary>
    private async Task LoadSessionAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (await sessions.TakeAsync(shard, cancellationToken) is { } saved)
            {
                sessionId = saved.SessionId;
                resumeUrl = saved.ResumeUrl;
                Interlocked.Exchange(ref sequence, saved.Sequence);
                UserId = saved.UserId;
                DiscordLog.ResumingSavedSession(logger, (time.GetUtcNow() - saved.SavedAt).TotalSeconds, saved.Sequence);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            DiscordLog.SessionLoadFailed(logger, ex.Message);
        }
    }

    private async Task ClearSessionAsync()
    {
        try
        {
            await sessions.ClearAsync(shard, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // Only a stale session that a later start tries and fails to resume.
            DiscordLog.SessionClearFailed(logger, ex.Message);
        }
    }

    /// <summary>Keeps id, sequence (of the last event handled) and resume URL for the next process.</summary>
    private async Task SaveSessionAsync()
    {
        if (sessionId is null || resumeUrl is null)
        {
            return;
        }

        try
        {
            await sessions.SaveAsync(shard, new GatewaySession(sessionId, Interlocked.Read(ref sequence), resumeUrl, UserId, time.GetUtcNow()), CancellationToken.None);
            DiscordLog.SessionKept(logger, Interlocked.Read(ref sequence));
        }
        catch (Exception ex)
        {
            DiscordLog.SessionSaveFailed(logger, ex.Message);
        }
    }

    // First retry at once (a dropped socket is routine), then exponential with jitter up to a minute.
    internal static TimeSpan Backoff(int failures) => failures <= 1
        ? TimeSpan.FromMilliseconds(Random.Shared.Next(100, 500))
        : TimeSpan.FromSeconds(Math.Min(60, Math.Pow(2, failures - 1)) * (0.5 + Random.Shared.NextDouble() / 2));

    private static Uri WithQuery(Uri url)
    {
        var builder = new UriBuilder(url) { Query = "v=10&encoding=json" };
        if (builder.Path.Length == 0)
        {
            builder.Path = "/";
        }

        return builder.Uri;
    }

    private async Task<Outcome> RunConnectionAsync(Uri url, CancellationToken stoppingToken)
    {
        using var socket = new ClientWebSocket();
        using (var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
        {
            connectTimeout.CancelAfter(TimeSpan.FromSeconds(30));
            await socket.ConnectAsync(WithQuery(url), connectTimeout.Token);
        }

        using var connection = new Connection(socket);
        // Shutdown closes with a resumable code (not 1000, which would end the session): the next start resumes it.
        await using var onStop = stoppingToken.Register(() => _ = ShutdownAsync(connection));
        // No HELLO, or no READY/RESUMED after it, in time: the connection is stuck; drop it and try again.
        using var handshake = time.CreateTimer(_ => connection.HandshakeTimedOut(), null, HelloTimeout, Timeout.InfiniteTimeSpan);
        var wasReady = false;
        Task heartbeat = Task.CompletedTask;
        try
        {
            while (true)
            {
                var frame = await ReceiveAsync(socket, connection.Token);
                if (frame is null)
                {
                    return stoppingToken.IsCancellationRequested
                        ? new Outcome(Next.Stop)
                        : Closed(socket.CloseStatus, socket.CloseStatusDescription, wasReady);
                }

                var op = InteractionHandler.Int(frame["op"]);
                switch (op)
                {
                    case 10:
                        handshake.Change(ReadyTimeout, Timeout.InfiniteTimeSpan);
                        var interval = frame["d"]?["heartbeat_interval"] is JsonValue v && v.TryGetValue<double>(out var ms) ? ms : 41_250;
                        heartbeat = HeartbeatAsync(connection, TimeSpan.FromMilliseconds(Math.Max(100, interval)));
                        await IdentifyOrResumeAsync(connection);
                        break;
                    case 11:
                        connection.Acked = true;
                        break;
                    case 1:
                        await SendHeartbeatAsync(connection);
                        break;
                    case 7:
                        DiscordLog.ReconnectRequested(logger);
                        await CloseForResumeAsync(connection);
                        return new Outcome(Next.Resume, wasReady, TimeSpan.Zero);
                    case 9:
                        var resumable = frame["d"] is JsonValue d && d.TryGetValue<bool>(out var b) && b;
                        DiscordLog.SessionInvalidated(logger, resumable ? "resumable" : "identify again");
                        await CloseForResumeAsync(connection);
                        // Discord asks for a random 1–5 s pause before identifying again.
                        return resumable
                            ? new Outcome(Next.Resume, wasReady, TimeSpan.Zero)
                            : new Outcome(Next.Identify, wasReady, TimeSpan.FromMilliseconds(Random.Shared.Next(1000, 5000)));
                    case 0:
                        if (OnDispatch(frame))
                        {
                            wasReady = true;
                            handshake.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                        }

                        break;
                }
            }
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            return new Outcome(Next.Stop);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or JsonException or IOException)
        {
            if (connection.Zombie)
            {
                DiscordLog.HeartbeatAckMissed(logger);
            }
            else if (connection.HandshakeExpired)
            {
                DiscordLog.GatewaySilent(logger, wasReady ? "READY" : "HELLO or READY");
            }
            else
            {
                DiscordLog.GatewayConnectionLost(logger, ex.Message);
            }

            return new Outcome(Next.Resume, wasReady);
        }
        finally
        {
            connection.Cancel();
            try
            {
                await heartbeat;
            }
            catch (Exception)
            {
                // The heartbeat ends with the connection.
            }
        }
    }

    private Outcome Closed(WebSocketCloseStatus? status, string? description, bool wasReady)
    {
        var code = (int?)status ?? 1006;
        var fatal = code switch
        {
            4004 => "Discord rejected the bot token (4004). Check Discord:Token; a reset token must be copied again.",
            4010 => "Discord says the shard is invalid (4010).",
            4011 => $"Discord requires more shards for this bot (4011); set Discord:ShardCount to auto or a larger number (now {shard.Count}).",
            4012 => "Discord does not accept this gateway API version (4012).",
            4013 => "Discord says the intents are invalid (4013).",
            4014 => "Discord refused the intents (4014): a privileged intent is not enabled for this bot in the developer portal.",
            _ => null,
        };
        if (fatal is not null)
        {
            StopFor(fatal);
            return new Outcome(Next.Stop);
        }

        DiscordLog.GatewayClosed(logger, code, description);
        // 4007 (bad seq) and 4009 (session timed out) need a new session; anything else can resume.
        return code is 4007 or 4009 or 1000 or 1001
            ? new Outcome(Next.Identify, wasReady)
            : new Outcome(Next.Resume, wasReady);
    }

    private void StopFor(string reason)
    {
        DiscordLog.GatewayStopped(logger, reason);
        state.Stop(reason);
    }

    private bool OnDispatch(JsonObject frame)
    {
        // Stopping: take nothing new, and do not move the sequence past it, so the next start's RESUME replays it.
        if (tracker.IsStopping)
        {
            return false;
        }

        if (frame["s"] is JsonValue s && s.TryGetValue<long>(out var seq))
        {
            // Only forward: a late frame must not move the resume point back.
            long current;
            while ((current = Interlocked.Read(ref sequence)) < seq && Interlocked.CompareExchange(ref sequence, seq, current) != current)
            {
            }
        }

        var type = InteractionHandler.Str(frame["t"]);
        var data = frame["d"] as JsonObject;
        switch (type)
        {
            case "READY":
                sessionId = InteractionHandler.Str(data?["session_id"]);
                var resume = InteractionHandler.Str(data?["resume_gateway_url"]);
                resumeUrl = Uri.TryCreate(resume, UriKind.Absolute, out var r) ? r : null;
                UserId = InteractionHandler.Str(data?["user"]?["id"]);
                state.SetReady(shard.Id, true, "ready");
                DiscordLog.GatewayReady(logger, UserId);
                return true;
            case "RESUMED":
                state.SetReady(shard.Id, true, "ready (resumed)");
                BotTelemetry.RecordResume(BotTelemetry.Discord);
                DiscordLog.GatewayResumed(logger);
                return true;
            case "INTERACTION_CREATE" when data is not null:
                var interaction = tracker.Start("Discord interaction(s)");
                _ = Task.Run(() => OnInteractionAsync(data, interaction));
                break;
            case "MESSAGE_CREATE" when data is not null && UserId is { } self:
                // Tracked, so a stop waits for the answer; the reply's deadline counts from now.
                var mention = tracker.Start("Discord mention(s)");
                var deadline = retry.MentionDeadline();
                _ = mentionQueue is not null && MentionHandler.IsMentionOfUs(data, self)
                    ? Task.Run(() => QueueMentionAsync(mentionQueue, data, self, deadline, mention))
                    : Task.Run(() => OnMentionAsync(data, self, deadline, mention));
                break;
        }

        return false;
    }

    private async Task OnMentionAsync(JsonObject message, string self, DateTimeOffset deadline, WorkLease lease)
    {
        // Every message the bot can see arrives here; only those that mention it are requests (counted, traced).
        var mentionsUs = (message["mentions"] as JsonArray)?.OfType<JsonObject>().Any(u => InteractionHandler.Str(u["id"]) == self) == true;
        using (lease)
        using (var trace = mentionsUs ? BotTelemetry.StartRequest(BotTelemetry.Discord, BotTelemetry.Gateway, "mention", InteractionHandler.Str(message["id"]), logger) : null)
        {
            try
            {
                if (await mentions.HandleAsync(message, self, lease.Abandon, deadline, lease))
                {
                    trace?.Replied();
                }
            }
            catch (Exception) when (lease.Abandon.IsCancellationRequested)
            {
                // The shutdown budget ran out; the drain's summary counts it.
            }
        }
    }

    /// <summary>Into the shared queue (any replica answers it); answered here when the queue cannot take it.</summary>
    private async Task QueueMentionAsync(MentionQueue queue, JsonObject message, string self, DateTimeOffset deadline, WorkLease lease)
    {
        if (await queue.TryAcceptAsync(message, self) != WorkAcceptance.Refused)
        {
            lease.Dispose();
            return;
        }

        await OnMentionAsync(message, self, deadline, lease);
    }

    private async Task OnInteractionAsync(JsonObject interaction, WorkLease lease)
    {
        using (lease)
        using (var trace = BotTelemetry.StartRequest(BotTelemetry.Discord, BotTelemetry.Gateway, InteractionHandler.KindOf(interaction), InteractionHandler.Str(interaction["id"]), logger))
        {
            var delivered = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            try
            {
                var deadline = retry.DeadlineIn(InteractionAckWindow);
                var response = await interactions.RespondAsync(interaction, lease.Abandon, delivered.Task);
                if (response is null)
                {
                    return;
                }

                var id = InteractionHandler.Str(interaction["id"]);
                var token = InteractionHandler.Str(interaction["token"]);
                // Only within the 3 s the token allows for the first response; a deferral's edit waits for this.
                var sent = await retry.DeliverAsync(
                    $"Discord response to interaction {id}",
                    deadline,
                    async attempt => (await rest.SendOnceAsync(HttpMethod.Post, $"/interactions/{id}/{token}/callback", response, attempt, authenticate: false)).ToAttempt(),
                    lease.Abandon,
                    lease);
                if (sent && InteractionHandler.Int(response["type"]) != InteractionHandler.Deferred)
                {
                    trace.Replied();
                }

                delivered.TrySetResult(sent);
            }
            catch (OperationCanceledException)
            {
                // The shutdown budget ran out; the drain's summary counts it.
            }
            catch (Exception ex)
            {
                DiscordLog.GatewayInteractionFailed(logger, ex);
            }
            finally
            {
                delivered.TrySetResult(false);
            }
        }
    }

    private async Task IdentifyOrResumeAsync(Connection connection)
    {
        var seq = Interlocked.Read(ref sequence);
        if (sessionId is not null)
        {
            await SendAsync(connection, new JsonObject
            {
                ["op"] = 6,
                ["d"] = new JsonObject { ["token"] = options.Token, ["session_id"] = sessionId, ["seq"] = seq < 0 ? null : seq },
            });
            return;
        }

        await SendAsync(connection, new JsonObject
        {
            ["op"] = 2,
            ["d"] = new JsonObject
            {
                ["token"] = options.Token,
                ["intents"] = GatewayClient.Intents,
                ["shard"] = new JsonArray(shard.Id, shard.Count),
                ["properties"] = new JsonObject { ["os"] = "linux", ["browser"] = "article-bot", ["device"] = "article-bot" },
            },
        });
    }

    private async Task HeartbeatAsync(Connection connection, TimeSpan interval)
    {
        // The first beat is jittered so a fleet of bots reconnecting together does not beat in step.
        await Task.Delay(interval * Random.Shared.NextDouble(), time, connection.Token);
        while (!connection.Token.IsCancellationRequested)
        {
            if (!connection.Acked)
            {
                connection.Zombie = true;
                // Abort, not a 1000 close, so the session stays resumable.
                connection.Socket.Abort();
                return;
            }

            await SendHeartbeatAsync(connection);
            await Task.Delay(interval, time, connection.Token);
        }
    }

    private Task SendHeartbeatAsync(Connection connection)
    {
        connection.Acked = false;
        var seq = Interlocked.Read(ref sequence);
        return SendAsync(connection, new JsonObject { ["op"] = 1, ["d"] = seq < 0 ? null : seq });
    }

    private static async Task SendAsync(Connection connection, JsonObject payload)
    {
        var bytes = Encoding.UTF8.GetBytes(payload.ToJsonString());
        await connection.SendLock.WaitAsync(connection.Token);
        try
        {
            await connection.Socket.SendAsync(bytes, WebSocketMessageType.Text, true, connection.Token);
        }
        finally
        {
            connection.SendLock.Release();
        }
    }

    private static async Task<JsonObject?> ReceiveAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(8192);
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.GetMemory(8192), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            buffer.Advance(result.Count);
            if (buffer.WrittenCount > 64 * 1024 * 1024)
            {
                throw new IOException("Gateway message too large");
            }

            if (result.EndOfMessage)
            {
                return JsonNode.Parse(buffer.WrittenSpan) as JsonObject ?? throw new IOException("Gateway sent a non-object frame");
            }
        }
    }

    private static async Task ShutdownAsync(Connection connection)
    {
        await CloseQuietlyAsync(connection, ResumableClose);
        await Task.Delay(TimeSpan.FromSeconds(2));
        connection.Cancel();
    }

    private static Task CloseForResumeAsync(Connection connection) =>
        CloseQuietlyAsync(connection, ResumableClose);

    private static async Task CloseQuietlyAsync(Connection connection, WebSocketCloseStatus status)
    {
        var socket = connection.Socket;
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        var locked = false;
        try
        {
            // The close frame is a send: it waits for a heartbeat in flight, or the socket refuses it and the close code is lost.
            await connection.SendLock.WaitAsync(timeout.Token);
            locked = true;
            await socket.CloseOutputAsync(status, "", timeout.Token);
        }
        catch (Exception)
        {
            connection.Abort();
        }
        finally
        {
            if (locked)
            {
                connection.ReleaseSendLock();
            }
        }
    }

    private sealed class Connection(ClientWebSocket socket) : IDisposable
    {
        private readonly CancellationTokenSource cts = new();

        public ClientWebSocket Socket { get; } = socket;
        public SemaphoreSlim SendLock { get; } = new(1, 1);
        public CancellationToken Token => cts.Token;
        public volatile bool Acked = true;
        public volatile bool Zombie;
        public volatile bool HandshakeExpired;

        public void HandshakeTimedOut()
        {
            HandshakeExpired = true;
            Socket.Abort();
        }

        public void Abort()
        {
            try
            {
                Socket.Abort();
            }
            catch (ObjectDisposedException)
            {
                // Already gone with its connection.
            }
        }

        public void ReleaseSendLock()
        {
            try
            {
                SendLock.Release();
            }
            catch (ObjectDisposedException)
            {
                // The connection ended while the close was being sent.
            }
        }

        public void Cancel()
        {
            try
            {
                cts.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // Already gone with its connection.
            }
        }

        public void Dispose()
        {
            cts.Dispose();
            SendLock.Dispose();
        }
    }
}

