using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Bot.Slack.Tests;

/// <summary>The built Bot.Host as a real process, stopped with SIGTERM as an orchestrator would.</summary>
public class SigtermTests
{
    [Fact]
    public async Task Sigterm_right_after_50_acked_mentions_per_transport_answers_all_once_with_200ms_replies()
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
        start.Environment["Slack__SigningSecret"] = TestHost.SigningSecret;
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

            // And 50 over HTTP Events, each acked with a 200.
            var listening = await TestHost.Within(Task.Run(async () =>
            {
                while (true)
                {
                    if (stderr.FirstOrDefault(l => l.Contains("Now listening on: ", StringComparison.Ordinal)) is { } line)
                    {
                        return line[(line.IndexOf("http", StringComparison.Ordinal))..].Trim();
                    }

                    await Task.Delay(20);
                }
            }));
            using var http = new HttpClient { BaseAddress = new Uri(listening) };
            for (var i = 0; i < mentions; i++)
            {
                var body = Encoding.UTF8.GetBytes(Payloads.AppMentionCallback($"EvH{i}", "<@U0BOT> summary", ts: $"8.{i}", channel: $"C{i % 5}"));
                var ts = TestHost.Now();
                using var request = new HttpRequestMessage(HttpMethod.Post, "/slack/events") { Content = new ByteArrayContent(body) };
                request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
                request.Headers.Add("X-Slack-Request-Timestamp", ts);
                request.Headers.Add("X-Slack-Signature", TestHost.Sign(ts, body));
                using var response = await http.SendAsync(request);
                Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
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

            Assert.Equal(2 * mentions, posted.Count);
            Assert.Equal(2 * mentions, posted.Distinct().Count());
            Assert.Equal(0, process.ExitCode);
            var lines = stderr.ToList();
            var summary = Assert.Single(lines, l => l.Contains("Shutdown drain", StringComparison.Ordinal));
            // Drained counts what was still in hand at SIGTERM (a few may have been answered before it).
            Assert.Matches(new Regex(@"drained \d+, abandoned 0"), summary);
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
