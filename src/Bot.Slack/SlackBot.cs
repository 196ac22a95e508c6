using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using Bot.Engine;
using Bot.Engine.Answers;
using Bot.Engine.Commands;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bot.Slack;

/// <summary>Who we are in the workspace, from auth.test: mentions of <see cref="UserId"/> address us.</summary>
public sealed record SlackIdentity(string UserId, string? BotId);

/// <summary>
/// The translation layer both transports share: slash commands become engine requests answered at once,
/// events are de-duplicated and queued, and the queue is worked off in the background.
/// </summary>
public sealed partial class SlackBot(
    IAnswerEngine engine,
    SlackApiClient api,
    SlackEventDeduplicator deduplicator,
    TimeProvider time,
    ILogger<SlackBot> logger)
{
    /// <summary>Slack waits 3 s for the ack; past this the answer goes to response_url instead.</summary>
    public static readonly TimeSpan CommandAnswerBudget = TimeSpan.FromSeconds(2);

    private readonly Channel<JsonObject> _events = Channel.CreateBounded<JsonObject>(
        new BoundedChannelOptions(1024) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly SemaphoreSlim _identityLock = new(1, 1);
    private SlackIdentity? _identity;

    internal ChannelReader<JsonObject> Events => _events.Reader;

    /// <summary>The immediate response to a slash command: `response_type`, `text` and `blocks`.</summary>
    /// <param name="conversation">From <see cref="SlackConversation.ForCommand"/>: null for every command but /ask.</param>
    public async Task<JsonObject> AnswerCommandAsync(string command, string? text, string? responseUrl, string? conversation, CancellationToken ct)
    {
        var request = BotRequest.ForCommand(command, SlackBlockKit.Unescape(text ?? "")) with { Conversation = conversation };
        var work = Task.Run(() => engine.Answer(request), CancellationToken.None);
        try
        {
            return ToResponse(await work.WaitAsync(CommandAnswerBudget, time, ct));
        }
        catch (TimeoutException) when (Uri.TryCreate(responseUrl, UriKind.Absolute, out var url) && url.Scheme is "https" or "http")
        {
            _ = FollowUpAsync(work, url);
            return Ephemeral("Working on it…");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Answering /{Command} failed", request.Command);
            return Ephemeral("Sorry, something went wrong while answering. Please try again.");
        }
    }

    /// <summary>Queues an Events API payload unless its event_id was seen before; returns whether it was queued.</summary>
    public bool AcceptEvent(JsonObject payload, int retryNum = 0)
    {
        if (Str(payload, "type") != "event_callback" || payload["event"] is not JsonObject)
        {
            return false;
        }

        if (Str(payload, "event_id") is { } eventId && !deduplicator.TryClaim(eventId))
        {
            logger.LogDebug("Dropping repeated Slack event {EventId} (retry {Retry})", eventId, retryNum);
            return false;
        }

        if (!_events.Writer.TryWrite(payload))
        {
            logger.LogWarning("Slack event queue is full; dropping event {EventId}", Str(payload, "event_id"));
            return false;
        }

        return true;
    }

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
                    logger.LogInformation("Slack bot user is {UserId} in team {Team}", userId, result.GetString("team"));
                }
            }

            return _identity;
        }
        finally
        {
            _identityLock.Release();
        }
    }

    /// <summary>Answers one queued event; today only app_mention, replied to in its thread.</summary>
    public async Task HandleEventAsync(JsonObject payload, CancellationToken ct)
    {
        if (payload["event"] is not JsonObject ev || Str(ev, "type") != "app_mention")
        {
            return;
        }

        // Other bots (and our own echoes) never get an answer: bot-to-bot loops are the failure to avoid.
        if (Str(ev, "bot_id") is not null || Str(ev, "subtype") == "bot_message")
        {
            return;
        }

        var identity = await GetIdentityAsync(ct);
        if (identity is not null && Str(ev, "user") == identity.UserId)
        {
            return;
        }

        if (Str(ev, "channel") is not { Length: > 0 } channel || Str(ev, "ts") is not { Length: > 0 } ts)
        {
            logger.LogWarning("Slack app_mention without channel or ts; ignored");
            return;
        }

        // Always the parent's ts: a reply inside a thread carries thread_ts, a top-level mention only ts. The reply goes
        // to that thread, and the conversation is that thread: a later mention inside it carries this ts as thread_ts.
        var threadTs = Str(ev, "thread_ts") is { Length: > 0 } parent ? parent : ts;
        var conversation = SlackConversation.ForThread(Str(payload, "team_id") ?? Str(ev, "team"), channel, threadTs);
        var text = StripMention(Str(ev, "text") ?? "", identity?.UserId);
        var answer = engine.Answer(BotRequest.ForMention(text, conversation));
        var message = SlackBlockKit.Render(answer);
        message["channel"] = channel;
        message["thread_ts"] = threadTs;
        message["unfurl_links"] = false;
        message["unfurl_media"] = false;
        await api.PostMessageAsync(message, ct);
    }

    /// <summary>The text of a mention without our own &lt;@U…&gt; token(s), unescaped for the engine.</summary>
    public static string StripMention(string text, string? botUserId)
    {
        var stripped = botUserId is null
            ? LeadingMention().Replace(text, "", 1)
            : Mention().Replace(text, m => m.Groups[1].Value == botUserId ? "" : m.Value);
        return SlackBlockKit.Unescape(stripped).Trim();
    }

    internal static JsonObject ToResponse(Answer answer)
    {
        var response = SlackBlockKit.Render(answer);
        response["response_type"] = answer.Visibility == AnswerVisibility.Private ? "ephemeral" : "in_channel";
        return response;
    }

    private static JsonObject Ephemeral(string text) => new() { ["response_type"] = "ephemeral", ["text"] = text };

    private async Task FollowUpAsync(Task<Answer> work, Uri responseUrl)
    {
        try
        {
            var answer = await work;
            var message = ToResponse(answer);
            message["replace_original"] = false;
            await api.PostToResponseUrlAsync(responseUrl, message, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Slow Slack command answer could not be sent");
        }
    }

    internal static string? Str(JsonObject obj, string name) =>
        obj[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    [GeneratedRegex(@"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")]
    private static partial Regex Mention();

    [GeneratedRegex(@"^\s*<@[UW][A-Z0-9]+(?:\|[^>]*)?>")]
    private static partial Regex LeadingMention();
}

/// <summary>Works off queued events one at a time, so a rate-limited reply holds back the next (as Slack asks).</summary>
internal sealed class SlackEventWorker(SlackBot bot, ILogger<SlackEventWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await bot.GetIdentityAsync(stoppingToken);
            await foreach (var payload in bot.Events.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await bot.HandleEventAsync(payload, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Handling a Slack event failed");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
