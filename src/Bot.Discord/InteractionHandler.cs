using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Engine;
using Bot.Engine.Answers;
using Bot.Engine.Commands;
using Bot.Runtime;
using Bot.Runtime.Telemetry;
using Microsoft.Extensions.Logging;

namespace Bot.Discord;

/// <summary>
/// Turns an interaction (from the gateway or the HTTP endpoint) into its initial response. A slow answer is
/// deferred (type 5) and delivered later by editing @original, once the deferral has been delivered.
/// </summary>
public sealed class InteractionHandler(
    IAnswerEngine engine,
    ClickHandler clicks,
    DiscordRestClient rest,
    DiscordOptions options,
    IClaims claims,
    WorkTracker tracker,
    ReplyRetry retry,
    TimeProvider time,
    ILogger<InteractionHandler> logger)
{
    /// <summary>An interaction token takes follow-ups and edits for 15 minutes; a little is kept back for the last try.</summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(30);

    /// <summary>How long the edit waits to hear that the deferral reached Discord (it must within 3 s of the interaction).</summary>
    private static readonly TimeSpan AckWait = TimeSpan.FromSeconds(10);

    public const int Ping = 1;
    public const int ApplicationCommand = 2;
    public const int MessageComponent = 3;
    public const int Autocomplete = 4;

    /// <summary>The response type that answers with a message (CHANNEL_MESSAGE_WITH_SOURCE).</summary>
    public const int ChannelMessage = 4;

    /// <summary>The response type that acknowledges now and edits the answer in later.</summary>
    public const int Deferred = 5;

    /// <summary>An interaction id is claimed for as long as its token lives: a repeat within it is not answered twice.</summary>
    public static readonly TimeSpan ClaimTtl = TimeSpan.FromMinutes(15);

    /// <summary>
    /// The initial response, or null for a duplicate that was already answered. When it is a deferral (type 5), the
    /// answer is edited in only after <paramref name="ackDelivered"/> says true (the caller delivered the response):
    /// an edit before that would reach an interaction Discord does not know is acknowledged.
    /// </summary>
    public async Task<JsonObject?> RespondAsync(JsonObject interaction, CancellationToken cancellationToken, Task<bool>? ackDelivered = null) =>
        (await ReplyAsync(interaction, cancellationToken, ackDelivered))?.ToJson();

    /// <summary>
    /// <see cref="RespondAsync"/> for the HTTP endpoint: an answer stays an answer until it is written, so the endpoint
    /// writes it straight to the response body (<see cref="InteractionReply.WriteTo"/>) with no JSON tree in between.
    /// </summary>
    public async Task<InteractionReply?> ReplyAsync(JsonObject interaction, CancellationToken cancellationToken, Task<bool>? ackDelivered = null)
    {
        var type = Int(interaction["type"]);
        if (type == Ping)
        {
            return InteractionReply.Pong;
        }

        var id = Str(interaction["id"]);
        if (id.Length > 0 && !await TryClaimAsync(id, cancellationToken))
        {
            BotTelemetry.RecordDedupHit(BotTelemetry.Discord, "interaction");
            DiscordLog.InteractionRepeated(logger, id);
            return null;
        }

        var data = interaction["data"] as JsonObject;
        var command = Str(data?["name"]);
        var optionsArray = data?["options"] as JsonArray ?? [];

        if (type == Autocomplete)
        {
            var focused = optionsArray.OfType<JsonObject>().FirstOrDefault(o => o["focused"] is JsonValue f && f.TryGetValue<bool>(out var b) && b)
                ?? optionsArray.OfType<JsonObject>().FirstOrDefault();
            IReadOnlyList<Choice> choices;
            try
            {
                choices = engine.Complete(command, Str(focused?["name"]), Str(focused?["value"]));
            }
            catch (Exception ex)
            {
                DiscordLog.AutocompleteFailed(logger, ex, command);
                choices = [];
            }

            return new InteractionReply(new JsonObject
            {
                ["type"] = 8,
                ["data"] = new JsonObject { ["choices"] = AutocompleteChoices(choices) },
            });
        }

        if (type == MessageComponent)
        {
            return new InteractionReply(await clicks.RespondAsync(interaction, cancellationToken));
        }

        if (type != ApplicationCommand)
        {
            return new InteractionReply(Message(EmbedRenderer.RenderPlain(Problem("This kind of interaction is not supported."))));
        }

        // In a server the user is member.user; in a DM (and a user-installed app's private channels), user.
        var user = (interaction["member"] as JsonObject)?["user"] as JsonObject ?? interaction["user"] as JsonObject;
        var channelId = Str(interaction["channel_id"] ?? (interaction["channel"] as JsonObject)?["id"]);
        var token = Str(interaction["token"]);
        var applicationId = Str(interaction["application_id"]);
        if (Int(data?["type"]) == CommandRegistrar.MessageCommand)
        {
            // "Ask the fact bot" on a message: its text is the question, answered privately with a Share button.
            if (!string.Equals(command, CommandCatalog.AskAboutMessage.Name, StringComparison.Ordinal))
            {
                return new InteractionReply(Message(EmbedRenderer.RenderPlain(Problem("This command is not supported."))));
            }

            var asked = TargetMessageText(data);
            if (asked.Length == 0)
            {
                return new InteractionReply(Message(EmbedRenderer.RenderPlain(Problem("That message has no text to ask about."))));
            }

            var question = BotRequest.ForMention(asked);
            return await AnswerAsync(() => engine.Answer(question), asked, privately: true, id, token, applicationId, cancellationToken, ackDelivered);
        }

        var text = optionsArray.OfType<JsonObject>().Select(o => Str(o["value"])).FirstOrDefault(v => v.Length > 0);
        return await AnswerCommandAsync(new CommandCall(id, command, text, channelId, Str(user?["id"]), Str(interaction["locale"]), token, applicationId), cancellationToken, ackDelivered);
    }

    /// <summary>
    /// A slash command (or user command) read straight from the raw interaction, with no JSON tree: what
    /// <see cref="ReplyAsync(JsonObject, CancellationToken, Task{bool}?)"/> reads of one. Null when the interaction is
    /// anything else (a ping, a message command, a click, autocomplete): those take the tree.
    /// </summary>
    public static CommandCall? ReadCommand(JsonElement interaction)
    {
        if (interaction.ValueKind != JsonValueKind.Object || Int(Property(interaction, "type")) != ApplicationCommand)
        {
            return null;
        }

        var data = Property(interaction, "data");
        if (data.ValueKind != JsonValueKind.Object)
        {
            data = default;
        }

        if (Int(Property(data, "type")) == CommandRegistrar.MessageCommand)
        {
            return null;
        }

        string? text = null;
        if (Property(data, "options") is { ValueKind: JsonValueKind.Array } options)
        {
            foreach (var option in options.EnumerateArray())
            {
                if (option.ValueKind == JsonValueKind.Object && Str(Property(option, "value")) is { Length: > 0 } value)
                {
                    text = value;
                    break;
                }
            }
        }

        // In a server the user is member.user; in a DM (and a user-installed app's private channels), user.
        var user = Property(Property(interaction, "member"), "user");
        if (user.ValueKind != JsonValueKind.Object)
        {
            user = Property(interaction, "user");
        }

        var channelId = Property(interaction, "channel_id");
        if (channelId.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            channelId = Property(Property(interaction, "channel"), "id");
        }

        return new CommandCall(
            Str(Property(interaction, "id")),
            Str(Property(data, "name")),
            text,
            Str(channelId),
            Str(Property(user, "id")),
            Str(Property(interaction, "locale")),
            Str(Property(interaction, "token")),
            Str(Property(interaction, "application_id")));
    }

    /// <summary>Answers a command read by <see cref="ReadCommand"/>: claimed, then as <see cref="ReplyAsync(JsonObject, CancellationToken, Task{bool}?)"/> would.</summary>
    public async Task<InteractionReply?> ReplyAsync(CommandCall call, CancellationToken cancellationToken, Task<bool>? ackDelivered = null)
    {
        if (call.Id.Length > 0 && !await TryClaimAsync(call.Id, cancellationToken))
        {
            BotTelemetry.RecordDedupHit(BotTelemetry.Discord, "interaction");
            DiscordLog.InteractionRepeated(logger, call.Id);
            return null;
        }

        return await AnswerCommandAsync(call, cancellationToken, ackDelivered);
    }

    private Task<InteractionReply> AnswerCommandAsync(CommandCall call, CancellationToken cancellationToken, Task<bool>? ackDelivered)
    {
        var request = BotRequest.ForCommand(call.Command, call.Text) with { Conversation = DiscordConversation.ForCommand(call.Command, call.ChannelId, call.UserId) };
        var asked = "/" + request.Command + (request.Text.Length > 0 ? " " + request.Text : "");
        // The help answer is in the asker's Discord language when the catalog has it (the interaction's locale).
        var locale = call.Locale;
        Func<Answer> produce = request.Command == CommandCatalog.Help ? () => engine.Help(locale.Length > 0 ? locale : null) : () => engine.Answer(request);
        return AnswerAsync(produce, asked, privately: false, call.Id, call.Token, call.ApplicationId, cancellationToken, ackDelivered);
    }

    private async Task<InteractionReply> AnswerAsync(
        Func<Answer> produce, string asked, bool privately, string id, string token, string applicationId, CancellationToken cancellationToken, Task<bool>? ackDelivered)
    {
        var answering = Task.Run(() => BotTelemetry.Answer(BotTelemetry.Discord, produce, a => a.Kind), CancellationToken.None);
        if (await AnsweredInTimeAsync(answering, cancellationToken))
        {
            return ReplyWith(answering, asked, privately ? AnswerVisibility.Private : null);
        }

        // Slow: acknowledge now (the token dies after 3 s unanswered), then edit the deferred reply. Only the interaction
        // webhook is used from here on (PATCH @original, never a follow-up nor a channel route): that works where the bot
        // user is absent (a user-installed app in someone's server or DM), and a user install allows only 5 follow-ups.
        if (applicationId.Length == 0)
        {
            applicationId = options.ApplicationId;
        }

        // Deferred means acknowledged: the edit is ours to deliver, and the drain waits for it.
        _ = CompleteDeferredAsync(answering, asked, privately, applicationId, token, id, ackDelivered ?? Task.FromResult(true), retry.DeadlineIn(TokenLifetime), tracker.Start("Discord deferred interaction(s)"));
        var deferral = new JsonObject { ["type"] = Deferred };
        if (privately)
        {
            // The deferral decides who sees the answer: the edit cannot make it ephemeral later.
            deferral["data"] = new JsonObject { ["flags"] = EmbedRenderer.EphemeralFlag };
        }

        return new InteractionReply(deferral);
    }

    /// <summary>
    /// True when the answer is there (or failed) within <see cref="DiscordOptions.DeferAfter"/>; false when it is late or
    /// the caller went away. The timer is disposed as soon as the answer is there: a fast answer leaves no timer behind.
    /// </summary>
    private async Task<bool> AnsweredInTimeAsync(Task<Answer> answering, CancellationToken cancellationToken)
    {
        if (answering.IsCompleted)
        {
            return true;
        }

        try
        {
            await answering.WaitAsync(options.DeferAfter, time, cancellationToken);
            return true;
        }
        catch (TimeoutException) when (!answering.IsCompleted)
        {
            return false;
        }
        catch (OperationCanceledException) when (!answering.IsCompleted)
        {
            return false;
        }
        catch
        {
            // The engine failed: that is an answer too (an error reply).
            return answering.IsCompleted;
        }
    }

    /// <summary>The answer as a message reply, or the error reply when the engine failed.</summary>
    private InteractionReply ReplyWith(Task<Answer> answering, string asked, AnswerVisibility? visibility)
    {
        if (answering.IsCompletedSuccessfully)
        {
            var answer = visibility is { } seenBy ? answering.Result with { Visibility = seenBy } : answering.Result;
            return InteractionReply.Answered(answer, asked);
        }

        return new InteractionReply(Message(RenderAnswer(answering, asked, visibility)));
    }

    /// <summary>A message command's target: data.target_id names it, data.resolved.messages holds it.</summary>
    private static string TargetMessageText(JsonObject? data)
    {
        var target = Str(data?["target_id"]);
        var message = target.Length > 0 ? data?["resolved"]?["messages"]?[target] as JsonObject : null;
        return Str(message?["content"]).Trim();
    }

    /// <summary>When the shared store cannot say, answer: a repeat's second initial response is refused by Discord anyway.</summary>
    private async Task<bool> TryClaimAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            return await claims.TryClaimAsync("discord:interaction:" + id, ClaimTtl, cancellationToken);
        }
        catch (SharedStoreUnavailableException)
        {
            return true;
        }
    }

    private async Task CompleteDeferredAsync(Task<Answer> answering, string asked, bool privately, string applicationId, string token, string id, Task<bool> ackDelivered, DateTimeOffset deadline, WorkLease lease)
    {
        using (lease)
        {
            try
            {
                try
                {
                    await answering;
                }
                catch
                {
                    // RenderAnswer turns the failure into an error reply.
                }

                bool acked;
                try
                {
                    acked = await ackDelivered.WaitAsync(AckWait, time, lease.Abandon);
                }
                catch (TimeoutException)
                {
                    acked = false;
                }

                if (!acked)
                {
                    DiscordLog.DeferralNotDelivered(logger, id);
                    lease.Complete(answered: false);
                    return;
                }

                // The deferral made the reply public or private already; an edit cannot change that, so flags are dropped
                // (and a public reply offers no Share).
                var body = RenderAnswer(answering, asked, privately ? AnswerVisibility.Private : AnswerVisibility.Public);
                body.Remove("flags");
                var delivered = await retry.DeliverAsync(
                    $"Discord deferred reply to interaction {id}",
                    deadline,
                    attempt => EditOriginalOnceAsync(applicationId, token, body, attempt),
                    lease.Abandon,
                    lease);
                if (delivered)
                {
                    // Still this request's flow (started from it): the edit is its reply.
                    BotTelemetry.Current?.Replied();
                }

                lease.Complete(delivered);
            }
            catch (OperationCanceledException)
            {
                // The shutdown budget ran out; the drain's summary counts it.
            }
            catch (Exception ex)
            {
                DiscordLog.DeferredReplyFailed(logger, ex);
            }
        }
    }

    private async Task<ReplyAttempt> EditOriginalOnceAsync(string applicationId, string token, JsonObject body, CancellationToken cancellationToken) =>
        (await rest.SendOnceAsync(HttpMethod.Patch, $"/webhooks/{applicationId}/{token}/messages/@original", body, cancellationToken, authenticate: false)).ToAttempt();

    /// <param name="visibility">Who will see it, when the way it is delivered decides that rather than the answer.</param>
    private JsonObject RenderAnswer(Task<Answer> answering, string asked, AnswerVisibility? visibility)
    {
        if (answering.IsCompletedSuccessfully)
        {
            var answer = visibility is { } seenBy ? answering.Result with { Visibility = seenBy } : answering.Result;
            return EmbedRenderer.WithButtons(EmbedRenderer.Render(answer), answer, asked);
        }

        DiscordLog.EngineFailedOnInteraction(logger, answering.Exception?.GetBaseException());
        return EmbedRenderer.RenderPlain(Problem("Sorry, something went wrong while answering. Please try again."));
    }

    public static Answer Problem(string text) =>
        new(AnswerKind.Error, "Sorry", [AnswerBlock.Paragraph(text)], [], [], AnswerVisibility.Private);

    internal static JsonObject Message(JsonObject data) => new() { ["type"] = ChannelMessage, ["data"] = data };

    /// <summary>Discord refuses the whole reply for more than 25 choices or a blank/overlong name or value.</summary>
    public static JsonArray AutocompleteChoices(IEnumerable<Choice> choices)
    {
        var result = new JsonArray();
        foreach (var choice in choices)
        {
            var name = EmbedRenderer.Truncate(choice.Name.Trim(), 100);
            var value = choice.Value.Trim();
            if (name.Length == 0 || value.Length == 0 || value.Length > 100)
            {
                continue;
            }

            result.Add((JsonNode)new JsonObject { ["name"] = name, ["value"] = value });
            if (result.Count == 25)
            {
                break;
            }
        }

        return result;
    }

    internal static string Str(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node is JsonValue n ? n.ToJsonString() : "";

    internal static string Str(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()!,
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
        _ => "",
    };

    internal static int Int(JsonElement element) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var i) ? i : -1;

    /// <summary>A property of an object; Undefined for a missing one, or when <paramref name="element"/> is no object.</summary>
    private static JsonElement Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : default;

    /// <summary>The request kind for metrics: ping, command, component (a button), autocomplete or other.</summary>
    public static string KindOf(JsonObject interaction) => Int(interaction["type"]) switch
    {
        Ping => "ping",
        ApplicationCommand => "command",
        MessageComponent => "component",
        Autocomplete => "autocomplete",
        _ => "other",
    };

    internal static int Int(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<int>(out var i) ? i : -1;
}

/// <summary>What answering a slash command needs of its interaction (strings as <see cref="InteractionHandler"/> reads them).</summary>
public sealed record CommandCall(string Id, string Command, string? Text, string ChannelId, string UserId, string Locale, string Token, string ApplicationId);
