using Bot.TestSupport;
using static Bot.Discord.Tests.GatewayTests;

namespace Bot.Discord.Tests;

/// <summary>Two hosts on one real redis-server against the fake Discord: message claims and the Gateway session are shared.</summary>
[Collection(RedisCollection.Name)]
public class ReplicaTests(RedisServer server)
{
    private static bool IsMessagePost(RestCall call) => call.Method == "POST" && call.Path.EndsWith("/messages", StringComparison.Ordinal);

    private Dictionary<string, string?> Redis(string prefix) => new()
    {
        ["Redis:Configuration"] = server.Configuration,
        ["Redis:KeyPrefix"] = prefix,
    };

    [Fact]
    public async Task A_mention_both_replicas_receive_is_answered_by_one()
    {
        var prefix = RedisServer.NewPrefix();
        await using var fake = await FakeDiscord.StartAsync();
        await using var a = await BotUnderTest.StartAsync(fake, extra: Redis(prefix));
        var first = await fake.Connections.WaitAsync(_ => true, what: "the first replica's gateway connection");
        await first.SessionStarted.WaitAsync(Recorder<string>.DefaultTimeout);
        await using var b = await BotUnderTest.StartAsync(fake, extra: Redis(prefix));
        var second = await fake.Connections.WaitAsync(_ => true, skip: 1, what: "the second replica's gateway connection");
        await second.SessionStarted.WaitAsync(Recorder<string>.DefaultTimeout);

        // The same messages on both connections (two replicas on one unsharded bot see every event).
        for (var i = 0; i < 10; i++)
        {
            var id = $"13000000000000{i:D5}";
            await Task.WhenAll(first.DispatchAsync("MESSAGE_CREATE", Mention(id, "who left?")), second.DispatchAsync("MESSAGE_CREATE", Mention(id, "who left?")));
        }

        // A later message answered by both paths closes the window for any repeat of the ten.
        await first.DispatchAsync("MESSAGE_CREATE", Mention("1300000000000099999", "summary"));
        await fake.Calls.WaitAsync(c => IsMessagePost(c) && (string?)c.Body?["nonce"] == "m1300000000000099999", what: "the last reply");
        await fake.Calls.WaitAsync(_ => fake.Calls.Snapshot().Count(IsMessagePost) >= 11, what: "all replies");

        var nonces = fake.Calls.Snapshot().Where(IsMessagePost).Select(c => (string?)c.Body?["nonce"]).ToList();
        Assert.Equal(11, nonces.Count);
        Assert.Equal(11, nonces.Distinct().Count());
    }

    [Fact]
    public async Task A_new_process_resumes_the_session_kept_in_redis()
    {
        var prefix = RedisServer.NewPrefix();
        await using var fake = await FakeDiscord.StartAsync();
        var first = await BotUnderTest.StartAsync(fake, extra: Redis(prefix));
        var connection = await fake.Connections.WaitAsync(_ => true, what: "a gateway connection");
        await connection.SessionStarted.WaitAsync(Recorder<string>.DefaultTimeout);
        await connection.DispatchAsync("MESSAGE_CREATE", Mention("1300000000000000001", "who left?"));
        await fake.Calls.WaitAsync(IsMessagePost, what: "the reply");
        await first.DisposeAsync();
        var sequence = fake.Sequence;

        // A separate host (its own services, nothing in memory shared): it finds the session in Redis.
        await using var second = await BotUnderTest.StartAsync(fake, extra: Redis(prefix));
        var resumed = await fake.Connections.WaitAsync(_ => true, skip: 1, what: "a second connection");
        var resume = await resumed.Frames.WaitAsync(f => Op(f) == 6, what: "RESUME");
        Assert.Equal(FakeDiscord.SessionId, (string?)resume["d"]!["session_id"]);
        Assert.Equal(sequence, (long)resume["d"]!["seq"]!);
        Assert.DoesNotContain(resumed.Frames.Snapshot(), f => Op(f) == 2);
    }
}
