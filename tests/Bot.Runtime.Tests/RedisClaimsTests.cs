using Bot.Runtime.Redis;
using Bot.TestSupport;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Bot.Runtime.Tests;

/// <summary>Claims on a real redis-server: atomic across connections (replicas), with a TTL, released on refusal.</summary>
[Collection(RedisCollection.Name)]
public class RedisClaimsTests(RedisServer server)
{
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(15);

    [Fact]
    public async Task Two_replicas_claiming_the_same_ids_at_once_win_each_exactly_once()
    {
        var prefix = RedisServer.NewPrefix();
        using var a = new Replica(server.Configuration, prefix);
        using var b = new Replica(server.Configuration, prefix);
        var ids = Enumerable.Range(0, 200).Select(i => $"slack:event:Ev{i}").ToList();

        var byA = ids.Select(id => a.Claims.TryClaimAsync(id, Ttl, CancellationToken.None).AsTask()).ToList();
        var byB = ids.Select(id => b.Claims.TryClaimAsync(id, Ttl, CancellationToken.None).AsTask()).ToList();
        var wonByA = await Task.WhenAll(byA);
        var wonByB = await Task.WhenAll(byB);

        for (var i = 0; i < ids.Count; i++)
        {
            Assert.True(wonByA[i] ^ wonByB[i], $"{ids[i]} must be won by exactly one replica");
        }
    }

    [Fact]
    public async Task A_claim_expires_after_its_ttl_and_can_be_released()
    {
        using var replica = new Replica(server.Configuration, RedisServer.NewPrefix());
        Assert.True(await replica.Claims.TryClaimAsync("discord:message:1", TimeSpan.FromMilliseconds(300), CancellationToken.None));
        Assert.False(await replica.Claims.TryClaimAsync("discord:message:1", Ttl, CancellationToken.None));

        // Redis expires it; wait on that, not on a clock.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!await replica.Claims.TryClaimAsync("discord:message:1", Ttl, CancellationToken.None))
        {
            Assert.True(DateTime.UtcNow < deadline, "the claim never expired");
            await Task.Delay(50);
        }

        await replica.Claims.ReleaseAsync("discord:message:1", CancellationToken.None);
        Assert.True(await replica.Claims.TryClaimAsync("discord:message:1", Ttl, CancellationToken.None));
    }

    [Fact]
    public async Task Unreachable_redis_is_an_error_the_caller_can_act_on_and_readiness_says_so()
    {
        using var unreachable = new RedisConnection(
            Options.Create(new RedisOptions { Configuration = $"127.0.0.1:{UnusedPort()},connectTimeout=500", KeyPrefix = "x" }),
            TimeProvider.System,
            NullLogger<RedisConnection>.Instance);
        var claims = new RedisClaims(unreachable);

        await Assert.ThrowsAsync<SharedStoreUnavailableException>(() => claims.TryClaimAsync("slack:event:Ev1", Ttl, CancellationToken.None).AsTask());
        var health = await unreachable.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Unhealthy, health.Status);
        Assert.Contains("unreachable", health.Description, StringComparison.Ordinal);
    }

    internal static int UnusedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
