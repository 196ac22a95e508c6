using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Bot.Discord;

/// <summary>PLACEHOLDER: the Host's entry points into the Discord adapter.</summary>
public static class DiscordRegistration
{
    /// <summary>Whether the settings turn this platform on (any of its modes).</summary>
    public static bool IsConfigured(IConfiguration configuration) => false;

    /// <summary>Registers the Discord adapter when Discord is configured; returns whether it is.</summary>
    public static bool AddDiscord(this IHostApplicationBuilder builder) => false;

    /// <summary>Maps POST /discord/interactions when HTTP interactions are configured.</summary>
    public static IEndpointRouteBuilder MapDiscord(this IEndpointRouteBuilder endpoints) => endpoints;
}

/// <summary>PLACEHOLDER: `discord-*` verbs of the host's command line (e.g. `discord-register`).</summary>
public static class DiscordCli
{
    public static Task<int> RunAsync(string[] args, IConfiguration configuration, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        Task.FromResult(2);
}
