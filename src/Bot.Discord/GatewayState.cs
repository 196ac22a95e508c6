using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bot.Discord;

/// <summary>What the gateway connection is doing, for /readyz and for tests.</summary>
public sealed class GatewayState
{
    private volatile string status = "connecting";
    private volatile bool ready;

    public bool IsReady => ready;
    public string Status => status;

    /// <summary>Set once the adapter has given up for good (e.g. a rejected token).</summary>
    public string? StoppedReason { get; private set; }

    public void SetReady(bool value, string description)
    {
        ready = value;
        status = description;
    }

    public void Stop(string reason)
    {
        StoppedReason = reason;
        ready = false;
        status = "stopped: " + reason;
    }
}

/// <summary>Ready only while the gateway session is READY or RESUMED.</summary>
public sealed class GatewayHealthCheck(GatewayState state) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(state.IsReady
            ? HealthCheckResult.Healthy("Discord gateway ready")
            : HealthCheckResult.Unhealthy("Discord gateway " + state.Status));
}
