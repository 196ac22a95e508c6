using Bot.Discord;
using Bot.Engine;
using Bot.Slack;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bot.Host;

/// <summary>Composition root: configuration, the engine, the platform adapters and the health endpoints.</summary>
public static class BotHost
{
    /// <summary>Health checks with this tag decide /readyz (adapters add one per connection).</summary>
    public const string ReadyTag = "ready";

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var configuration = BotConfiguration.Build(args);
        if (!SlackRegistration.IsConfigured(configuration) && !DiscordRegistration.IsConfigured(configuration))
        {
            return await ConsoleChat.RunAsync(BotConfiguration.LoadEngine(configuration), Console.In, Console.Out, cancellationToken);
        }

        await using var app = BuildService(args);
        await app.RunAsync(cancellationToken);
        return 0;
    }

    /// <summary>
    /// The service: Kestrel with /healthz, /readyz and the adapters' endpoints, plus their background
    /// connections. Tests pass <paramref name="settings"/> to point it at fakes on 127.0.0.1.
    /// </summary>
    public static WebApplication BuildService(string[] args, IReadOnlyDictionary<string, string?>? settings = null, IAnswerEngine? engine = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);

        // Load (and validate) the fact set before anything listens: a broken one stops start-up with a plain message.
        builder.Services.AddSingleton<IAnswerEngine>(engine ?? BotConfiguration.LoadEngine(builder.Configuration));
        builder.Services.AddHealthChecks();

        var slack = builder.AddSlack();
        var discord = builder.AddDiscord();

        var app = builder.Build();
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        if (slack)
        {
            app.MapSlack();
        }

        if (discord)
        {
            app.MapDiscord();
        }

        app.Logger.LogInformation("Bot service starting (Slack: {Slack}, Discord: {Discord})", slack ? "on" : "off", discord ? "on" : "off");
        return app;
    }
}
