using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Bot.Slack;

/// <summary>PLACEHOLDER: the Host's entry points into the Slack adapter.</summary>
public static class SlackRegistration
{
    /// <summary>Whether the settings turn this platform on (any of its modes).</summary>
    public static bool IsConfigured(IConfiguration configuration) => false;

    /// <summary>Registers the Slack adapter when Slack is configured; returns whether it is.</summary>
    public static bool AddSlack(this IHostApplicationBuilder builder) => false;

    /// <summary>Maps POST /slack/events when HTTP mode is configured.</summary>
    public static IEndpointRouteBuilder MapSlack(this IEndpointRouteBuilder endpoints) => endpoints;
}

/// <summary>PLACEHOLDER: `slack-*` verbs of the host's command line (e.g. `slack-manifest`).</summary>
public static class SlackCli
{
    public static Task<int> RunAsync(string[] args, IConfiguration configuration, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        Task.FromResult(2);
}
