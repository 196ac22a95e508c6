using System.Diagnostics;
using Bot.TestSupport;
using StackExchange.Redis;
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

    [Fact]
    public async Task Kill_9_of_one_replica_during_a_burst_of_gateway_mentions_every_one_answered_once()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        const int mentions = 60;
        var prefix = RedisServer.NewPrefix();
        await using var fake = await FakeDiscord.StartAsync();
        fake.MessageDelay = TimeSpan.FromMilliseconds(200);
        await using var doomed = StartReplica(fake, prefix);
        var doomedConnection = await fake.Connections.WaitAsync(_ => true, what: "the doomed replica's gateway connection");
        await doomedConnection.SessionStarted.WaitAsync(Recorder<string>.DefaultTimeout);
        await using var survivor = StartReplica(fake, prefix);
        var survivorConnection = await fake.Connections.WaitAsync(_ => true, skip: 1, what: "the survivor's gateway connection");
        await survivorConnection.SessionStarted.WaitAsync(Recorder<string>.DefaultTimeout);
        using var watch = await ConnectionMultiplexer.ConnectAsync(server.Configuration);

        for (var i = 0; i < mentions / 2; i++)
        {
            await doomedConnection.DispatchAsync("MESSAGE_CREATE", Mention($"15000000000000{i:D5}", "who left?", channelId: $"16000000000000000{i % 8}"));
        }

        // Killed only once it has accepted every mention sent to it: a message still unread in a dead process's socket
        // was never acknowledged by anyone (Discord replays missed events only to a resumed session), so it is not ours
        // to lose; what was accepted is.
        await Eventually.WaitUntilAsync(
            async () => await AcceptedAsync(watch.GetDatabase(), prefix, mentions / 2) == mentions / 2, "the doomed replica to accept its mentions", TimeSpan.FromSeconds(120));
        var doomedConsumer = $"{Environment.MachineName}-{doomed.Id}-";
        await Eventually.WaitUntilAsync(async () => await new WorkStreams(prefix, "discord-mentions", MentionQueue.Partitions).PendingWithAsync(watch.GetDatabase(), doomedConsumer) > 0, "the doomed replica to take work", TimeSpan.FromSeconds(120));
        var inHand = await new WorkStreams(prefix, "discord-mentions", MentionQueue.Partitions).PendingWithAsync(watch.GetDatabase(), doomedConsumer);
        await doomed.KillAsync(Recorder<string>.DefaultTimeout);
        var killed = Stopwatch.StartNew();

        for (var i = mentions / 2; i < mentions; i++)
        {
            await survivorConnection.DispatchAsync("MESSAGE_CREATE", Mention($"15000000000000{i:D5}", "who left?", channelId: $"16000000000000000{i % 8}"));
        }

        await survivor.LogLineAsync("Took over", TimeSpan.FromSeconds(120));
        var tookOverAfter = killed.Elapsed;
        List<string?> Nonces() => [.. fake.Delivered.Snapshot().Where(c => c.Path.EndsWith("/messages", StringComparison.Ordinal)).Select(c => (string?)c.Body?["nonce"])];
        await Eventually.WaitUntilAsync(() => Task.FromResult(Nonces().Distinct().Count() >= mentions), "every mention answered", TimeSpan.FromSeconds(120));
        await Eventually.WaitUntilAsync(async () => await new WorkStreams(prefix, "discord-mentions", MentionQueue.Partitions).QueuedAsync(watch.GetDatabase()) == 0, "the streams to empty", TimeSpan.FromSeconds(120));

        var nonces = Nonces();
        var lost = Enumerable.Range(0, mentions).Count(i => !nonces.Contains($"m15000000000000{i:D5}"));
        Console.WriteLine($"kill -9 of one of two replicas (Discord Gateway): {mentions} mentions, {nonces.Distinct().Count()} answered, "
            + $"{nonces.Count - nonces.Distinct().Count()} repeated POSTs (same nonce: Discord keeps one message), {lost} lost; {inHand} in the killed replica's hands; "
            + $"the survivor took over after {tookOverAfter.TotalSeconds:F1} s (Redis:TakeOverAfter 3 s)");
        Assert.Equal(0, lost);
        Assert.Equal(mentions, nonces.Distinct().Count());
    }

    /// <summary>How many of the first <paramref name="count"/> test mentions some replica has accepted (claimed in Redis).</summary>
    private static async Task<int> AcceptedAsync(IDatabase db, string prefix, int count)
    {
        var accepted = 0;
        for (var i = 0; i < count; i++)
        {
            accepted += await db.KeyExistsAsync($"{prefix}:claim:{MentionHandler.ClaimKey($"15000000000000{i:D5}")}") ? 1 : 0;
        }

        return accepted;
    }

    private BotHostProcess StartReplica(FakeDiscord fake, string prefix) => BotHostProcess.Start(new Dictionary<string, string>
    {
        ["Discord__Token"] = "test-token",
        ["Discord__ApplicationId"] = FakeDiscord.ApplicationId,
        ["Discord__ApiBaseUrl"] = fake.RestUrl,
        ["Discord__GatewayUrl"] = fake.GatewayUrl,
        ["Redis__Configuration"] = server.Configuration,
        ["Redis__KeyPrefix"] = prefix,
        ["Redis__TakeOverAfter"] = "00:00:03",
    });
}
