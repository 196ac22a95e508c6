using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Bot.Discord;

/// <summary>A Discord setting that stops start-up, said in plain words (never includes the token).</summary>
public sealed class DiscordConfigurationException(string message) : InvalidOperationException(message);

/// <summary>The Discord:* settings, validated once at start.</summary>
public sealed record DiscordOptions
{
    public const string DefaultApiBaseUrl = "https://discord.com/api/v10";

    public string Token { get; init; } = "";
    public string ApplicationId { get; init; } = "";
    public string PublicKey { get; init; } = "";
    public string GuildId { get; init; } = "";
    public Uri ApiBaseUrl { get; init; } = new(DefaultApiBaseUrl);
    public Uri? GatewayUrl { get; init; }

    /// <summary>How long an interaction may wait for the engine before we defer (Discord allows 3 s in all).</summary>
    public TimeSpan DeferAfter { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How many shards the bot runs in all; null is "auto": the count Discord recommends in GET /gateway/bot.</summary>
    public int? ShardCount { get; init; }

    /// <summary>The shard ids this process runs (inclusive); null runs all of them. Replicas own disjoint ranges.</summary>
    public ShardRange? Shards { get; init; }

    /// <summary>The pause between identifies of one max_concurrency bucket: Discord's 5 s; a setting only so tests stay fast.</summary>
    public TimeSpan IdentifyInterval { get; init; } = TimeSpan.FromSeconds(5);

    public bool GatewayEnabled => Token.Length > 0;
    public bool HttpInteractionsEnabled => PublicKey.Length > 0;

    public static bool IsConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["Discord:Token"]) || !string.IsNullOrWhiteSpace(configuration["Discord:PublicKey"]);

    public static DiscordOptions Load(IConfiguration configuration)
    {
        string Get(string key) => (configuration["Discord:" + key] ?? "").Trim();

        var options = new DiscordOptions
        {
            Token = Get("Token"),
            ApplicationId = Get("ApplicationId"),
            PublicKey = Get("PublicKey"),
            GuildId = Get("GuildId"),
        };

        if (options.ApplicationId.Length == 0 || !ulong.TryParse(options.ApplicationId, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            throw new DiscordConfigurationException(
                "Discord:ApplicationId must be set to the numeric Application ID from the Discord developer portal (General Information).");
        }

        if (options.GuildId.Length > 0 && !ulong.TryParse(options.GuildId, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            throw new DiscordConfigurationException("Discord:GuildId must be a numeric server id, or empty for global commands.");
        }

        if (options.PublicKey.Length > 0 && (options.PublicKey.Length != 64 || !IsHex(options.PublicKey)))
        {
            throw new DiscordConfigurationException(
                "Discord:PublicKey must be the 64-character hex Public Key from the developer portal (General Information).");
        }

        if (options.Token.Length > 0 && options.Token.Any(char.IsWhiteSpace))
        {
            throw new DiscordConfigurationException("Discord:Token must be the bot token itself, without a 'Bot ' prefix.");
        }

        var api = Get("ApiBaseUrl");
        if (api.Length > 0)
        {
            if (!Uri.TryCreate(api.TrimEnd('/'), UriKind.Absolute, out var apiUri) || apiUri.Scheme is not ("http" or "https"))
            {
                throw new DiscordConfigurationException($"Discord:ApiBaseUrl must be an http(s) URL, e.g. {DefaultApiBaseUrl}.");
            }

            options = options with { ApiBaseUrl = apiUri };
        }

        var gateway = Get("GatewayUrl");
        if (gateway.Length > 0)
        {
            if (!Uri.TryCreate(gateway, UriKind.Absolute, out var gatewayUri) || gatewayUri.Scheme is not ("ws" or "wss"))
            {
                throw new DiscordConfigurationException("Discord:GatewayUrl must be a ws:// or wss:// URL, or empty to ask Discord.");
            }

            options = options with { GatewayUrl = gatewayUri };
        }

        var defer = Get("DeferAfterMs");
        if (defer.Length > 0 && int.TryParse(defer, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms is > 0 and < 2800)
        {
            options = options with { DeferAfter = TimeSpan.FromMilliseconds(ms) };
        }

        var count = Get("ShardCount");
        if (count.Length > 0 && !count.Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            // Discord caps a bot's shards far below this; a bigger number is a typo.
            if (!int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 1 or > 100_000)
            {
                throw new DiscordConfigurationException($"Discord:ShardCount must be a positive number or 'auto' (got '{count}').");
            }

            options = options with { ShardCount = n };
        }

        var shards = Get("Shards");
        if (shards.Length > 0 && !shards.Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            if (!ShardRange.TryParse(shards, out var range))
            {
                throw new DiscordConfigurationException(
                    $"Discord:Shards must be a shard id or an inclusive range such as 0-3, lowest first (got '{shards}').");
            }

            if (options.ShardCount is { } total && range.Last >= total)
            {
                throw new DiscordConfigurationException(
                    $"Discord:Shards {range} is outside Discord:ShardCount {total} (shard ids run from 0 to {total - 1}).");
            }

            options = options with { Shards = range };
        }

        var interval = Get("IdentifyIntervalMs");
        if (interval.Length > 0)
        {
            if (!int.TryParse(interval, NumberStyles.None, CultureInfo.InvariantCulture, out var ims) || ims > 60_000)
            {
                throw new DiscordConfigurationException("Discord:IdentifyIntervalMs must be a number of milliseconds (Discord requires 5000).");
            }

            options = options with { IdentifyInterval = TimeSpan.FromMilliseconds(ims) };
        }

        return options;
    }

    private static bool IsHex(string text) => text.All(char.IsAsciiHexDigit);
}

/// <summary>An inclusive range of shard ids, e.g. "0-3", or "2" for one.</summary>
public readonly record struct ShardRange(int First, int Last)
{
    public static bool TryParse(string text, out ShardRange range)
    {
        range = default;
        var parts = text.Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length is < 1 or > 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            || !int.TryParse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var last)
            || last < first)
        {
            return false;
        }

        range = new ShardRange(first, last);
        return true;
    }

    public IEnumerable<int> Ids => Enumerable.Range(First, Last - First + 1);

    public override string ToString() => First == Last ? $"{First}" : $"{First}-{Last}";
}
