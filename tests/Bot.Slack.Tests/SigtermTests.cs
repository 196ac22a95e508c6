using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Bot.Slack.Tests;

/// <summary>The built Bot.Host as a real process, stopped with SIGTERM as an orchestrator would.</summary>
public class SigtermTests
{
    [Fact]
    public async Task Sigterm_right_after_50_acked_mentions_answers_all_50_once_with_200ms_replies()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // No SIGTERM there.
        }

        const int mentions = 50;
        await using var fake = await FakeSlack.StartAsync();
        fake.PostDelay = TimeSpan.FromMilliseconds(200);

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

        start.Environment["Slack__BotToken"] = FakeSlack.BotToken;
        start.Environment["Slack__AppToken"] = FakeSlack.AppToken;
        start.Environment["Slack__ApiBaseUrl"] = fake.BaseUrl;
        start.Environment["Content__ModelPath"] = "none";
        start.Environment["Urls"] = "http://127.0.0.1:0";

        using var process = Process.Start(start)!;
        var stderr = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                stderr.Enqueue(e.Data);
            }
        };
        process.BeginErrorReadLine();
        var stdout = process.StandardOutput.ReadToEndAsync();
        try
        {
            var socket = await TestHost.Within(fake.Connections.Reader.ReadAsync().AsTask());
            for (var i = 0; i < mentions; i++)
            {
                await socket.SendAsync(Payloads.EventsEnvelope($"env-{i}", Payloads.AppMentionCallback($"EvT{i}", "<@U0BOT> who left?", ts: $"7.{i}", channel: $"C{i % 5}")));
            }

            for (var i = 0; i < mentions; i++)
            {
                await socket.NextAsync();
            }

            var stopwatch = Stopwatch.StartNew();
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(40));
            stopwatch.Stop();
            await stdout;

            var posted = new List<string>();
            while (fake.Posts.Reader.TryRead(out var post))
            {
                posted.Add(post["thread_ts"]!.GetValue<string>());
            }

            Assert.Equal(mentions, posted.Count);
            Assert.Equal(mentions, posted.Distinct().Count());
            Assert.Equal(0, process.ExitCode);
            var lines = stderr.ToList();
            var summary = Assert.Single(lines, l => l.Contains("Shutdown drain", StringComparison.Ordinal));
            Assert.Matches(new Regex($"drained {mentions}, abandoned 0"), summary);
            Console.WriteLine($"SIGTERM drain: {summary.Trim()} (process exited {stopwatch.ElapsedMilliseconds} ms after SIGTERM)");
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
