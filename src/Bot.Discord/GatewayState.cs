using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bot.Discord;

/// <summary>What the gateway connections are doing, for /readyz and for tests: ready when every shard this process runs is.</summary>
public sealed class GatewayState
{
    private readonly Lock gate = new();
    private readonly HashSet<int> readyShards = [];
    private int expected = 1;
    private volatile string status = "connecting";
    private volatile bool ready;

    public bool IsReady => ready;
    public string Status => status;

    /// <summary>Set once the adapter has given up for good (e.g. a rejected token).</summary>
    public string? StoppedReason { get; private set; }

    /// <summary>The shards this process runs; each must be ready for the adapter to be.</summary>
    public void Expect(int shardCount)
    {
        lock (gate)
        {
            expected = Math.Max(1, shardCount);
            readyShards.Clear();
            ready = false;
        }
    }

    public void SetReady(bool value, string description) => SetReady(0, value, description);

    public void SetReady(int shard, bool value, string description)
    {
        lock (gate)
        {
            if (value)
            {
                readyShards.Add(shard);
            }
            else
            {
                readyShards.Remove(shard);
            }

            ready = StoppedReason is null && readyShards.Count >= expected;
            if (StoppedReason is not null)
            {
                // Shards still winding down after one stopped the adapter: keep saying why it stopped.
                return;
            }

            status = expected == 1 ? description : $"{readyShards.Count} of {expected} shards ready (shard {shard}: {description})";
        }
    }

    public void Stop(string reason)
    {
        lock (gate)
        {
            StoppedReason = reason;
            ready = false;
            status = "stopped: " + reason;
        }
    }
}

/// <summary>Ready only while every gateway shard's session is READY or RESUMED.</summary>
public sealed class GatewayHealthCheck(GatewayState state) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(state.IsReady
            ? HealthCheckResult.Healthy("Discord gateway ready")
            : HealthCheckResult.Unhealthy("Discord gateway " + state.Status));
}
