using System.Text.Json.Nodes;
using Bot.Engine;
using Bot.Engine.Commands;

namespace Bot.Slack;

/// <summary>The Slack app manifest, generated from the engine's command catalog so the two never drift.</summary>
public static class SlackManifest
{
    public const string DefaultAppName = "Article Fact Bot";

    /// <summary>
    /// commands: slash commands and the message shortcut; app_mentions:read: mentions; chat:write: replies;
    /// assistant:write: the assistant pane's prompts, status and titles; im:history: questions asked in the pane (message.im).
    /// </summary>
    public static readonly string[] BotScopes = ["commands", "app_mentions:read", "chat:write", "assistant:write", "im:history"];

    /// <summary>Mentions, the Home tab, the assistant pane's thread events, and the questions asked there.</summary>
    public static readonly string[] BotEvents = ["app_mention", "app_home_opened", "assistant_thread_started", "assistant_thread_context_changed", "message.im"];

    /// <param name="publicUrl">null → Socket Mode; otherwise HTTP mode with request URLs under this base.</param>
    /// <param name="examples">The fact set's example questions: the assistant pane's suggested prompts (summary and help without them).</param>
    public static JsonObject Build(Uri? publicUrl = null, string appName = DefaultAppName, IReadOnlyList<string>? examples = null)
    {
        var requestUrl = publicUrl is null ? null : publicUrl.AbsoluteUri.TrimEnd('/') + SlackHttpEndpoint.Path;
        var commands = new JsonArray();
        foreach (var command in CommandCatalog.All)
        {
            var entry = new JsonObject
            {
                ["command"] = "/" + command.Name,
                ["description"] = command.Description,
            };
            if (command.UsageHint.Length > 0)
            {
                entry["usage_hint"] = command.UsageHint;
            }

            // Raw text suits us: the engine reads names, not Slack's <@U…> ids.
            entry["should_escape"] = false;
            if (requestUrl is not null)
            {
                entry["url"] = requestUrl;
            }

            commands.Add((JsonNode)entry);
        }

        var events = new JsonObject();
        var interactivity = new JsonObject { ["is_enabled"] = true };
        if (requestUrl is not null)
        {
            events["request_url"] = requestUrl;
            interactivity["request_url"] = requestUrl;
        }

        events["bot_events"] = new JsonArray([.. BotEvents.Select(e => (JsonNode)e)]);
        var shortcut = CommandCatalog.AskAboutMessage;

        return new JsonObject
        {
            ["_metadata"] = new JsonObject { ["major_version"] = 1, ["minor_version"] = 1 },
            ["display_information"] = new JsonObject
            {
                ["name"] = appName,
                ["description"] = "Answers questions about one news article, with its sources.",
            },
            ["features"] = new JsonObject
            {
                ["app_home"] = new JsonObject
                {
                    ["home_tab_enabled"] = true,
                    ["messages_tab_enabled"] = true,
                    ["messages_tab_read_only_enabled"] = false,
                },
                ["bot_user"] = new JsonObject { ["display_name"] = "factbot", ["always_online"] = true },
                ["assistant_view"] = new JsonObject
                {
                    ["assistant_description"] = "Answers questions about one news article, citing the sentence each answer rests on.",
                    ["suggested_prompts"] = SlackBot.SuggestedPrompts(new ArticleOverview("", examples ?? [])),
                },
                ["shortcuts"] = new JsonArray(new JsonObject
                {
                    ["name"] = shortcut.Name,
                    ["type"] = "message",
                    ["callback_id"] = shortcut.CallbackId,
                    ["description"] = shortcut.Description,
                }),
                ["slash_commands"] = commands,
            },
            ["oauth_config"] = new JsonObject
            {
                ["scopes"] = new JsonObject { ["bot"] = new JsonArray([.. BotScopes.Select(s => (JsonNode)s)]) },
            },
            ["settings"] = new JsonObject
            {
                ["event_subscriptions"] = events,
                ["interactivity"] = interactivity,
                ["org_deploy_enabled"] = false,
                ["socket_mode_enabled"] = publicUrl is null,
                ["token_rotation_enabled"] = false,
            },
        };
    }
}
