using System.Text.Json.Nodes;
using Bot.Engine.Commands;

namespace Bot.Slack;

/// <summary>The Slack app manifest, generated from the engine's command catalog so the two never drift.</summary>
public static class SlackManifest
{
    public const string DefaultAppName = "Article Fact Bot";

    public static readonly string[] BotScopes = ["commands", "app_mentions:read", "chat:write"];

    /// <param name="publicUrl">null → Socket Mode; otherwise HTTP mode with request URLs under this base.</param>
    public static JsonObject Build(Uri? publicUrl = null, string appName = DefaultAppName)
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

            commands.Add(entry);
        }

        var events = new JsonObject { ["bot_events"] = new JsonArray("app_mention") };
        if (requestUrl is not null)
        {
            events = new JsonObject { ["request_url"] = requestUrl, ["bot_events"] = new JsonArray("app_mention") };
        }

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
                ["bot_user"] = new JsonObject { ["display_name"] = "factbot", ["always_online"] = true },
                ["slash_commands"] = commands,
            },
            ["oauth_config"] = new JsonObject
            {
                ["scopes"] = new JsonObject { ["bot"] = new JsonArray([.. BotScopes.Select(s => (JsonNode)s)]) },
            },
            ["settings"] = new JsonObject
            {
                ["event_subscriptions"] = events,
                ["org_deploy_enabled"] = false,
                ["socket_mode_enabled"] = publicUrl is null,
                ["token_rotation_enabled"] = false,
            },
        };
    }
}
