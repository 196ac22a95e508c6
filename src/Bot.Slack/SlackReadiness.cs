using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bot.Slack;

/// <summary>/readyz for Slack: ready once every configured mode can take traffic.</summary>
public sealed class SlackReadiness(SlackOptions options) : IHealthCheck
{
    private readonly bool[] _socketsConnected = new bool[options.SocketConnections];
    private volatile bool _httpListening;
    private volatile string? _stopped;

    /// <summary>Socket Mode connections that have said hello and are open now.</summary>
    public int SocketsConnected
    {
        get
        {
            lock (_socketsConnected)
            {
                return _socketsConnected.Count(c => c);
            }
        }
    }

    /// <summary>Whether the Socket Mode connection in <paramref name="slot"/> (0 … Slack:SocketConnections-1) is up.</summary>
    public void SetSocketConnected(int slot, bool connected)
    {
        lock (_socketsConnected)
        {
            _socketsConnected[slot] = connected;
        }
    }
    public bool HttpListening { get => _httpListening; set => _httpListening = value; }

    /// <summary>Set when the adapter gave up for good (e.g. link_disabled); stays unhealthy.</summary>
    public string? StoppedReason { get => _stopped; set => _stopped = value; }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (StoppedReason is { } reason)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("Slack stopped: " + reason));
        }

        // One connection is enough to take traffic: Slack sends events only to the connections that are open.
        var connected = SocketsConnected;
        if (options.SocketMode && connected == 0)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("Slack Socket Mode not connected yet"));
        }

        if (options.HttpMode && !HttpListening)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("Slack HTTP endpoint not listening yet"));
        }

        return Task.FromResult(options.SocketMode
            ? HealthCheckResult.Healthy($"{connected} of {options.SocketConnections} Socket Mode connection(s) open")
            : HealthCheckResult.Healthy());
    }
}
