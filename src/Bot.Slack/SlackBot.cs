using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Bot.Engine;
using Bot.Engine.Answers;
using Bot.Engine.Commands;
using Bot.Runtime;
using Bot.Runtime.Feedback;
using Bot.Runtime.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bot.Slack;

/// <summary>Who we are in the workspace, from auth.test: mentions of <see cref="UserId"/> address us.</summary>
public sealed record SlackIdentity(string UserId, string? BotId);

/// <summary>What became of an Events API payload handed to <see cref="SlackBot.AcceptEvent"/>.</summary>
public enum EventAcceptance
{
    /// <summary>Queued: ack it; it is ours until answered.</summary>
    Queued,

    /// <summary>Nothing to do (a repeat, or not an event): ack it so Slack does not retry.</summary>
    Ignored,

    /// <summary>The queue is full or the bot is stopping: do NOT ack, so Slack redelivers it (here later, or elsewhere).</summary>
    Refused,
}

/// <summary>
/// The translation layer both transports share: slash commands become engine requests answered at once,
/// events are de-duplicated and queued, and the queue is worked off in the background.
/// </summary>
public sealed partial class SlackBot
{
    /// <summary>Slack waits 3 s for the ack; past this the answer goes to response_url instead.</summary>
    public static readonly TimeSpan CommandAnswerBudget = TimeSpan.FromSeconds(2);

    /// <summary>A response_url takes follow-ups for 30 minutes.</summary>
    private static readonly TimeSpan ResponseUrlLifetime = TimeSpan.FromMinutes(30);

    /// <summary>Slack retries an event for up to ~6 minutes; its event_id stays claimed well beyond that.</summary>
    public static readonly TimeSpan EventClaimTtl = TimeSpan.FromMinutes(15);

    // One partition per worker; an event goes to the partition its channel hashes to, so each channel's replies keep
    // their order (and Slack's one-message-a-second-per-channel pace), while channels are answered side by side.
    // In memory or on Redis (shared by replicas); Slack:EventQueueCapacity events accepted and unanswered at most.
    private readonly IWorkQueue _queue;
    private readonly int _partitions;
    private readonly SemaphoreSlim _identityLock = new(1, 1);
    private readonly IAnswerEngine engine;
    private readonly SlackApiClient api;
    private readonly WorkTracker tracker;
    private readonly ReplyRetry retry;
    private readonly FeedbackRecorder feedback;
    private readonly IClaims claims;
    private readonly TimeProvider time;
    private readonly ILogger<SlackBot> logger;
    private SlackIdentity? _identity;

    public SlackBot(
        IAnswerEngine engine,
        SlackApiClient api,
        IWorkQueueFactory queues,
        SlackOptions options,
        WorkTracker tracker,
        ReplyRetry retry,
        FeedbackRecorder feedback,
        IClaims claims,
        TimeProvider time,
        ILogger<SlackBot> logger)
    {
        this.engine = engine;
        this.api = api;
        this.tracker = tracker;
        this.retry = retry;
        this.feedback = feedback;
        this.claims = claims;
        this.time = time;
        this.logger = logger;
        _partitions = options.EventWorkers;
        _queue = queues.Create("slack-events", "Slack mention(s)", options.EventWorkers, options.EventQueueCapacity);
    }

    /// <summary>The immediate response to a slash command: `response_type`, `text` and `blocks`.</summary>
    /// <param name="conversation">From <see cref="SlackConversation.ForCommand"/>: null for every command but /ask.</param>
    public async Task<JsonObject> AnswerCommandAsync(string command, string? text, string? responseUrl, string? conversation, CancellationToken ct) =>
        (await AnswerCommandReplyAsync(command, text, responseUrl, conversation, ct)).ToJson();

    /// <summary><see cref="AnswerCommandAsync"/>, kept as the answer so the HTTP endpoint can write it without a JSON tree.</summary>
    public async Task<SlackCommandReply> AnswerCommandReplyAsync(string command, string? text, string? responseUrl, string? conversation, CancellationToken ct)
    {
        var request = BotRequest.ForCommand(command, SlackBlockKit.Unescape(text ?? "")) with { Conversation = conversation };
        var asked = RequestText(request);
        var work = Task.Run(() => BotTelemetry.Answer(BotTelemetry.Slack, () => engine.Answer(request), a => a.Kind), CancellationToken.None);
        try
        {
            return SlackCommandReply.Answered(await work.WaitAsync(CommandAnswerBudget, time, ct), asked);
        }
        catch (TimeoutException) when (Uri.TryCreate(responseUrl, UriKind.Absolute, out var url) && url.Scheme is "https" or "http")
        {
            // Acked with "Working on it…": from here the answer is ours to deliver, even while stopping.
            _ = FollowUpAsync(work, asked, url, tracker.Start("Slack slash-command follow-up(s)"));
            return SlackCommandReply.Ephemeral("Working on it…");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            SlackLog.CommandAnswerFailed(logger, ex, request.Command);
            return SlackCommandReply.Ephemeral("Sorry, something went wrong while answering. Please try again.");
        }
    }

    /// <summary>
    /// Queues an Events API payload unless its event_id was claimed before (here or by another replica). Only
    /// <see cref="EventAcceptance.Refused"/> must go unacknowledged: the queue is full, the bot is stopping, or the
    /// shared store is unreachable, and Slack will deliver it again.
    /// </summary>
    public async ValueTask<EventAcceptance> AcceptEventAsync(JsonObject payload, int retryNum = 0)
    {
        if (Str(payload, "type") != "event_callback" || payload["event"] is not JsonObject ev)
        {
            return EventAcceptance.Ignored;
        }

        // An event without an id cannot be told from its redelivery; a fresh key at least queues it once.
        var eventId = Str(payload, "event_id");
        var claim = "slack:event:" + (eventId ?? Guid.NewGuid().ToString("N"));
        var partition = WorkerFor(Str(ev, "channel") ?? "", _partitions);
        WorkAcceptance accepted;
        try
        {
            // The request's trace and transport travel with the event (another replica may answer it).
            BotTelemetry.StampReceipt(payload);
            accepted = await _queue.TryAcceptAsync(claim, EventClaimTtl, partition, payload.ToJsonString(), CancellationToken.None);
        }
        catch (SharedStoreUnavailableException)
        {
            accepted = WorkAcceptance.Refused;
        }

        switch (accepted)
        {
            case WorkAcceptance.Accepted:
                // Per replica it can drift (another replica may take the event), but summed over replicas it is the depth.
                BotTelemetry.QueueChanged(BotTelemetry.Slack, 1);
                return EventAcceptance.Queued;
            case WorkAcceptance.Duplicate:
                LogRepeated(logger, eventId ?? "?", retryNum);
                BotTelemetry.RecordDedupHit(BotTelemetry.Slack, "event");
                return EventAcceptance.Ignored;
            default:
                LogRefused(logger, eventId ?? "?", tracker.IsStopping ? "the bot is stopping" : "the event queue is full or unreachable");
                return EventAcceptance.Refused;
        }
    }

    /// <summary>Works off the accepted events until the host stops and what was taken is answered.</summary>
    internal Task RunWorkersAsync() => _queue.RunAsync(HandleAcceptedAsync);

    /// <summary>Our ids, asked once from auth.test (and again later if that failed).</summary>
    public async Task<SlackIdentity?> GetIdentityAsync(CancellationToken ct)
    {
        if (_identity is { } known)
        {
            return known;
        }

        await _identityLock.WaitAsync(ct);
        try
        {
            if (_identity is null)
            {
                var result = await api.AuthTestAsync(ct);
                if (result.Ok && result.GetString("user_id") is { Length: > 0 } userId)
                {
                    _identity = new SlackIdentity(userId, result.GetString("bot_id"));
                    SlackLog.BotIdentity(logger, userId, result.GetString("team"));
                }
            }

            return _identity;
        }
        finally
        {
            _identityLock.Release();
        }
    }

    /// <summary>Which worker (partition) answers a channel: the same in every process.</summary>
    internal static int WorkerFor(string channel, int workers) => WorkPartition.For(channel, workers);

    /// <summary>Answers one accepted event; false when the reply was given up. Never throws but for the abandon signal.</summary>
    private async Task<bool> HandleAcceptedAsync(AcceptedWork work, WorkLease lease, CancellationToken abandon)
    {
        try
        {
            if (JsonNode.Parse(work.Payload) is not JsonObject payload)
            {
                return true;
            }

            BotTelemetry.QueueChanged(BotTelemetry.Slack, -1);
            var receipt = BotTelemetry.TakeReceipt(payload);
            using var span = BotTelemetry.StartReply(receipt, "slack reply");
            var answered = await HandleEventAsync(payload, retry.MentionDeadline(work.AcceptedAt), lease, abandon, mayBeAnswered: work.TakenOver);
            // Only a reply counts towards answer latency: an event handled by ignoring it (not a mention, a bot's) does not.
            if (answered && payload["event"] is JsonObject ev && Str(ev, "bot_id") is null
                && (Str(ev, "type") == "app_mention" || (Str(ev, "type") == "message" && Str(ev, "subtype") is null)))
            {
                BotTelemetry.RecordAnswerLatency(BotTelemetry.Slack, receipt.Transport, "event", time.GetUtcNow() - work.AcceptedAt);
            }

            return answered;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            SlackLog.EventHandlingFailed(logger, ex);
            return false;
        }
    }

    /// <summary>
    /// Answers one event: app_mention (in its thread), app_home_opened (the Home tab), the assistant pane's
    /// assistant_thread_started and message.im; anything else is acknowledged and left. False when the reply was given up.
    /// </summary>
    /// <param name="mayBeAnswered">
    /// Taken over from a replica that died while working on it: it may have posted the reply before it died, so the
    /// thread is looked at first (our replies carry the event_id as metadata).
    /// </param>
    public async Task<bool> HandleEventAsync(JsonObject payload, DateTimeOffset deadline, WorkLease? lease, CancellationToken ct, bool mayBeAnswered = false)
    {
        if (payload["event"] is not JsonObject ev)
        {
            return true;
        }

        switch (Str(ev, "type"))
        {
            case "app_mention":
                break;
            case "app_home_opened":
                return await PublishHomeAsync(payload, ev, ct);
            case "assistant_thread_started":
                return await SuggestPromptsAsync(ev, ct);
            case "message":
                return await AnswerAssistantMessageAsync(payload, ev, deadline, lease, ct, mayBeAnswered);
            default:
                // assistant_thread_context_changed among them: the bot answers from one article, wherever the user is.
                return true;
        }

        // Other bots (and our own echoes) never get an answer: bot-to-bot loops are the failure to avoid.
        if (Str(ev, "bot_id") is not null || Str(ev, "subtype") == "bot_message")
        {
            return true;
        }

        var identity = await GetIdentityAsync(ct);
        if (identity is not null && Str(ev, "user") == identity.UserId)
        {
            return true;
        }

        if (Str(ev, "channel") is not { Length: > 0 } channel || Str(ev, "ts") is not { Length: > 0 } ts)
        {
            SlackLog.MentionWithoutChannelOrTs(logger);
            return true;
        }

        // Always the parent's ts: a reply inside a thread carries thread_ts, a top-level mention only ts. The reply goes
        // to that thread, and the conversation is that thread: a later mention inside it carries this ts as thread_ts.
        var threadTs = Str(ev, "thread_ts") is { Length: > 0 } parent ? parent : ts;
        var eventId = Str(payload, "event_id");
        if (mayBeAnswered && await AlreadyAnsweredAsync(channel, threadTs, eventId, ct))
        {
            return true;
        }

        var conversation = SlackConversation.ForThread(Str(payload, "team_id") ?? Str(ev, "team"), channel, threadTs);
        var text = StripMention(Str(ev, "text") ?? "", identity?.UserId);
        var answer = BotTelemetry.Answer(BotTelemetry.Slack, () => engine.Answer(BotRequest.ForMention(text, conversation)), a => a.Kind);
        var message = SlackBlockKit.Render(answer, AnswerActions.For(answer, Asked(text), AnswerActions.SlackValueLimit));
        message["channel"] = channel;
        message["thread_ts"] = threadTs;
        message["unfurl_links"] = false;
        message["unfurl_media"] = false;
        if (eventId is not null)
        {
            SlackApiClient.TagAsAnswerTo(message, eventId);
        }

        return await retry.DeliverAsync(
            $"Slack reply to {eventId ?? "an event"} in {channel}", deadline, attempt => api.TryPostMessageAsync(message, attempt), ct, lease);
    }

    /// <summary>Whether a reply to <paramref name="eventId"/> is already in the thread (a replica that died may have posted it).</summary>
    private async Task<bool> AlreadyAnsweredAsync(string channel, string threadTs, string? eventId, CancellationToken ct)
    {
        if (eventId is null)
        {
            return false;
        }

        var found = await api.FindAnswerAsync(channel, threadTs, eventId, ct);
        if (found == true)
        {
            LogAlreadyAnswered(logger, eventId);
            return true;
        }

        if (found is null)
        {
            // Losing the answer is worse than a rare repeat.
            LogCannotTellIfAnswered(logger, eventId);
        }

        return false;
    }

    /// <summary>What was asked, as a Share button carries it and <see cref="BotRequest.Parse"/> reads it back: "/reaction corbyn".</summary>
    internal static string RequestText(BotRequest request) =>
        request.Kind == BotRequestKind.Mention ? Asked(request.Text) : ("/" + request.Command + " " + Asked(request.Text)).Trim();

    /// <summary>
    /// The question as buttons carry it: no longer than the engine reads (<see cref="BotRequest.MaxTextLength"/>), so a
    /// flood of text is not repeated into every button value, and Share still gets the same answer.
    /// </summary>
    internal static string Asked(string text)
    {
        if (text.Length <= BotRequest.MaxTextLength)
        {
            return text;
        }

        var cut = BotRequest.MaxTextLength;
        return text[..(char.IsHighSurrogate(text[cut - 1]) ? cut - 1 : cut)];
    }

    /// <summary>The text of a mention without our own &lt;@U…&gt; token(s), unescaped for the engine.</summary>
    public static string StripMention(string text, string? botUserId)
    {
        var stripped = botUserId is null
            ? LeadingMention().Replace(text, "", 1)
            : Mention().Replace(text, m => m.Groups[1].Value == botUserId ? "" : m.Value);
        return SlackBlockKit.Unescape(stripped).Trim();
    }

    /// <summary>A slash command's answer with its buttons, ephemeral when only the asker should see it.</summary>
    /// <param name="asked">What was asked (<see cref="RequestText"/>): Share answers it again, feedback records it.</param>
    internal static JsonObject ToResponse(Answer answer, string asked)
    {
        var response = SlackBlockKit.Render(answer, ButtonsFor(answer, asked));
        response["response_type"] = ResponseType(answer);
        return response;
    }

    internal static IReadOnlyList<AnswerButton> ButtonsFor(Answer answer, string asked) => AnswerActions.For(answer, asked, AnswerActions.SlackValueLimit);

    internal static string ResponseType(Answer answer) => answer.Visibility == AnswerVisibility.Private ? "ephemeral" : "in_channel";

    private async Task FollowUpAsync(Task<Answer> work, string asked, Uri responseUrl, WorkLease lease)
    {
        using (lease)
        {
            try
            {
                var deadline = retry.DeadlineIn(ResponseUrlLifetime - CommandAnswerBudget);
                var answer = await work;
                var message = ToResponse(answer, asked);
                message["replace_original"] = false;
                var windowEnd = retry.MentionDeadline();
                lease.Complete(await retry.DeliverAsync(
                    "Slack slash-command follow-up", windowEnd < deadline ? windowEnd : deadline, attempt => api.TryPostToResponseUrlAsync(responseUrl, message, attempt), lease.Abandon, lease));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                SlackLog.SlowCommandFollowUpFailed(logger, ex);
            }
            catch (OperationCanceledException)
            {
                // The shutdown budget ran out; the drain's summary counts it.
            }
        }
    }

    internal static string? Str(JsonObject? obj, string name) =>
        obj?[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    [LoggerMessage(EventId = 200, Level = LogLevel.Debug, Message = "Dropping repeated Slack event {EventId} (retry {Retry})")]
    private static partial void LogRepeated(ILogger logger, string eventId, int retry);

    [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "Slack event {EventId} not acknowledged, so Slack delivers it again: {Why}")]
    private static partial void LogRefused(ILogger logger, string eventId, string why);

    [LoggerMessage(EventId = 202, Level = LogLevel.Information, Message = "Slack event {EventId} was answered by the replica that took it before it stopped; not answering twice")]
    private static partial void LogAlreadyAnswered(ILogger logger, string eventId);

    [LoggerMessage(EventId = 203, Level = LogLevel.Warning, Message = "Slack event {EventId} was taken over from a replica that stopped; could not read the thread to see whether it had answered (grant the history scopes), so answering it")]
    private static partial void LogCannotTellIfAnswered(ILogger logger, string eventId);

    [GeneratedRegex(@"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")]
    private static partial Regex Mention();

    [GeneratedRegex(@"^\s*<@[UW][A-Z0-9]+(?:\|[^>]*)?>")]
    private static partial Regex LeadingMention();
}

/// <summary>
/// Works off the queue, one event at a time per partition, so within a channel a rate-limited reply holds back the
/// next (as Slack asks). On stop it keeps going until what it took is answered (nothing new is queued then) or the
/// shutdown budget runs out.
/// </summary>
internal sealed class SlackEventWorker(SlackBot bot, WorkTracker tracker, ILogger<SlackEventWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Not the stopping token: accepted events are answered after it too, until the abandon signal.
        var abandon = tracker.Abandon;
        try
        {
            try
            {
                await bot.GetIdentityAsync(abandon);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                SlackLog.AuthTestFailed(logger, ex.Message);
            }

            await bot.RunWorkersAsync();
        }
        catch (OperationCanceledException) when (abandon.IsCancellationRequested)
        {
        }
    }
}
