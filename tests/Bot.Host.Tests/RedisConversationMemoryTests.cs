using Bot.Engine.Conversation;
using Bot.Host;
using Bot.Runtime.Redis;
using Bot.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Bot.Host.Tests;

[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisServer>
{
    public const string Name = "redis";
}

/// <summary>Conversation memory on a real redis-server: shared by replicas, capped, expiring, quiet when Redis is away.</summary>
[Collection(RedisCollection.Name)]
public class RedisConversationMemoryTests(RedisServer server)
{
    private static RedisConnection Connect(string configuration, string prefix) => new(
        Options.Create(new RedisOptions { Configuration = configuration, KeyPrefix = prefix }),
        TimeProvider.System,
        NullLogger<RedisConnection>.Instance);

    [Fact]
    public void A_turn_remembered_by_one_replica_is_recalled_by_another()
    {
        var prefix = RedisServer.NewPrefix();
        using var a = Connect(server.Configuration, prefix);
        using var b = Connect(server.Configuration, prefix);
        var one = new RedisConversationMemory(() => a);
        var other = new RedisConversationMemory(() => b);

        one.Remember("slack:T:C:1.2", new ConversationTurn("what did khan say?", ["khan"], "reaction:khan"));

        var turn = Assert.Single(other.Recall("slack:T:C:1.2"));
        Assert.Equal("what did khan say?", turn.Question);
        Assert.Equal(["khan"], turn.EntityIds);
        Assert.Equal("reaction:khan", turn.Topic);
        Assert.Empty(other.Recall("slack:T:C:other-thread"));
    }

    [Fact]
    public void Only_the_newest_turns_are_kept_and_the_conversation_expires()
    {
        var prefix = RedisServer.NewPrefix();
        using var redis = Connect(server.Configuration, prefix);
        var memory = new RedisConversationMemory(() => redis);
        for (var i = 0; i < 10; i++)
        {
            memory.Remember("c", new ConversationTurn($"q{i}", [], null));
        }

        Assert.Equal(["q4", "q5", "q6", "q7", "q8", "q9"], memory.Recall("c").Select(t => t.Question));
        var ttl = redis.Database.KeyTimeToLive($"{prefix}:conversation:c");
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromHours(23), TimeSpan.FromDays(1));
    }

    [Fact]
    public void Unreachable_redis_answers_as_a_new_conversation_without_throwing()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var redis = Connect($"127.0.0.1:{port},connectTimeout=500", "x");
        var memory = new RedisConversationMemory(() => redis);

        memory.Remember("c", new ConversationTurn("q", [], null));
        Assert.Empty(memory.Recall("c"));
    }
}
