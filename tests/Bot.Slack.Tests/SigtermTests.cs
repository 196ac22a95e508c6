using System.Text;
using System.Text.RegularExpressions;
using Bot.TestSupport;

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

        await using var process = BotHostProcess.Start(new Dictionary<string, string>
        {
            ["Slack__BotToken"] = FakeSlack.BotToken,
            ["Slack__AppToken"] = FakeSlack.AppToken,
            ["Slack__SigningSecret"] = TestHost.SigningSecret,
            ["Slack__ApiBaseUrl"] = fake.BaseUrl,
        });

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
        var listening = await process.ListeningAsync(TestHost.Timeout);
        using var http = new HttpClient { BaseAddress = listening };
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

        var took = await process.TerminateAsync(TimeSpan.FromSeconds(40));

        var posted = new List<string>();
        while (fake.Posts.Reader.TryRead(out var post))
        {
            posted.Add(post["thread_ts"]!.GetValue<string>());
        }

        Assert.Equal(2 * mentions, posted.Count);
        Assert.Equal(2 * mentions, posted.Distinct().Count());
        Assert.Equal(0, process.ExitCode);
        var summary = Assert.Single(process.StandardError, l => l.Contains("Shutdown drain", StringComparison.Ordinal));
        // Drained counts what was still in hand at SIGTERM (a few may have been answered before it).
        Assert.Matches(new Regex(@"drained \d+, abandoned 0"), summary);
        Console.WriteLine($"SIGTERM drain: {summary.Trim()} (process exited {took.TotalMilliseconds:F0} ms after SIGTERM)");
    }
}
