using System.Text.Json.Nodes;
using Bot.Engine;
using Bot.Engine.Answers;
using Bot.Engine.Commands;
using Bot.Runtime;
using Bot.Runtime.Telemetry;
using Microsoft.Extensions.Logging;

namespace Bot.Slack;

/// <summary>
/// The App Home tab (views.publish on app_home_opened) and the assistant pane: suggested prompts when a thread starts,
/// then each question in the thread answered there, with a status while it is looked up and the thread titled after
/// its first question.
/// </summary>
public sealed partial class SlackBot
{
    /// <summary>The Home tab is the same for everyone and changes only with the fact set: published at most this often per user.</summary>
    public static readonly TimeSpan HomeRepublishAfter = TimeSpan.FromMinutes(10);

    /// <summary>Slack shows at most four suggested prompts.</summary>
    public const int MaxSuggestedPrompts = 4;

    /// <summary>What the assistant pane shows while a question is looked up ("&lt;App&gt; is looking it up…").</summary>
    public const string LookingItUp = "is looking it up…";

    /// <summary>An assistant thread is titled once, after its first question; its claim outlives any conversation.</summary>
    private static readonly TimeSpan TitleClaimLifetime = TimeSpan.FromDays(7);

    private async Task<bool> PublishHomeAsync(JsonObject payload, JsonObject ev, CancellationToken ct)
    {
        if (Str(ev, "tab") != "home" || Str(ev, "user") is not { Length: > 0 } user)
        {
            return true;
        }

        var key = $"slack:home:{Str(payload, "team_id")}:{user}";
        try
        {
            if (!await claims.TryClaimAsync(key, HomeRepublishAfter, ct))
            {
                return true;
            }
        }
        catch (SharedStoreUnavailableException)
        {
            // Publishing twice is harmless; not publishing is not.
        }

        var result = await api.CallBotAsync("views.publish", new JsonObject { ["user_id"] = user, ["view"] = HomeView(engine.Overview) }, ct);
        if (!result.Ok)
        {
            try
            {
                await claims.ReleaseAsync(key, ct);
            }
            catch (SharedStoreUnavailableException)
            {
            }
        }

        return result.Ok;
    }

    /// <summary>The Home tab: what the bot knows (the headline), the commands from the catalog, example questions.</summary>
    public static JsonObject HomeView(ArticleOverview overview)
    {
        var blocks = new JsonArray
        {
            Header("What I can tell you about"),
            Section($"*{SlackBlockKit.Escape(overview.Headline)}*\nEvery answer comes from this one news article and cites the sentence it rests on. "
                + "What the article doesn't say, I say I don't know."),
            (JsonNode)new JsonObject { ["type"] = "divider" },
            Header("Commands"),
            Section(string.Join('\n', CommandCatalog.All.Select(c => $"`{SlackBlockKit.Escape(c.Usage)}`  {SlackBlockKit.Escape(c.Description)}"))),
        };
        if (overview.Examples.Count > 0)
        {
            blocks.Add((JsonNode)new JsonObject { ["type"] = "divider" });
            blocks.Add(Header("Try asking"));
            blocks.Add(Section(string.Join('\n', overview.Examples.Take(10).Select(e => "• " + SlackBlockKit.Escape(e)))));
        }

        blocks.Add((JsonNode)new JsonObject
        {
            ["type"] = "context",
            ["elements"] = new JsonArray(new JsonObject
            {
                ["type"] = "mrkdwn",
                ["text"] = "Mention me in a channel with a question, open me in the assistant pane, or pick "
                    + $"*{SlackBlockKit.Escape(CommandCatalog.AskAboutMessage.Name)}* in any message's ⋮ menu to ask about that message.",
            }),
        });
        return new JsonObject { ["type"] = "home", ["callback_id"] = "factbot_home", ["blocks"] = blocks };

        // JsonNode, not JsonObject: JsonArray.Add(JsonNode) rather than its generic Add<T>, which needs reflection.
        static JsonNode Header(string text) => new JsonObject
        {
            ["type"] = "header",
            ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = text, ["emoji"] = true },
        };

        static JsonNode Section(string mrkdwn) => new JsonObject
        {
            ["type"] = "section",
            ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = mrkdwn },
        };
    }

    /// <summary>The assistant pane's prompts: the fact set's example questions, or the summary and help when it has none.</summary>
    public static JsonArray SuggestedPrompts(ArticleOverview overview)
    {
        IEnumerable<(string Title, string Message)> prompts = overview.Examples.Count > 0
            ? overview.Examples.Take(MaxSuggestedPrompts).Select(e => (e, e))
            : [("The story in five lines", "summary"), ("What can I ask?", "help")];
        return new JsonArray([.. prompts.Select(p => (JsonNode)new JsonObject
        {
            ["title"] = Shorten(Capitalised(p.Title), 75),
            ["message"] = p.Message,
        })]);
    }

    private async Task<bool> SuggestPromptsAsync(JsonObject ev, CancellationToken ct)
    {
        if (ev["assistant_thread"] is not JsonObject thread
            || Str(thread, "channel_id") is not { Length: > 0 } channel
            || Str(thread, "thread_ts") is not { Length: > 0 } threadTs)
        {
            return true;
        }

        var result = await api.CallBotAsync(
            "assistant.threads.setSuggestedPrompts",
            new JsonObject { ["channel_id"] = channel, ["thread_ts"] = threadTs, ["title"] = "Ask me about the article", ["prompts"] = SuggestedPrompts(engine.Overview) },
            ct);
        return result.Ok;
    }

    /// <summary>
    /// A person's message in an assistant thread (message.im with a thread_ts): status, title on the first one, then the
    /// answer in the thread. A direct message outside a thread (the Messages tab) is answered in the DM, with no status.
    /// Our own replies come back as message.im too, as do edits and the thread's root: all ignored.
    /// </summary>
    private async Task<bool> AnswerAssistantMessageAsync(JsonObject payload, JsonObject ev, DateTimeOffset deadline, WorkLease? lease, CancellationToken ct, bool mayBeAnswered)
    {
        if (Str(ev, "channel_type") != "im" || Str(ev, "bot_id") is not null || Str(ev, "subtype") is not null || ev["bot_profile"] is not null
            || Str(ev, "channel") is not { Length: > 0 } channel
            || Str(ev, "user") is not { Length: > 0 } user)
        {
            return true;
        }

        var identity = await GetIdentityAsync(ct);
        if (identity is not null && user == identity.UserId)
        {
            return true;
        }

        var text = StripMention(Str(ev, "text") ?? "", identity?.UserId);
        var eventId = Str(payload, "event_id");
        var threadTs = Str(ev, "thread_ts") is { Length: > 0 } parent ? parent : null;
        if (text.Length == 0 || (mayBeAnswered && threadTs is not null && await AlreadyAnsweredAsync(channel, threadTs, eventId, ct)))
        {
            return true;
        }

        var team = Str(payload, "team_id") ?? Str(ev, "team");
        var thread = new JsonObject { ["channel_id"] = channel, ["thread_ts"] = threadTs };
        if (threadTs is not null)
        {
            // Cosmetic: one attempt each, so a failing Slack delays the answer no further.
            await CallOnceAsync("assistant.threads.setStatus", With(thread, "status", LookingItUp), ct);
            if (await FirstQuestionAsync($"slack:assistant-title:{team}:{channel}:{threadTs}", ct))
            {
                await CallOnceAsync("assistant.threads.setTitle", With(thread, "title", Shorten(text.ReplaceLineEndings(" "), 100)), ct);
            }
        }

        // A DM outside a thread is one running conversation per DM channel.
        var conversation = SlackConversation.ForThread(team, channel, threadTs ?? "dm");
        var answer = BotTelemetry.Answer(BotTelemetry.Slack, () => engine.Answer(BotRequest.ForMention(text, conversation)), a => a.Kind);
        var message = SlackBlockKit.Render(answer, AnswerActions.For(answer, Asked(text), AnswerActions.SlackValueLimit));
        message["channel"] = channel;
        if (threadTs is not null)
        {
            message["thread_ts"] = threadTs;
        }

        message["unfurl_links"] = false;
        message["unfurl_media"] = false;
        if (eventId is not null)
        {
            SlackApiClient.TagAsAnswerTo(message, eventId);
        }

        var delivered = await retry.DeliverAsync(
            $"Slack assistant reply to {eventId ?? "a message"} in {channel}", deadline, attempt => api.TryPostMessageAsync(message, attempt), ct, lease);
        if (!delivered && threadTs is not null && lease is not { StoodDown: true })
        {
            // A reply clears the status; without one it would say "looking it up" for ever. (Not when another replica
            // took the message over: its reply does.)
            await CallOnceAsync("assistant.threads.setStatus", With(thread, "status", ""), CancellationToken.None);
        }

        return delivered;
    }

    private async Task CallOnceAsync(string method, JsonObject body, CancellationToken ct)
    {
        var result = await api.TryCallAsync(method, body, ct);
        if (!result.Ok)
        {
            SlackLog.ApiCallFailed(logger, method, result.Error ?? "unknown_error");
        }
    }

    private async Task<bool> FirstQuestionAsync(string key, CancellationToken ct)
    {
        try
        {
            return await claims.TryClaimAsync(key, TitleClaimLifetime, ct);
        }
        catch (SharedStoreUnavailableException)
        {
            // Untitled is better than retitled with every question.
            return false;
        }
    }

    private static JsonObject With(JsonObject thread, string name, string value)
    {
        var body = (JsonObject)thread.DeepClone();
        body[name] = value;
        return body;
    }

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)].TrimEnd() + "…";
}
