using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Bot.Runtime;

/// <summary>Registers what both adapters share; safe to call more than once (each adapter does, and so does the host).</summary>
public static class RuntimeRegistration
{
    /// <summary>The health-check tag /readyz uses (the same as the adapters').</summary>
    public const string ReadyTag = "ready";

    public static IServiceCollection AddBotRuntime(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(s => s.ServiceType == typeof(RuntimeMarker)))
        {
            return services;
        }

        services.AddSingleton<RuntimeMarker>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<ShutdownOptions>().Bind(configuration.GetSection(ShutdownOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ReplyOptions>().Bind(configuration.GetSection(ReplyOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<HostOptions>().Configure<IOptions<ShutdownOptions>>((host, shutdown) => host.ShutdownTimeout = shutdown.Value.ShutdownTimeout);
        services.TryAddSingleton<WorkTracker>();
        services.TryAddSingleton<ReplyHealth>();
        services.TryAddSingleton<ReplyRetry>();
        services.TryAddSingleton<RefusedRequests>();
        // Before the adapters' own services: hosted services stop in reverse order, so this one waits for them.
        services.AddHostedService<DrainService>();
        services.AddHealthChecks()
            .AddCheck<ShutdownReadiness>(ShutdownReadiness.Name, tags: [ReadyTag])
            .AddCheck<ReplyHealth>(ReplyHealth.Name, tags: [ReadyTag]);
        return services;
    }

    private sealed class RuntimeMarker;
}
