using System.Text.Json.Nodes;
using Bot.Engine;
using Bot.Engine.Answers;
using Bot.Engine.Commands;
using Bot.Runtime;
using Bot.Runtime.Feedback;
using Bot.Runtime.Telemetry;
using Microsoft.Extensions.Logging;

namespace Bot.Discord;

/// <summary>
/// A click on one of an answer's buttons (interaction type 3, MESSAGE_COMPONENT), from either transport. The button's
/// custom_id carries everything (<see cref="AnswerActions"/>), so any replica answers it, and always at once: Source
/// privately with the article's sentences, Share publicly with the clicked message's embeds, 👍/👎 recorded and
/// thanked privately. A button we cannot read gets a private "expired", never an error.
/// </summary>
public sealed class ClickHandler(IAnswerEngine engine, FeedbackRecorder feedback, WorkTracker tracker, TimeProvider time, ILogger<ClickHandler> logger)
{
    /// <summary>How long a click waits for the feedback store before thanking anyway (the store write carries on).</summary>
    public static readonly TimeSpan FeedbackWait = TimeSpan.FromMilliseconds(1500);

    public const string Expired = "That button has expired. Ask again with /ask or a mention.";

    public async Task<JsonObject> RespondAsync(JsonObject interaction, CancellationToken cancellationToken)
    {
        var data = interaction["data"] as JsonObject;
        if (!AnswerActions.TryRead(InteractionHandler.Str(data?["custom_id"]), out var click))
        {
            return Private(Note("Button expired", Expired));
        }

        return click.Action switch
        {
            AnswerAction.Source => Private(Source(click)),
            AnswerAction.Share => Share(interaction, click),
            _ => Private(await FeedbackAsync(interaction, click, cancellationToken)),
        };
    }

    private Answer Source(AnswerClick click)
    {
        try
        {
            return BotTelemetry.Answer(BotTelemetry.Discord, () => engine.Passages(click.Sentences), a => a.Kind);
        }
        catch (Exception ex)
        {
            DiscordLog.EngineFailedOnInteraction(logger, ex);
            return InteractionHandler.Problem("Sorry, the source could not be shown. Please try again.");
        }
    }

    /// <summary>
    /// The clicked message is in the payload, embeds and all: posted again as the interaction's public response (type 4,
    /// no ephemeral flag), with its other buttons and without Share. When the payload has no message (it always should),
    /// the question the button carries is answered again, in public.
    /// </summary>
    private JsonObject Share(JsonObject interaction, AnswerClick click)
    {
        if (interaction["message"] is JsonObject message && message["embeds"] is JsonArray { Count: > 0 } embeds)
        {
            var shared = new JsonObject
            {
                ["content"] = EmbedRenderer.Truncate(InteractionHandler.Str(message["content"]), EmbedRenderer.ContentMax),
                ["embeds"] = embeds.DeepClone(),
                ["allowed_mentions"] = EmbedRenderer.NoMentions(),
            };
            if (WithoutShare(message["components"] as JsonArray) is { Count: > 0 } rows)
            {
                shared["components"] = rows;
            }

            return new JsonObject { ["type"] = InteractionHandler.ChannelMessage, ["data"] = shared };
        }

        Answer answer;
        try
        {
            answer = BotTelemetry.Answer(BotTelemetry.Discord, () => engine.Answer(BotRequest.Parse(click.Question)), a => a.Kind) with { Visibility = AnswerVisibility.Public };
        }
        catch (Exception ex)
        {
            DiscordLog.EngineFailedOnInteraction(logger, ex);
            return Private(InteractionHandler.Problem("Sorry, that answer could not be shared. Please try again."));
        }

        return new JsonObject
        {
            ["type"] = InteractionHandler.ChannelMessage,
            ["data"] = EmbedRenderer.WithButtons(EmbedRenderer.Render(answer, allowEphemeral: false), answer, click.Question),
        };
    }

    private static JsonArray WithoutShare(JsonArray? rows)
    {
        var result = new JsonArray();
        foreach (var row in (rows ?? []).OfType<JsonObject>())
        {
            var kept = (row["components"] as JsonArray ?? [])
                .OfType<JsonObject>()
                .Where(c => !(AnswerActions.TryRead(InteractionHandler.Str(c["custom_id"]), out var other) && other.Action == AnswerAction.Share))
                .Select(c => (JsonNode)c.DeepClone())
                .ToArray();
            if (kept.Length > 0)
            {
                result.Add((JsonNode)new JsonObject { ["type"] = EmbedRenderer.ActionRow, ["components"] = new JsonArray(kept) });
            }
        }

        return result;
    }

    /// <summary>
    /// 👍/👎: kept with the question, the answer's kind and its fact-set entries; the person only as an opaque id made
    /// from the server (the workspace; none in a DM) and their user id (member.user in a server, user in a DM).
    /// </summary>
    private async Task<Answer> FeedbackAsync(JsonObject interaction, AnswerClick click, CancellationToken cancellationToken)
    {
        var user = (interaction["member"] as JsonObject)?["user"] as JsonObject ?? interaction["user"] as JsonObject;
        var userId = InteractionHandler.Str(user?["id"]);
        var guildId = InteractionHandler.Str(interaction["guild_id"]);
        var helpful = click.Action == AnswerAction.Helpful;
        // Tracked until the store has it, so a stop waits for the vote (within the shutdown budget).
        var lease = tracker.Start("Discord feedback vote(s)");
        var recording = feedback.RecordAsync(
            BotTelemetry.Discord, guildId.Length > 0 ? guildId : null, userId, helpful, click.AnswerKind, click.Topics, click.Question, lease.Abandon);
        _ = recording.ContinueWith(r => lease.Complete(r.IsCompletedSuccessfully && r.Result), TaskScheduler.Default);
        try
        {
            // The click must be answered within 3 s: a slow store gets the thanks anyway, and keeps the vote when it can.
            await recording.WaitAsync(FeedbackWait, time, cancellationToken);
        }
        catch (TimeoutException)
        {
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Counted and logged by the recorder already; the person is thanked all the same.
            DiscordLog.FeedbackNotKept(logger, ex.GetType().Name);
        }

        return Note("Thanks, noted", helpful
            ? "Thanks, noted: glad that helped."
            : "Thanks, noted: whoever keeps the bot's facts will look at this answer.");
    }

    private static Answer Note(string title, string text) =>
        new(AnswerKind.Help, title, [AnswerBlock.Paragraph(text)], [], [], AnswerVisibility.Private);

    private static JsonObject Private(Answer answer) => new()
    {
        ["type"] = InteractionHandler.ChannelMessage,
        ["data"] = EmbedRenderer.Render(answer with { Visibility = AnswerVisibility.Private }),
    };
}
