using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bot.Slack;

/// <summary>/readyz for Slack: ready once every configured mode can take traffic.</summary>
public sealed class SlackReadiness(SlackOptions options) : IHealthCheck
{
    private volatile bool _socketConnected;
    private volatile bool _httpListening;
    private volatile string? _stopped;

    public bool SocketConnected { get => _socketConnected; set => _socketConnected = value; }
    public bool HttpListening { get => _httpListening; set => _httpListening = value; }

    /// <summary>Set when the adapter gave up for good (e.g. link_disabled); stays unhealthy.</summary>
    public string? StoppedReason { get => _stopped; set => _stopped = value; }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (StoppedReason is { } reason)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("Slack stopped: " + reason));
        }

        if (options.SocketMode && !SocketConnected)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("Slack Socket Mode not connected yet"));
        }

        if (options.HttpMode && !HttpListening)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("Slack HTTP endpoint not listening yet"));
        }

        return Task.FromResult(HealthCheckResult.Healthy());
    }
}
