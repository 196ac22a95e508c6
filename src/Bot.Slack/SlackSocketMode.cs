using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Runtime.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bot.Slack;

/// <summary>
/// Socket Mode: keeps one live connection (two, briefly, while swapping) and reconnects with
/// exponential backoff and jitter. A refresh opens the new connection before closing the old one.
/// Slack:SocketConnections of these run side by side, each in its own <paramref name="slot"/>; Slack spreads events
/// across the open connections.
/// </summary>
internal sealed class SlackSocketModeService(
    SlackOptions options,
    SlackApiClient api,
    SlackBot bot,
    SlackReadiness readiness,
    TimeProvider time,
    ILogger<SlackSocketModeService> logger,
    int slot) : BackgroundService
{
    /// <summary>Errors from apps.connections.open that retrying cannot fix.</summary>
    private static readonly HashSet<string> FatalErrors =
        ["not_authed", "invalid_auth", "account_inactive", "user_removed_from_team", "team_disabled", "not_allowed_token_type", "missing_scope"];

    private static readonly TimeSpan HelloTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(60);

    // Only the ExecuteAsync loop touches these.
    private SlackSocketConnection? _current;
    private int _failures;

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested && readiness.StoppedReason is null)
            {
                try
                {
                    await StepAsync(stop);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stop.IsCancellationRequested)
                {
                    // A bug here must not stop the whole host (BackgroundService's default): log, drop, retry.
                    SlackLog.SocketModeLoopFailed(logger, ex);
                    await DropCurrentAsync();
                    await Task.Delay(Backoff(_failures++), time, stop);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        finally
        {
            await DropCurrentAsync();
        }
    }

    /// <summary>One turn: connect if needed, wait until the connection ends, then act on why it ended.</summary>
    private async Task StepAsync(CancellationToken stop)
    {
        if (_current is null)
        {
            var (connection, fatal) = await ConnectAsync(stop);
            if (fatal is not null)
            {
                Stop(FatalMessage(fatal));
                return;
            }

            if (connection is null)
            {
                await Task.Delay(Backoff(_failures++), time, stop);
                return;
            }

            _failures = 0;
            _current = connection;
        }

        var reason = await _current.Ended.WaitAsync(stop);
        switch (reason)
        {
            case "link_disabled":
                await DropCurrentAsync();
                Stop(FatalMessage(reason));
                return;
            case "refresh_requested" or "warning" or "idle":
                SlackLog.SocketModeRefreshing(logger, reason);
                BotTelemetry.RecordReconnect(BotTelemetry.Slack, reason);
                var (next, fatal) = await ConnectAsync(stop);
                await _current.CloseAsync();
                _current = next;
                if (fatal is not null)
                {
                    Stop(FatalMessage(fatal));
                }
                else if (next is null)
                {
                    readiness.SetSocketConnected(slot, false);
                }

                return;
            default:
                // Dropped, or too_many_websockets: close first so we do not add to the crowd.
                SlackLog.SocketModeConnectionEnded(logger, reason);
                BotTelemetry.RecordReconnect(BotTelemetry.Slack, reason is "too_many_websockets" ? reason : "dropped");
                await DropCurrentAsync();
                await Task.Delay(Backoff(_failures++), time, stop);
                return;
        }
    }

    private async Task DropCurrentAsync()
    {
        readiness.SetSocketConnected(slot, false);
        var current = _current;
        _current = null;
        if (current is not null)
        {
            await current.CloseAsync();
        }
    }

    private static string FatalMessage(string code) => code == "link_disabled"
        ? "Socket Mode was turned off for this app (disconnect: link_disabled); turn it on in the app settings and restart"
        : $"apps.connections.open refused the app token ({code}); check Slack:AppToken and its connections:write scope";

    private void Stop(string why)
    {
        readiness.SetSocketConnected(slot, false);
        readiness.StoppedReason = why;
        SlackLog.SocketModeStopped(logger, why);
    }

    /// <summary>A connection that has said hello, or (null, fatal error code) / (null, null) to retry.</summary>
    private async Task<(SlackSocketConnection? Connection, string? Fatal)> ConnectAsync(CancellationToken stop)
    {
        var opened = await api.OpenConnectionAsync(stop);
        if (!opened.Ok)
        {
            return (null, FatalErrors.Contains(opened.Error ?? "") ? opened.Error : null);
        }

        if (!Uri.TryCreate(opened.GetString("url"), UriKind.Absolute, out var url))
        {
            SlackLog.ConnectionsOpenGaveNoUrl(logger);
            return (null, null);
        }

        var connection = new SlackSocketConnection(bot, options.SocketIdleTimeout, time, logger);
        try
        {
            await connection.ConnectAsync(url, stop);
            // A disconnect can come before hello (e.g. link_disabled): whichever is first decides.
            var first = await Task.WhenAny(connection.Hello.Task, connection.Ended).WaitAsync(HelloTimeout, time, stop);
            if (first == connection.Ended)
            {
                var reason = await connection.Ended;
                await connection.CloseAsync();
                return (null, reason == "link_disabled" ? reason : null);
            }

            await connection.Hello.Task;
            readiness.SetSocketConnected(slot, true);
            return (connection, null);
        }
        catch (Exception ex)
        {
            await connection.CloseAsync();
            if (ex is OperationCanceledException && stop.IsCancellationRequested)
            {
                throw;
            }

            // The ticket is in the URL's query: log the host only.
            SlackLog.SocketModeConnectFailed(logger, url.Host, ex.Message);
            return (null, null);
        }
    }

    private static TimeSpan Backoff(int failures)
    {
        var ceiling = Math.Min(MaxBackoff.TotalMilliseconds, 1000 * Math.Pow(2, Math.Min(failures, 10)));
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + Random.Shared.NextDouble() / 2));
    }
}

/// <summary>One Socket Mode WebSocket: acks envelopes, hands work to <see cref="SlackBot"/>, reports why it ended.</summary>
internal sealed class SlackSocketConnection : IAsyncDisposable
{
    private const int MaxMessageBytes = 1024 * 1024;
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(3);

    private readonly ClientWebSocket _socket = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _cts = new();
    private readonly ConcurrentDictionary<Task, bool> _inFlight = new();
    private readonly SlackBot _bot;
    private readonly TimeSpan _idleTimeout;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private ITimer? _watchdog;
    private long _lastFrameTicks;
    private Task _receiveLoop = Task.CompletedTask;
    private int _closed;

    public SlackSocketConnection(SlackBot bot, TimeSpan idleTimeout, TimeProvider time, ILogger logger)
    {
        _bot = bot;
        _idleTimeout = idleTimeout;
        _time = time;
        _logger = logger;
        // Active liveness: .NET pings and aborts the socket when no pong comes back in time.
        _socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(10);
        _socket.Options.KeepAliveTimeout = TimeSpan.FromSeconds(10);
    }

    public TaskCompletionSource Hello { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with the disconnect reason Slack gave, or "idle", "closed" or "error".</summary>
    public TaskCompletionSource<string> EndedSource { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<string> Ended => EndedSource.Task;

    public async Task ConnectAsync(Uri url, CancellationToken ct)
    {
        await _socket.ConnectAsync(url, ct);
        _lastFrameTicks = _time.GetTimestamp();
        // Pings are invisible here, so a quiet workspace looks idle too: the watchdog only asks for a
        // graceful swap (new connection first), never drops anything.
        var period = _idleTimeout / 4;
        _watchdog = _time.CreateTimer(_ => CheckIdle(), null, period, period);
        _receiveLoop = Task.Run(ReceiveLoopAsync, CancellationToken.None);
    }

    private void CheckIdle()
    {
        if (_time.GetElapsedTime(Interlocked.Read(ref _lastFrameTicks)) >= _idleTimeout)
        {
            EndedSource.TrySetResult("idle");
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        var oversized = false;
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer.GetMemory(8 * 1024), _cts.Token);
                Interlocked.Exchange(ref _lastFrameTicks, _time.GetTimestamp());
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                if (oversized || buffer.WrittenCount + result.Count > MaxMessageBytes)
                {
                    oversized = true;
                    buffer.ResetWrittenCount();
                }
                else
                {
                    buffer.Advance(result.Count);
                }

                if (!result.EndOfMessage)
                {
                    continue;
                }

                if (result.MessageType == WebSocketMessageType.Text && !oversized && Parse(buffer.WrittenSpan) is { } message)
                {
                    await OnMessageAsync(message);
                }

                oversized = false;
                buffer.ResetWrittenCount();
            }

            EndedSource.TrySetResult("closed");
        }
        catch (Exception ex)
        {
            if (!_cts.IsCancellationRequested)
            {
                SlackLog.SocketModeReceiveFailed(_logger, ex.Message);
            }

            EndedSource.TrySetResult("error");
        }
        finally
        {
            Hello.TrySetException(new WebSocketException("Connection ended before hello"));
        }
    }

    private static JsonObject? Parse(ReadOnlySpan<byte> utf8)
    {
        try
        {
            return JsonNode.Parse(utf8) as JsonObject;
        }
        catch (JsonException)
        {
            return null; // As the official clients do: unparsable frames are ignored.
        }
    }

    private async ValueTask OnMessageAsync(JsonObject message)
    {
        switch (SlackBot.Str(message, "type"))
        {
            case "hello":
                SlackLog.SocketModeConnected(_logger, message["num_connections"]?.ToString() ?? "?");
                Hello.TrySetResult();
                return;
            case "disconnect":
                var reason = SlackBot.Str(message, "reason") ?? "unknown";
                SlackLog.SocketModeDisconnect(_logger, reason);
                EndedSource.TrySetResult(reason);
                return;
        }

        if (SlackBot.Str(message, "envelope_id") is not { Length: > 0 } envelopeId)
        {
            return;
        }

        if (SlackBot.Str(message, "type") == "events_api" && message["payload"] is JsonObject payload)
        {
            // Only a queue write (the work happens later), awaited here so events keep their arrival order;
            // the ack follows at once. If the ack is lost, the redelivery is dropped by event_id.
            var retry = message["retry_attempt"] is JsonValue v && v.TryGetValue<int>(out var n) ? n : 0;
            using var trace = BotTelemetry.StartRequest(BotTelemetry.Slack, BotTelemetry.SocketMode, "event", SlackBot.Str(payload, "event_id"), _logger);
            if (await _bot.AcceptEventAsync(payload, retry) == EventAcceptance.Refused)
            {
                // Not acked: Slack delivers it again (to this connection later, or to another one).
                return;
            }
        }

        var task = HandleEnvelopeAsync(envelopeId, message);
        _inFlight.TryAdd(task, true);
        _ = task.ContinueWith(t => _inFlight.TryRemove(t, out _), TaskScheduler.Default);
    }

    private async Task HandleEnvelopeAsync(string envelopeId, JsonObject envelope)
    {
        try
        {
            var payload = envelope["payload"] as JsonObject;
            switch (SlackBot.Str(envelope, "type"))
            {
                case "slash_commands" when payload is not null:
                    using (var trace = BotTelemetry.StartRequest(BotTelemetry.Slack, BotTelemetry.SocketMode, "command", envelopeId, _logger))
                    {
                        await AnswerSlashCommandAsync(envelopeId, payload);
                        trace.Replied();
                    }

                    break;
                case "interactive" when payload is not null:
                    // Handled in the background (the answer goes to the payload's response_url): the ack follows at once.
                    using (var trace = BotTelemetry.StartRequest(BotTelemetry.Slack, BotTelemetry.SocketMode, "interaction", envelopeId, _logger))
                    {
                        _bot.AcceptInteraction(payload);
                        await SendAsync(new JsonObject { ["envelope_id"] = envelopeId });
                        trace.Replied();
                    }

                    break;
                default:
                    await SendAsync(new JsonObject { ["envelope_id"] = envelopeId });
                    break;
            }
        }
        catch (Exception ex) when (!_cts.IsCancellationRequested)
        {
            SlackLog.EnvelopeNotHandled(_logger, envelopeId, ex.Message);
        }
        catch (Exception)
        {
            // Shutting down; Slack redelivers what we did not ack.
        }
    }

    /// <summary>A slash command is answered in its ack, within Slack's 3 s.</summary>
    private async Task AnswerSlashCommandAsync(string envelopeId, JsonObject payload)
    {
        var command = SlackBot.Str(payload, "command") ?? "";
        var conversation = SlackConversation.ForCommand(
            command, SlackBot.Str(payload, "team_id"), SlackBot.Str(payload, "channel_id"), SlackBot.Str(payload, "user_id"));
        var response = await _bot.AnswerCommandAsync(
            command, SlackBot.Str(payload, "text"), SlackBot.Str(payload, "response_url"), conversation, _cts.Token);
        await SendAsync(new JsonObject { ["envelope_id"] = envelopeId, ["payload"] = response });
    }

    private async Task SendAsync(JsonObject frame)
    {
        var bytes = SlackJson.ToUtf8(frame);
        await _sendLock.WaitAsync(_cts.Token);
        try
        {
            await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, _cts.Token);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Finishes the envelopes in hand, says goodbye (1000) and frees the socket. Safe to call twice.</summary>
    public async Task CloseAsync()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 1)
        {
            return;
        }

        _watchdog?.Dispose();
        try
        {
            await Task.WhenAll(_inFlight.Keys).WaitAsync(CloseTimeout, _time);
        }
        catch (Exception)
        {
            // Anything still running is abandoned; Slack redelivers un-acked events.
        }

        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(CloseTimeout, _time);
                await _sendLock.WaitAsync(timeout.Token);
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", timeout.Token);
                await _receiveLoop.WaitAsync(CloseTimeout, _time);
            }
        }
        catch (Exception)
        {
            // The peer is gone or slow; aborting below is the answer either way.
        }

        await _cts.CancelAsync();
        _socket.Abort();
        try
        {
            await _receiveLoop;
        }
        catch (Exception)
        {
        }

        _socket.Dispose();
        EndedSource.TrySetResult("closed");
    }

    public ValueTask DisposeAsync() => new(CloseAsync());
}
