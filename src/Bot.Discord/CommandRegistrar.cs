using System.Text.Json.Nodes;
using Bot.Engine.Commands;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bot.Discord;

/// <summary>Slash commands from the engine's catalog: the payload, and a bulk PUT only when Discord's set differs.</summary>
public sealed class CommandRegistrar(DiscordRestClient rest, DiscordOptions options)
{
    /// <summary>View Channel, Send Messages, Send Messages in Threads, Create Public Threads, Read Message History.</summary>
    public const ulong InvitePermissions = (1UL << 10) | (1UL << 11) | (1UL << 38) | (1UL << 35) | (1UL << 16);

    /// <summary>Application command types: CHAT_INPUT (slash) and MESSAGE (the message context menu).</summary>
    public const int ChatInput = 1;

    /// <inheritdoc cref="ChatInput"/>
    public const int MessageCommand = 3;

    /// <summary>Where the app can be installed: GUILD_INSTALL (0) and USER_INSTALL (1).</summary>
    public static readonly int[] IntegrationTypes = [0, 1];

    /// <summary>Where the commands can be used: GUILD (0), BOT_DM (1), PRIVATE_CHANNEL (2: group DMs and other people's DMs).</summary>
    public static readonly int[] Contexts = [0, 1, 2];

    /// <summary>Server install: the bot user (mentions, threads) and the commands, with the permissions it needs.</summary>
    public static string InviteUrl(string applicationId) =>
        $"https://discord.com/oauth2/authorize?client_id={applicationId}&scope=bot%20applications.commands&permissions={InvitePermissions}";

    /// <summary>User install: the commands follow the person into any server, DM or group DM, no server admin needed.</summary>
    public static string UserInstallUrl(string applicationId) =>
        $"https://discord.com/oauth2/authorize?client_id={applicationId}&integration_type=1&scope=applications.commands";

    /// <summary>
    /// The bulk-overwrite body, all from the engine's catalog: CHAT_INPUT commands with STRING options (required ones
    /// first) and the MESSAGE command "Ask the fact bot", each installable to servers and users, usable in servers, the
    /// bot's DMs and other private channels, with its descriptions (or the message command's name) in every translated locale.
    /// </summary>
    public static JsonArray Payload()
    {
        var commands = new JsonArray();
        foreach (var command in CommandCatalog.All)
        {
            var entry = new JsonObject
            {
                ["name"] = command.Name,
                ["type"] = ChatInput,
                ["description"] = EmbedRenderer.Truncate(command.Description, 100),
                ["description_localizations"] = Localizations(CommandCatalog.DescriptionLocalizations(command), 100),
                ["integration_types"] = new JsonArray([.. IntegrationTypes.Select(t => (JsonNode)t)]),
                ["contexts"] = new JsonArray([.. Contexts.Select(c => (JsonNode)c)]),
            };
            if (command.Options.Count > 0)
            {
                entry["options"] = new JsonArray(command.Options.OrderByDescending(o => o.Required).Select(o => (JsonNode)new JsonObject
                {
                    ["name"] = o.Name,
                    ["type"] = 3,
                    ["description"] = EmbedRenderer.Truncate(o.Description, 100),
                    ["description_localizations"] = Localizations(CommandCatalog.DescriptionLocalizations(command, o), 100),
                    ["required"] = o.Required,
                    ["autocomplete"] = o.Autocomplete,
                }).ToArray());
            }

            commands.Add((JsonNode)entry);
        }

        // Message commands have a name (up to 32 characters, spaces allowed) and an empty description.
        var action = CommandCatalog.AskAboutMessage;
        commands.Add((JsonNode)new JsonObject
        {
            ["name"] = EmbedRenderer.Truncate(action.Name, 32),
            ["name_localizations"] = Localizations(CommandCatalog.MessageActionNameLocalizations, 32),
            ["type"] = MessageCommand,
            ["description"] = "",
            ["integration_types"] = new JsonArray([.. IntegrationTypes.Select(t => (JsonNode)t)]),
            ["contexts"] = new JsonArray([.. Contexts.Select(c => (JsonNode)c)]),
        });

        return commands;
    }

    private static JsonObject Localizations(IReadOnlyDictionary<string, string> texts, int max)
    {
        var result = new JsonObject();
        foreach (var (locale, text) in texts.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            result[locale] = EmbedRenderer.Truncate(text, max);
        }

        return result;
    }

    public string CommandsPath => options.GuildId.Length > 0
        ? $"/applications/{options.ApplicationId}/guilds/{options.GuildId}/commands"
        : $"/applications/{options.ApplicationId}/commands";

    /// <summary>Returns "unchanged", "updated", or throws with a plain message.</summary>
    public async Task<string> SyncAsync(CancellationToken cancellationToken)
    {
        var wanted = Payload();
        // Without with_localizations Discord leaves the localisation maps out, and every start would upload again.
        var current = await rest.SendAsync(HttpMethod.Get, CommandsPath + "?with_localizations=true", null, cancellationToken);
        var global = options.GuildId.Length == 0;
        if (current.IsSuccess && current.Body is JsonArray existing && Same(Normalise(existing, global), Normalise(wanted, global)))
        {
            return "unchanged";
        }

        var put = await rest.SendAsync(HttpMethod.Put, CommandsPath, wanted, cancellationToken);
        if (!put.IsSuccess)
        {
            throw new InvalidOperationException(
                $"Discord refused the command registration ({(int)put.Status}{(put.ErrorCode is { } c ? $", code {c}" : "")}). Check Discord:Token and Discord:ApplicationId.");
        }

        return "updated";
    }

    // Discord echoes extra fields (id, version, defaults); compare only what we send, with its defaults filled in.
    // integration_types and contexts apply to global commands only (a guild command's echo need not carry them).
    private static List<string> Normalise(JsonArray commands, bool global) =>
        commands.OfType<JsonObject>()
            .Select(c => string.Join('|',
                InteractionHandler.Str(c["name"]),
                InteractionHandler.Int(c["type"]) is var t && t < 0 ? 1 : t,
                InteractionHandler.Str(c["description"]),
                Map(c["name_localizations"]),
                Map(c["description_localizations"]),
                global ? Numbers(c["integration_types"]) : "",
                global ? Numbers(c["contexts"]) : "",
                string.Join(';', (c["options"] as JsonArray ?? []).OfType<JsonObject>().Select(o => string.Join(',',
                    InteractionHandler.Str(o["name"]),
                    InteractionHandler.Int(o["type"]),
                    InteractionHandler.Str(o["description"]),
                    Map(o["description_localizations"]),
                    Bool(o["required"]),
                    Bool(o["autocomplete"]))))))
            .Order(StringComparer.Ordinal)
            .ToList();

    private static string Map(JsonNode? node) =>
        node is JsonObject map ? string.Join('&', map.Select(p => p.Key + "=" + InteractionHandler.Str(p.Value)).Order(StringComparer.Ordinal)) : "";

    private static string Numbers(JsonNode? node) =>
        node is JsonArray list ? string.Join(',', list.Select(InteractionHandler.Int).Order()) : "";

    private static bool Bool(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    private static bool Same(List<string> a, List<string> b) => a.SequenceEqual(b, StringComparer.Ordinal);

    /// <summary>At start: log the invite URL, then make sure the commands are registered (a failure is logged, not fatal).</summary>
    public sealed class StartupService(CommandRegistrar registrar, DiscordOptions options, ILogger<StartupService> logger) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            DiscordLog.InviteUrl(logger, InviteUrl(options.ApplicationId), UserInstallUrl(options.ApplicationId));
            if (options.Token.Length == 0)
            {
                return;
            }

            try
            {
                var result = await registrar.SyncAsync(stoppingToken);
                DiscordLog.CommandsSynced(logger, result, options.GuildId.Length > 0 ? "guild " + options.GuildId : "global");
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
            }
            catch (Exception ex)
            {
                DiscordLog.CommandRegistrationFailed(logger, ex.Message);
            }
        }
    }
}
