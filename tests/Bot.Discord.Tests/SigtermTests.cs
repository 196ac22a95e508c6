using Bot.TestSupport;
using static Bot.Discord.Tests.GatewayTests;

namespace Bot.Discord.Tests;

/// <summary>The built Bot.Host as a real process, stopped with SIGTERM as an orchestrator would.</summary>
public class SigtermTests
{
    [Fact]
    public async Task SigtermRightAfter50MentionsAnswersAll50OnceAndClosesResumably()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // No SIGTERM there.
        }

        const int mentions = 50;
        await using var fake = await FakeDiscord.StartAsync();
        fake.MessageDelay = TimeSpan.FromMilliseconds(200);

        await using var process = BotHostProcess.Start(new Dictionary<string, string>
        {
            ["Discord__Token"] = "test-token",
            ["Discord__ApplicationId"] = FakeDiscord.ApplicationId,
            ["Discord__ApiBaseUrl"] = fake.RestUrl,
            ["Discord__GatewayUrl"] = fake.GatewayUrl,
        });

        var connection = await fake.Connections.WaitAsync(_ => true, what: "a gateway connection");
        await connection.SessionStarted.WaitAsync(Recorder<string>.DefaultTimeout);
        for (var i = 0; i < mentions; i++)
        {
            await connection.DispatchAsync("MESSAGE_CREATE", Mention($"14000000000000{i:D5}", "who left?"));
        }

        // Every mention has been taken up (its thread is made; the answer is on its 200 ms way) when SIGTERM comes.
        await fake.Calls.WaitAsync(_ => fake.Calls.Snapshot().Count(c => c.Path.EndsWith("/threads", StringComparison.Ordinal)) >= mentions, what: "50 threads");
        var took = await process.TerminateAsync(TimeSpan.FromSeconds(40));

        var nonces = fake.Delivered.Snapshot().Where(c => c.Path.EndsWith("/messages", StringComparison.Ordinal)).Select(c => (string?)c.Body?["nonce"]).ToList();
        Assert.Equal(mentions, nonces.Count);
        Assert.Equal(mentions, nonces.Distinct().Count());
        Assert.Equal(0, process.ExitCode);
        await connection.Closed.WaitAsync(Recorder<string>.DefaultTimeout);
        Assert.NotNull(connection.ClientCloseStatus);
        Assert.Equal(4000, (int)connection.ClientCloseStatus!.Value);
        var summary = Assert.Single(process.StandardError, l => l.Contains("Shutdown drain", StringComparison.Ordinal));
        // Drained counts what was still in hand at SIGTERM (one or two may have been answered before it).
        Assert.Matches(@"drained \d+, abandoned 0", summary);
        Console.WriteLine($"SIGTERM drain (Discord): {summary.Trim()} (process exited {took.TotalMilliseconds:F0} ms after SIGTERM)");
    }
}
