using System.Text.Json.Nodes;
using Bot.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using static Bot.Discord.Tests.GatewayTests;

namespace Bot.Discord.Tests;

/// <summary>Stopping the host: every mention received is answered, and the session is left for the next start to resume.</summary>
public class DrainTests
{
    private static bool IsMessagePost(RestCall call) => call.Method == "POST" && call.Path.EndsWith("/messages", StringComparison.Ordinal);

    [Fact]
    public async Task StopAnswersEveryMentionReceivedBeforeItReturns()
    {
        const int mentions = 50;
        var (fake, bot, connection) = await ConnectedAsync(f => f.HoldMessages = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        await using var _ = fake;
        try
        {
            for (var i = 0; i < mentions; i++)
            {
                await connection.DispatchAsync("MESSAGE_CREATE", Mention($"12000000000000{i:D5}", "who left?"));
            }

            // All 50 replies are at the fake, held: every mention is in hand when the stop begins.
            await fake.Calls.WaitAsync(_ => fake.Calls.Snapshot().Count(IsMessagePost) >= mentions, what: "50 replies in flight");
            var stopping = bot.App.StopAsync();
            await connection.Closed.WaitAsync(Recorder<string>.DefaultTimeout);

            Assert.False(stopping.IsCompleted, "the stop returned with 50 mentions unanswered");
            var health = await bot.App.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(c => c.Tags.Contains("ready"));
            Assert.Equal(HealthStatus.Unhealthy, health.Entries[ShutdownReadiness.Name].Status);

            fake.HoldMessages!.SetResult();
            await stopping.WaitAsync(Recorder<string>.DefaultTimeout);

            Assert.Contains(bot.Logs.Snapshot(), l => l.Contains($"drained {mentions}, abandoned 0"));
            var nonces = fake.Calls.Snapshot().Where(IsMessagePost).Select(c => (string?)c.Body?["nonce"]).ToList();
            Assert.Equal(mentions, nonces.Count);
            Assert.Equal(mentions, nonces.Distinct().Count());
        }
        finally
        {
            fake.HoldMessages?.TrySetResult();
            await bot.DisposeAsync();
        }
    }

    [Fact]
    public async Task StopClosesResumablyAndTheNextStartResumesTheSession()
    {
        var store = new InMemoryGatewaySessionStore();
        void SharedStore(IServiceCollection services) => services.AddSingleton<IGatewaySessionStore>(store);

        await using var fake = await FakeDiscord.StartAsync();
        var first = await BotUnderTest.StartAsync(fake, services: SharedStore);
        var connection = await fake.Connections.WaitAsync(_ => true, what: "a gateway connection");
        await connection.SessionStarted.WaitAsync(Recorder<string>.DefaultTimeout);
        await connection.DispatchAsync("MESSAGE_CREATE", Mention("1200000000000000001", "who left?"));
        await fake.Calls.WaitAsync(IsMessagePost, what: "the reply");
        await first.DisposeAsync();

        await connection.Closed.WaitAsync(Recorder<string>.DefaultTimeout);
        Assert.NotNull(connection.ClientCloseStatus);
        Assert.NotEqual(1000, (int)connection.ClientCloseStatus!.Value);
        Assert.NotEqual(1001, (int)connection.ClientCloseStatus!.Value);
        var saved = store.Saved;
        Assert.NotNull(saved);
        Assert.Equal(FakeDiscord.SessionId, saved.SessionId);
        Assert.Equal(fake.Sequence, saved.Sequence);

        await using var second = await BotUnderTest.StartAsync(fake, services: SharedStore);
        var resumed = await fake.Connections.WaitAsync(_ => true, skip: 1, what: "a second connection");
        var resume = await resumed.Frames.WaitAsync(f => Op(f) == 6, what: "RESUME");
        Assert.StartsWith("/resume", resumed.Path);
        Assert.Equal(FakeDiscord.SessionId, (string?)resume["d"]!["session_id"]);
        Assert.Equal(saved.Sequence, (long)resume["d"]!["seq"]!);
        Assert.DoesNotContain(resumed.Frames.Snapshot(), f => Op(f) == 2);
        // Taken, not shared: were this process to die, nobody would resume from the old sequence.
        Assert.Null(store.Saved);

        // No READY after a RESUME: the saved session knows who we are, so mentions are still recognised.
        await resumed.SessionStarted.WaitAsync(Recorder<string>.DefaultTimeout);
        await resumed.DispatchAsync("MESSAGE_CREATE", Mention("1200000000000000002", "summary"));
        await fake.Calls.WaitAsync(c => IsMessagePost(c) && (string?)c.Body?["nonce"] == "m1200000000000000002", what: "the reply after resuming");
    }

    [Fact]
    public async Task WhileStoppingDispatchesAreLeftForTheNextSessionAndTheSequenceStays()
    {
        var (fake, bot, connection) = await ConnectedAsync(f => f.HeartbeatIntervalMs = 60_000);
        await using var _ = fake;
        await using var __ = bot;
        // READY handled (the fake has sent it; the bot must have read it, or its sequence would rightly stay behind).
        var state = bot.App.Services.GetRequiredService<GatewayState>();
        var deadline = DateTime.UtcNow + Recorder<string>.DefaultTimeout;
        while (!state.IsReady)
        {
            Assert.True(DateTime.UtcNow < deadline, "never ready");
            await Task.Delay(10);
        }

        var before = fake.Sequence;
        bot.App.Services.GetRequiredService<WorkTracker>().BeginDrain();
        await connection.DispatchAsync("MESSAGE_CREATE", Mention("1200000000000000003", "who left?"));
        // A heartbeat carries the sequence the bot holds: the event after the stop began is not counted as handled.
        var frames = connection.Frames.Count;
        await connection.SendAsync(new JsonObject { ["op"] = 1, ["d"] = null });
        var beat = await connection.Frames.WaitAsync(f => Op(f) == 1, skip: frames, what: "a heartbeat");
        Assert.Equal(before, (long)beat["d"]!);
        Assert.DoesNotContain(fake.Calls.Snapshot(), IsMessagePost);
    }
}
