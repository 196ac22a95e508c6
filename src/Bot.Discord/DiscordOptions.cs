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

        return options;
    }

    private static bool IsHex(string text) => text.All(char.IsAsciiHexDigit);
}
