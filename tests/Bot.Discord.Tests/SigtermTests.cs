using System.Diagnostics;
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

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Bot.Host.dll"));
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("Slack__", StringComparison.Ordinal) || k.StartsWith("Discord__", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["Discord__Token"] = "test-token";
        start.Environment["Discord__ApplicationId"] = FakeDiscord.ApplicationId;
        start.Environment["Discord__ApiBaseUrl"] = fake.RestUrl;
        start.Environment["Discord__GatewayUrl"] = fake.GatewayUrl;
        start.Environment["Content__ModelPath"] = "none";
        start.Environment["Urls"] = "http://127.0.0.1:0";

        using var process = Process.Start(start)!;
        var stderr = new Recorder<string>();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                stderr.Add(e.Data);
            }
        };
        process.BeginErrorReadLine();
        var stdout = process.StandardOutput.ReadToEndAsync();
        try
        {
            var connection = await fake.Connections.WaitAsync(_ => true, what: "a gateway connection");
            await connection.SessionStarted.WaitAsync(Recorder<string>.DefaultTimeout);
            for (var i = 0; i < mentions; i++)
            {
                await connection.DispatchAsync("MESSAGE_CREATE", Mention($"14000000000000{i:D5}", "who left?"));
            }

            // Every mention has been taken up (its thread is made; the answer is on its 200 ms way) when SIGTERM comes.
            await fake.Calls.WaitAsync(_ => fake.Calls.Snapshot().Count(c => c.Path.EndsWith("/threads", StringComparison.Ordinal)) >= mentions, what: "50 threads");
            var stopwatch = Stopwatch.StartNew();
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(40));
            stopwatch.Stop();
            await stdout;

            var nonces = fake.Delivered.Snapshot().Where(c => c.Path.EndsWith("/messages", StringComparison.Ordinal)).Select(c => (string?)c.Body?["nonce"]).ToList();
            Assert.Equal(mentions, nonces.Count);
            Assert.Equal(mentions, nonces.Distinct().Count());
            Assert.Equal(0, process.ExitCode);
            Assert.NotNull(connection.ClientCloseStatus);
            Assert.Equal(4000, (int)connection.ClientCloseStatus!.Value);
            var summary = Assert.Single(stderr.Snapshot(), l => l.Contains("Shutdown drain", StringComparison.Ordinal));
            // Drained counts what was still in hand at SIGTERM (one or two may have been answered before it).
            Assert.Matches(@"drained \d+, abandoned 0", summary);
            Console.WriteLine($"SIGTERM drain (Discord): {summary.Trim()} (process exited {stopwatch.ElapsedMilliseconds} ms after SIGTERM)");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
