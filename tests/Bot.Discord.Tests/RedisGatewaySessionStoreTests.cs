using Bot.Runtime.Redis;
using Bot.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Bot.Discord.Tests;

[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisServer>
{
    public const string Name = "redis";
}

/// <summary>The Gateway session in a real redis-server: what one process keeps, the next (on any host) takes, once.</summary>
[Collection(RedisCollection.Name)]
public class RedisGatewaySessionStoreTests(RedisServer server)
{
    private RedisConnection Connect(string prefix) => new(
        Options.Create(new RedisOptions { Configuration = server.Configuration, KeyPrefix = prefix }),
        TimeProvider.System,
        NullLogger<RedisConnection>.Instance);

    [Fact]
    public async Task A_saved_session_is_taken_by_exactly_one_next_process()
    {
        var prefix = RedisServer.NewPrefix();
        using var stopping = Connect(prefix);
        using var next = Connect(prefix);
        using var another = Connect(prefix);
        var saved = new GatewaySession("session-1", 42, new Uri("wss://resume.example/"), "1100", DateTimeOffset.UnixEpoch.AddDays(20000));

        await new RedisGatewaySessionStore(stopping).SaveAsync(GatewayShard.Unsharded, saved, CancellationToken.None);
        var takes = await Task.WhenAll(
            new RedisGatewaySessionStore(next).TakeAsync(GatewayShard.Unsharded, CancellationToken.None),
            new RedisGatewaySessionStore(another).TakeAsync(GatewayShard.Unsharded, CancellationToken.None));

        Assert.Equal(saved, Assert.Single(takes, t => t is not null));
        Assert.Null(await new RedisGatewaySessionStore(next).TakeAsync(GatewayShard.Unsharded, CancellationToken.None));
    }

    [Fact]
    public async Task A_cleared_session_is_not_resumed_and_a_kept_one_expires()
    {
        var prefix = RedisServer.NewPrefix();
        using var redis = Connect(prefix);
        var store = new RedisGatewaySessionStore(redis);
        await store.SaveAsync(GatewayShard.Unsharded, new GatewaySession("s", 1, new Uri("wss://resume.example/"), null, DateTimeOffset.UnixEpoch), CancellationToken.None);
        var ttl = await redis.Database.KeyTimeToLiveAsync($"{prefix}:discord:gateway-session");
        Assert.InRange(ttl!.Value, TimeSpan.FromMinutes(1), RedisGatewaySessionStore.Lifetime);

        await store.ClearAsync(GatewayShard.Unsharded, CancellationToken.None);
        Assert.Null(await store.TakeAsync(GatewayShard.Unsharded, CancellationToken.None));
    }
}
