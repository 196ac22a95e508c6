using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Bot.Engine;
using Bot.Engine.Answers;
using Bot.Engine.Commands;
using Bot.Runtime;
using Bot.Runtime.Telemetry;
using Microsoft.Extensions.Logging;

namespace Bot.Discord;

/// <summary>
/// MESSAGE_CREATE that mentions us: answer in the thread it came from, in a new thread started from it (guild
/// text channels), or as a reply (DMs, or where we may not create threads).
/// </summary>
public sealed partial class MentionHandler(IAnswerEngine engine, DiscordRestClient rest, IClaims claims, ReplyRetry retry, ILogger<MentionHandler> logger)
{
    private const int MissingPermissions = 50013;
    private const int ThreadAlreadyExists = 160004;

    /// <summary>How long a message id stays claimed: replays after a RESUME come well within it.</summary>
    public static readonly TimeSpan ClaimTtl = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Handles one MESSAGE_CREATE; returns whether we answered it. A reply that fails for a reason that can pass is
    /// retried until <paramref name="deadline"/> (default: Replies:RetryWindow from now); <paramref name="cancellationToken"/>
    /// is the shutdown's abandon signal.
    /// </summary>
    /// <param name="claimed">The message id was claimed already (it came through the shared work queue).</param>
    public async Task<bool> HandleAsync(JsonObject message, string selfId, CancellationToken cancellationToken, DateTimeOffset? deadline = null, WorkLease? lease = null, bool claimed = false)
    {
        try
        {
            if (!IsMentionOfUs(message, selfId))
            {
                return false;
            }

            var messageId = InteractionHandler.Str(message["id"]);
            var channelId = InteractionHandler.Str(message["channel_id"]);

            // Replays after a resume, plain duplicates, and the same message seen by another replica: answered once.
            if (!claimed && !await TryClaimAsync(messageId, cancellationToken))
            {
                BotTelemetry.RecordDedupHit(BotTelemetry.Discord, "message");
                return false;
            }

            var channelType = InteractionHandler.Int(message["channel_type"]);
            var inGuild = message["guild_id"] is not null;
            var text = StripMention(InteractionHandler.Str(message["content"]), selfId);
            Answer answer;
            try
            {
                answer = BotTelemetry.Answer(
                    BotTelemetry.Discord, () => engine.Answer(BotRequest.ForMention(text, DiscordConversation.ForMention(channelId, messageId, channelType, inGuild))), a => a.Kind);
            }
            catch (Exception ex)
            {
                DiscordLog.EngineFailedOnMention(logger, ex);
                answer = InteractionHandler.Problem("Sorry, something went wrong while answering. Please try again.");
            }

            return await retry.DeliverAsync(
                $"Discord reply to message {messageId} in channel {channelId}",
                deadline ?? retry.MentionDeadline(),
                attempt => ReplyOnceAsync(channelId, messageId, channelType, inGuild, text, answer, attempt),
                cancellationToken,
                lease);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            DiscordLog.MentionFailed(logger, ex);
            return false;
        }
    }

    /// <summary>A message that mentions us, from a person (not a bot, not us, not a webhook), with the ids a reply needs.</summary>
    public static bool IsMentionOfUs(JsonObject message, string selfId)
    {
        var author = message["author"] as JsonObject;
        var isBot = author?["bot"] is JsonValue b && b.TryGetValue<bool>(out var bot) && bot;
        if (isBot || InteractionHandler.Str(author?["id"]) == selfId || message["webhook_id"] is not null)
        {
            return false;
        }

        return (message["mentions"] as JsonArray ?? []).OfType<JsonObject>().Any(u => InteractionHandler.Str(u["id"]) == selfId)
            && InteractionHandler.Str(message["id"]).Length > 0
            && InteractionHandler.Str(message["channel_id"]).Length > 0;
    }

    /// <summary>The claim key of a message (shared by the direct path and the work queue).</summary>
    public static string ClaimKey(string messageId) => "discord:message:" + messageId;

    /// <summary>
    /// Claims the message for this process. When the shared store cannot say, answer anyway: a Gateway event cannot be
    /// left unacked for a redelivery, and the reply's nonce keeps Discord from posting a repeat twice.
    /// </summary>
    private async Task<bool> TryClaimAsync(string messageId, CancellationToken cancellationToken)
    {
        try
        {
            return await claims.TryClaimAsync(ClaimKey(messageId), ClaimTtl, cancellationToken);
        }
        catch (SharedStoreUnavailableException)
        {
            return true;
        }
    }

    /// <summary>
    /// One attempt at the whole reply: the thread (if one is due), then the message. Safe to repeat: a thread that
    /// exists already is found by the message's id, and the message's nonce makes Discord keep only the first post.
    /// </summary>
    private async Task<ReplyAttempt> ReplyOnceAsync(string channelId, string messageId, int channelType, bool inGuild, string text, Answer answer, CancellationToken cancellationToken)
    {
        if (DiscordConversation.IsThread(channelType) || !inGuild)
        {
            return await ReplyAsync(channelId, messageId, text, answer, cancellationToken);
        }

        var thread = await rest.SendOnceAsync(HttpMethod.Post, $"/channels/{channelId}/messages/{messageId}/threads", new JsonObject
        {
            ["name"] = ThreadName(text, answer),
            ["auto_archive_duration"] = 1440,
        }, cancellationToken);

        if (thread.IsTransient)
        {
            return thread.ToAttempt();
        }

        var threadId = thread.IsSuccess ? InteractionHandler.Str(thread.Body?["id"]) : "";
        if (thread.ErrorCode == ThreadAlreadyExists)
        {
            // A thread started from a message has the message's id.
            threadId = messageId;
        }

        if (threadId.Length > 0)
        {
            return await PostAsync(threadId, messageId, Render(answer, text), answer, cancellationToken);
        }

        if (thread.Status == HttpStatusCode.Forbidden || thread.ErrorCode == MissingPermissions)
        {
            DiscordLog.NoThreadPermission(logger, channelId);
        }

        // Unknown channel type (an announcement channel, a thread whose type was not sent, …): a plain reply still works.
        return await ReplyAsync(channelId, messageId, text, answer, cancellationToken);
    }

    /// <summary>The reply is public whatever the answer's kind, so its buttons are a public answer's: Source, 👍, 👎.</summary>
    private static JsonObject Render(Answer answer, string text)
    {
        var shown = answer with { Visibility = AnswerVisibility.Public };
        return EmbedRenderer.WithButtons(EmbedRenderer.Render(shown, allowEphemeral: false), shown, text);
    }

    private Task<ReplyAttempt> ReplyAsync(string channelId, string messageId, string text, Answer answer, CancellationToken cancellationToken)
    {
        var body = Render(answer, text);
        body["message_reference"] = new JsonObject { ["message_id"] = messageId, ["fail_if_not_exists"] = false };
        ((JsonObject)body["allowed_mentions"]!)["replied_user"] = false;
        return PostAsync(channelId, messageId, body, answer, cancellationToken);
    }

    private async Task<ReplyAttempt> PostAsync(string channelId, string messageId, JsonObject body, Answer answer, CancellationToken cancellationToken)
    {
        // A retried POST (timeout, 5xx after Discord stored it) must not post twice: Discord returns the first
        // message for a repeated nonce when enforce_nonce is set.
        body["nonce"] = "m" + messageId;
        body["enforce_nonce"] = true;
        var response = await rest.SendOnceAsync(HttpMethod.Post, $"/channels/{channelId}/messages", body, cancellationToken);
        if (response.Status == HttpStatusCode.BadRequest)
        {
            // Embed refused (limits, or embeds not allowed here): the plain content still carries the answer.
            var plain = EmbedRenderer.RenderPlain(answer, allowEphemeral: false);
            if (body["message_reference"] is JsonNode reference)
            {
                plain["message_reference"] = reference.DeepClone();
            }

            plain["nonce"] = "m" + messageId;
            plain["enforce_nonce"] = true;

            response = await rest.SendOnceAsync(HttpMethod.Post, $"/channels/{channelId}/messages", plain, cancellationToken);
        }

        return response.ToAttempt();
    }

    public static string StripMention(string content, string selfId) =>
        Regex.Replace(content, $@"<@!?{Regex.Escape(selfId)}>", " ").Trim();

    private static string ThreadName(string text, Answer answer)
    {
        var name = Whitespace().Replace(text.Length > 0 ? text : answer.Title, " ").Trim();
        if (name.Length == 0)
        {
            name = "Answer";
        }

        return EmbedRenderer.Truncate(name, 100);
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
