using System.Text.Json.Nodes;
using Bot.Engine.Answers;
using Bot.Engine.Commands;
using Bot.Runtime;
using Bot.Runtime.Telemetry;
using Microsoft.Extensions.Logging;

namespace Bot.Slack;

/// <summary>
/// Interactivity: clicks on the buttons under an answer (block_actions) and the "Ask the fact bot" message shortcut
/// (message_action). Both transports hand the payload here once it is authenticated (signed, or from the socket) and
/// ack at once; the answer goes to the payload's response_url. Every button carries its state in its value
/// (<see cref="AnswerActions"/>), so any replica can handle any click.
/// </summary>
public sealed partial class SlackBot
{
    /// <summary>A response_url takes up to five posts within 30 minutes of the click.</summary>
    private static readonly TimeSpan ClickAnswerLifetime = TimeSpan.FromMinutes(25);

    /// <summary>
    /// Starts handling an interaction payload in the background and returns at once, so the caller acks within Slack's
    /// 3 s. False when there is nothing to do: a button or shortcut that is not ours, a forged or unreadable button
    /// value, a payload without a response_url (one Debug line says which; nothing else happens).
    /// </summary>
    public bool AcceptInteraction(JsonObject payload)
    {
        var type = Str(payload, "type") ?? "?";
        if (!Uri.TryCreate(Str(payload, "response_url"), UriKind.Absolute, out var responseUrl) || responseUrl.Scheme is not ("https" or "http"))
        {
            LogInteractionIgnored(logger, type, "it has no response_url");
            return false;
        }

        switch (type)
        {
            case "block_actions":
                var value = payload["actions"] is JsonArray { Count: > 0 } actions && actions[0] is JsonObject action ? Str(action, "value") : null;
                if (!AnswerActions.TryRead(value, out var click))
                {
                    LogInteractionIgnored(logger, type, "the button is not one of ours");
                    return false;
                }

                if (click.Action is AnswerAction.Helpful or AnswerAction.NotHelpful && Str(payload["user"] as JsonObject, "id") is null)
                {
                    LogInteractionIgnored(logger, type, "feedback without a user");
                    return false;
                }

                Background("Slack button click(s)", lease => AnswerClickAsync(click, payload, responseUrl, lease));
                return true;
            case "message_action":
                if (Str(payload, "callback_id") != CommandCatalog.AskAboutMessage.CallbackId)
                {
                    LogInteractionIgnored(logger, type, "the shortcut is not one of ours");
                    return false;
                }

                Background("Slack message shortcut(s)", lease => AnswerShortcutAsync(payload, responseUrl, lease));
                return true;
            default:
                LogInteractionIgnored(logger, type, "the bot has no use for this kind of interaction");
                return false;
        }
    }

    /// <summary>Runs off the caller's flow (answering may wait for the sentence model), tracked for the drain on stop.</summary>
    private void Background(string what, Func<WorkLease, Task<bool>> work)
    {
        var lease = tracker.Start(what);
        _ = Task.Run(
            async () =>
            {
                using (lease)
                {
                    try
                    {
                        lease.Complete(await work(lease));
                    }
                    catch (OperationCanceledException)
                    {
                        // The shutdown budget ran out; the drain's summary counts it.
                    }
                    catch (Exception ex)
                    {
                        LogInteractionFailed(logger, ex);
                    }
                }
            },
            CancellationToken.None);
    }

    private async Task<bool> AnswerClickAsync(AnswerClick click, JsonObject payload, Uri responseUrl, WorkLease lease)
    {
        var ct = lease.Abandon;
        JsonObject message;
        switch (click.Action)
        {
            case AnswerAction.Source:
                // The sentences whole, for the clicker only; no buttons under them (they are the source).
                message = SlackBlockKit.Render(engine.Passages(click.Sentences));
                message["response_type"] = "ephemeral";
                break;
            case AnswerAction.Share:
                return await ShareAsync(click, payload, responseUrl, lease);
            default:
                var helpful = click.Action == AnswerAction.Helpful;
                await feedback.RecordAsync(
                    BotTelemetry.Slack,
                    Str(payload["team"] as JsonObject, "id") ?? Str(payload["user"] as JsonObject, "team_id"),
                    Str(payload["user"] as JsonObject, "id")!,
                    helpful,
                    click.AnswerKind,
                    click.Topics,
                    click.Question,
                    ct);
                message = new JsonObject
                {
                    ["response_type"] = "ephemeral",
                    ["text"] = helpful
                        ? "Thanks, noted: 👍 on this answer."
                        : "Thanks, noted: 👎 on this answer. It goes to whoever keeps the bot's facts, with your question (not your name).",
                };
                break;
        }

        // A new private message: the answer the button was under stays as it was.
        message["replace_original"] = false;
        return await ToResponseUrlAsync("Slack button answer", responseUrl, message, lease);
    }

    /// <summary>Share: the private answer, asked again and posted for the channel; then the private copy goes.</summary>
    private async Task<bool> ShareAsync(AnswerClick click, JsonObject payload, Uri responseUrl, WorkLease lease)
    {
        if (click.Question.Trim().Length == 0)
        {
            return await ToResponseUrlAsync(
                "Slack button answer", responseUrl, new JsonObject { ["response_type"] = "ephemeral", ["replace_original"] = false, ["text"] = "There is nothing to share." }, lease);
        }

        var answer = BotTelemetry.Answer(BotTelemetry.Slack, () => engine.Answer(BotRequest.Parse(click.Question)), a => a.Kind) with { Visibility = AnswerVisibility.Public };
        var shared = SlackBlockKit.Render(answer, AnswerActions.For(answer, click.Question, AnswerActions.SlackValueLimit));
        shared["response_type"] = "in_channel";
        shared["replace_original"] = false;
        if (!await ToResponseUrlAsync("Slack shared answer", responseUrl, shared, lease))
        {
            return false;
        }

        // Only an ephemeral original is removed (it is the asker's private copy, now in the channel); best effort.
        if (payload["container"] is JsonObject container && container["is_ephemeral"] is JsonValue ephemeral && ephemeral.TryGetValue<bool>(out var isEphemeral) && isEphemeral)
        {
            await api.TryPostToResponseUrlAsync(responseUrl, new JsonObject { ["delete_original"] = true }, lease.Abandon);
        }

        return true;
    }

    /// <summary>The message shortcut: the message's text is the question, answered privately with a Share button.</summary>
    private async Task<bool> AnswerShortcutAsync(JsonObject payload, Uri responseUrl, WorkLease lease)
    {
        var identity = await GetIdentityAsync(lease.Abandon);
        var text = StripMention(Str(payload["message"] as JsonObject, "text") ?? "", identity?.UserId);
        JsonObject message;
        if (text.Length == 0)
        {
            message = new JsonObject { ["text"] = "That message has no text to ask about. Try it on a message with a question in it." };
        }
        else
        {
            var answer = BotTelemetry.Answer(BotTelemetry.Slack, () => engine.Answer(BotRequest.ForMention(text)), a => a.Kind) with { Visibility = AnswerVisibility.Private };
            message = SlackBlockKit.Render(answer, AnswerActions.For(answer, Asked(text), AnswerActions.SlackValueLimit));
        }

        message["response_type"] = "ephemeral";
        message["replace_original"] = false;
        return await ToResponseUrlAsync("Slack message shortcut answer", responseUrl, message, lease);
    }

    private Task<bool> ToResponseUrlAsync(string what, Uri responseUrl, JsonObject message, WorkLease lease)
    {
        var deadline = retry.DeadlineIn(ClickAnswerLifetime);
        var windowEnd = retry.MentionDeadline();
        return retry.DeliverAsync(what, windowEnd < deadline ? windowEnd : deadline, attempt => api.TryPostToResponseUrlAsync(responseUrl, message, attempt), lease.Abandon, lease);
    }

    [LoggerMessage(EventId = 240, Level = LogLevel.Debug, Message = "Slack {Type} interaction ignored: {Why}")]
    private static partial void LogInteractionIgnored(ILogger logger, string type, string why);

    [LoggerMessage(EventId = 241, Level = LogLevel.Error, Message = "Handling a Slack interaction failed")]
    private static partial void LogInteractionFailed(ILogger logger, Exception exception);
}
