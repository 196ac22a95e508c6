using Bot.Runtime;
using Bot.Runtime.Redis;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bot.Discord;

/// <summary>The Host's entry points into the Discord adapter.</summary>
public static class DiscordRegistration
{
    /// <summary>The health-check tag the host's /readyz uses.</summary>
    public const string ReadyTag = "ready";

    /// <summary>Whether the settings turn this platform on (any of its modes).</summary>
    public static bool IsConfigured(IConfiguration configuration) => DiscordOptions.IsConfigured(configuration);

    /// <summary>Registers the Discord adapter when Discord is configured; returns whether it is.</summary>
    public static bool AddDiscord(this IHostApplicationBuilder builder)
    {
        if (!IsConfigured(builder.Configuration))
        {
            return false;
        }

        var options = DiscordOptions.Load(builder.Configuration);
        var services = builder.Services;
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        // Shared with Slack: in-flight work and its drain on stop, reply retries, reply health, claims (de-dup).
        services.AddBotRuntime(builder.Configuration);
        // Where a resumable gateway session waits for the next start: Redis when replicas share one, else this process.
        services.TryAddSingleton<IGatewaySessionStore>(sp => sp.GetService<RedisConnection>() is { } redis
            ? new RedisGatewaySessionStore(redis)
            : new InMemoryGatewaySessionStore());
        // One client for the process, so rate-limit buckets are shared by everything that calls Discord.
        services.AddSingleton(sp => new DiscordRestClient(
            new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }),
            options,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<DiscordRestClient>>()));
        services.AddSingleton<ClickHandler>();
        services.AddSingleton<InteractionHandler>();
        services.AddSingleton<MentionHandler>();
        services.AddSingleton<CommandRegistrar>();
        services.AddSingleton<GatewayState>();
        services.AddHostedService<CommandRegistrar.StartupService>();

        if (options.GatewayEnabled)
        {
            if (RuntimeRegistration.IsRedisConfigured(builder.Configuration))
            {
                // Mentions go through the shared queue: any replica answers them, and a dead one's are taken over.
                services.AddSingleton<MentionQueue>();
                services.AddHostedService<MentionQueueWorker>();
            }

            services.AddSingleton<GatewayClient>();
            services.AddHostedService(sp => sp.GetRequiredService<GatewayClient>());
            services.AddHealthChecks().AddCheck<GatewayHealthCheck>("discord-gateway", tags: [ReadyTag]);
        }

        if (options.HttpInteractionsEnabled)
        {
            services.AddSingleton<InteractionsEndpoint>();
        }

        return true;
    }

    /// <summary>Maps POST /discord/interactions when HTTP interactions are configured.</summary>
    public static IEndpointRouteBuilder MapDiscord(this IEndpointRouteBuilder endpoints)
    {
        var options = endpoints.ServiceProvider.GetService<DiscordOptions>();
        if (options is { HttpInteractionsEnabled: true })
        {
            var endpoint = endpoints.ServiceProvider.GetRequiredService<InteractionsEndpoint>();
            endpoints.MapPost(InteractionsEndpoint.Path, (HttpContext context) => endpoint.HandleAsync(context));
        }

        return endpoints;
    }
}

/// <summary>`discord-*` verbs of the host's command line (e.g. `discord-register`).</summary>
public static class DiscordCli
{
    public static async Task<int> RunAsync(string[] args, IConfiguration configuration, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var verb = args.Length > 0 ? args[0] : "";
        var sub = args.Length > 1 ? args[1] : "";
        if (verb == "discord" && sub is "invite" or "register" or "")
        {
            verb = sub == "invite" ? "discord-invite" : "discord-register";
        }

        DiscordOptions options;
        try
        {
            options = DiscordOptions.Load(configuration);
        }
        catch (DiscordConfigurationException ex)
        {
            await error.WriteLineAsync($"error: {ex.Message}");
            return 3;
        }

        if (verb == "discord-invite")
        {
            await output.WriteLineAsync($"Add to a server (bot and commands): {CommandRegistrar.InviteUrl(options.ApplicationId)}");
            await output.WriteLineAsync($"Install for yourself (commands everywhere, no server admin needed): {CommandRegistrar.UserInstallUrl(options.ApplicationId)}");
            return 0;
        }

        if (verb != "discord-register")
        {
            await error.WriteLineAsync("usage: Bot.Host discord-register   (or: discord invite)");
            return 2;
        }

        if (options.Token.Length == 0)
        {
            await error.WriteLineAsync("error: Discord:Token must be set (environment variable Discord__Token) to register commands.");
            return 3;
        }

        using var http = new HttpClient();
        var rest = new DiscordRestClient(http, options, TimeProvider.System, NullLogger<DiscordRestClient>.Instance);
        var registrar = new CommandRegistrar(rest, options);
        try
        {
            var result = await registrar.SyncAsync(cancellationToken);
            var scope = options.GuildId.Length > 0 ? $"server {options.GuildId}" : "all servers (global commands can take a while to appear)";
            await output.WriteLineAsync($"Slash commands {result} for {scope}: {string.Join(", ", Bot.Engine.Commands.CommandCatalog.All.Select(c => "/" + c.Name))}, and the message command \"{Bot.Engine.Commands.CommandCatalog.AskAboutMessage.Name}\"");
            await output.WriteLineAsync($"Invite URL: {CommandRegistrar.InviteUrl(options.ApplicationId)}");
            await output.WriteLineAsync($"User install URL: {CommandRegistrar.UserInstallUrl(options.ApplicationId)}");
            return 0;
        }
        catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException or TaskCanceledException)
        {
            await error.WriteLineAsync($"error: {ex.Message}");
            return 1;
        }
    }
}
