using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Bot.Discord.Tests.GatewayTests;

namespace Bot.Discord.Tests;

/// <summary>Gateway sharding against the fake: one connection and session per shard, identifies paced per bucket.</summary>
public class ShardingTests
{
    private static Dictionary<string, string?> Settings(string? count, string? shards = null) => new()
    {
        ["Discord:ShardCount"] = count,
        ["Discord:Shards"] = shards,
        // Discord's 5 s between identifies of a bucket would only make the tests slow.
        ["Discord:IdentifyIntervalMs"] = "20",
    };

    private static string ShardOf(GatewayConnection connection) => connection.Shard?.ToJsonString() ?? "none";

    /// <summary>Waits until /readyz says every shard this process runs is ready.</summary>
    private static async Task WaitReadyAsync(BotUnderTest bot)
    {
        var deadline = DateTime.UtcNow + Recorder<string>.DefaultTimeout;
        while ((await bot.Http.GetAsync("/readyz")).StatusCode != HttpStatusCode.OK)
        {
            Assert.True(DateTime.UtcNow < deadline, "never ready");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task TwoShardsEachIdentifyWithTheirShardOnTheirOwnConnection()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await BotUnderTest.StartAsync(fake, extra: Settings("2"));

        var first = await fake.Connections.WaitAsync(_ => true, what: "a gateway connection");
        var second = await fake.Connections.WaitAsync(c => c != first, what: "a second gateway connection");
        await first.Frames.WaitAsync(f => Op(f) == 2, what: "IDENTIFY");
        await second.Frames.WaitAsync(f => Op(f) == 2, what: "IDENTIFY");
        Assert.Equal(["[0,2]", "[1,2]"], new[] { ShardOf(first), ShardOf(second) }.Order());
        await WaitReadyAsync(bot);
        Assert.Equal(2, fake.Connections.Count);

        // A mention on either shard is answered.
        await second.DispatchAsync("MESSAGE_CREATE", Mention("1300000000000000001", "who left?"));
        await fake.Calls.WaitAsync(c => c.Method == "POST" && c.Path.EndsWith("/messages", StringComparison.Ordinal), what: "the reply");
    }

    [Fact]
    public async Task AProcessRunsOnlyItsRangeOfShards()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await BotUnderTest.StartAsync(fake, extra: Settings("2", "1"));

        var connection = await fake.Connections.WaitAsync(_ => true, what: "a gateway connection");
        await connection.Frames.WaitAsync(f => Op(f) == 2, what: "IDENTIFY");
        Assert.Equal("[1,2]", ShardOf(connection));
        // Ready means every shard this process runs is ready: had it started shard 0 too, it would be connected by now.
        await WaitReadyAsync(bot);
        Assert.Equal(1, fake.Connections.Count);
    }

    [Fact]
    public async Task AutoTakesTheShardCountFromGatewayBot()
    {
        await using var fake = await FakeDiscord.StartAsync();
        fake.RecommendedShards = 3;
        fake.MaxConcurrency = 2;
        await using var bot = await BotUnderTest.StartAsync(fake, extra: Settings("auto"));

        await WaitReadyAsync(bot);
        var shards = fake.Connections.Snapshot().Select(ShardOf).Order().ToList();
        Assert.Equal(["[0,3]", "[1,3]", "[2,3]"], shards);
        Assert.Contains(fake.Calls.Snapshot(), c => c.Path == "/gateway/bot");
        await bot.Logs.WaitAsync(l => l.Contains("running shards 0-2 of 3 (identify concurrency 2)"), what: "the shard plan");
    }

    [Fact]
    public async Task EachShardKeepsAndResumesItsOwnSession()
    {
        var store = new InMemoryGatewaySessionStore();
        void SharedStore(IServiceCollection services) => services.AddSingleton<IGatewaySessionStore>(store);
        await using var fake = await FakeDiscord.StartAsync();
        var first = await BotUnderTest.StartAsync(fake, extra: Settings("2"), services: SharedStore);
        await WaitReadyAsync(first);
        await first.DisposeAsync();

        var zero = store.SavedFor(new GatewayShard(0, 2));
        var one = store.SavedFor(new GatewayShard(1, 2));
        Assert.Equal(FakeDiscord.SessionId + "-0", zero?.SessionId);
        Assert.Equal(FakeDiscord.SessionId + "-1", one?.SessionId);
        Assert.Null(store.Saved);

        await using var second = await BotUnderTest.StartAsync(fake, extra: Settings("2"), services: SharedStore);
        var a = await fake.Connections.WaitAsync(_ => true, skip: 2, what: "a third connection");
        var b = await fake.Connections.WaitAsync(c => c != a, skip: 2, what: "a fourth connection");
        var resumes = new[]
        {
            await a.Frames.WaitAsync(f => Op(f) == 6, what: "RESUME"),
            await b.Frames.WaitAsync(f => Op(f) == 6, what: "RESUME"),
        };
        Assert.Equal([FakeDiscord.SessionId + "-0", FakeDiscord.SessionId + "-1"], resumes.Select(r => (string)r["d"]!["session_id"]!).Order());
    }

    [Theory]
    [InlineData("2", "3-1", "Discord:Shards must be")]
    [InlineData("2", "0-2", "outside Discord:ShardCount 2")]
    [InlineData("2", "x", "Discord:Shards must be")]
    [InlineData("0", null, "Discord:ShardCount must be")]
    [InlineData("two", null, "Discord:ShardCount must be")]
    public void BadShardSettingsAreRefusedAtStart(string count, string? shards, string message)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Discord:Token"] = "t",
            ["Discord:ApplicationId"] = FakeDiscord.ApplicationId,
            ["Discord:ShardCount"] = count,
            ["Discord:Shards"] = shards,
        }).Build();

        var ex = Assert.Throws<DiscordConfigurationException>(() => DiscordOptions.Load(configuration));
        Assert.Contains(message, ex.Message);
    }

    [Fact]
    public async Task ARangeBeyondTheRecommendedCountStopsTheAdapterWithAPlainLine()
    {
        await using var fake = await FakeDiscord.StartAsync();
        fake.RecommendedShards = 2;
        await using var bot = await BotUnderTest.StartAsync(fake, extra: Settings("auto", "2-3"));

        await bot.Logs.WaitAsync(l => l.Contains("Discord:Shards 2-3 is outside the 2 shard(s)"), what: "the log line");
        Assert.Equal(0, fake.Connections.Count);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await bot.Http.GetAsync("/readyz")).StatusCode);
    }

    [Fact]
    public async Task IdentifiesArePacedPerMaxConcurrencyBucket()
    {
        var clock = new FakeTimeProvider();
        var gate = new IdentifyGate(maxConcurrency: 2, TimeSpan.FromSeconds(5), clock);

        // Shards 0 and 1 are in different buckets: both at once. 2 and 3 wait for their bucket's next turn.
        var turns = Enumerable.Range(0, 5).Select(id => gate.WaitTurnAsync(id, CancellationToken.None)).ToList();
        Assert.True(turns[0].IsCompleted && turns[1].IsCompleted);
        Assert.False(turns[2].IsCompleted || turns[3].IsCompleted || turns[4].IsCompleted);

        clock.Advance(TimeSpan.FromSeconds(5));
        await Task.WhenAll(turns[2], turns[3]);
        Assert.False(turns[4].IsCompleted);

        clock.Advance(TimeSpan.FromSeconds(5));
        await turns[4];
    }
}
