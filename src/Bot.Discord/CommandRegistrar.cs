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

    public static string InviteUrl(string applicationId) =>
        $"https://discord.com/oauth2/authorize?client_id={applicationId}&scope=bot%20applications.commands&permissions={InvitePermissions}";

    /// <summary>The bulk-overwrite body: CHAT_INPUT commands with STRING options, required ones first.</summary>
    public static JsonArray Payload()
    {
        var commands = new JsonArray();
        foreach (var command in CommandCatalog.All)
        {
            var entry = new JsonObject
            {
                ["name"] = command.Name,
                ["type"] = 1,
                ["description"] = EmbedRenderer.Truncate(command.Description, 100),
            };
            if (command.Options.Count > 0)
            {
                entry["options"] = new JsonArray(command.Options.OrderByDescending(o => o.Required).Select(o => (JsonNode)new JsonObject
                {
                    ["name"] = o.Name,
                    ["type"] = 3,
                    ["description"] = EmbedRenderer.Truncate(o.Description, 100),
                    ["required"] = o.Required,
                    ["autocomplete"] = o.Autocomplete,
                }).ToArray());
            }

            commands.Add(entry);
        }

        return commands;
    }

    public string CommandsPath => options.GuildId.Length > 0
        ? $"/applications/{options.ApplicationId}/guilds/{options.GuildId}/commands"
        : $"/applications/{options.ApplicationId}/commands";

    /// <summary>Returns "unchanged", "updated", or throws with a plain message.</summary>
    public async Task<string> SyncAsync(CancellationToken cancellationToken)
    {
        var wanted = Payload();
        var current = await rest.SendAsync(HttpMethod.Get, CommandsPath, null, cancellationToken);
        if (current.IsSuccess && current.Body is JsonArray existing && Same(Normalise(existing), Normalise(wanted)))
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
    private static List<string> Normalise(JsonArray commands) =>
        commands.OfType<JsonObject>()
            .Select(c => string.Join('|',
                InteractionHandler.Str(c["name"]),
                InteractionHandler.Int(c["type"]) is var t && t < 0 ? 1 : t,
                InteractionHandler.Str(c["description"]),
                string.Join(';', (c["options"] as JsonArray ?? []).OfType<JsonObject>().Select(o => string.Join(',',
                    InteractionHandler.Str(o["name"]),
                    InteractionHandler.Int(o["type"]),
                    InteractionHandler.Str(o["description"]),
                    Bool(o["required"]),
                    Bool(o["autocomplete"]))))))
            .Order(StringComparer.Ordinal)
            .ToList();

    private static bool Bool(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    private static bool Same(List<string> a, List<string> b) => a.SequenceEqual(b, StringComparer.Ordinal);

    /// <summary>At start: log the invite URL, then make sure the commands are registered (a failure is logged, not fatal).</summary>
    public sealed class StartupService(CommandRegistrar registrar, DiscordOptions options, ILogger<StartupService> logger) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            DiscordLog.InviteUrl(logger, InviteUrl(options.ApplicationId));
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
