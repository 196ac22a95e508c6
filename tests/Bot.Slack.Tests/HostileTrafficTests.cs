using System.Net;
using System.Text;
using Bot.Runtime;
using Bot.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Slack.Tests;

/// <summary>Unsigned, forged and broken requests to /slack/events: refused cheaply, quietly, never with a 200.</summary>
public class HostileTrafficTests
{
    private const string Form = "application/x-www-form-urlencoded";

    [Fact]
    public async Task Unsigned_and_forged_requests_get_401_and_no_log_line_above_debug()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var fake = await FakeSlack.StartAsync();
        var engine = new RecordingEngine();
        await using var host = await TestHost.StartAsync(
            fake,
            socketMode: false,
            httpMode: true,
            engine: engine,
            extra: new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Debug" },
            services: s => s.AddSingleton(sp => new RefusedRequests(clock, sp.GetRequiredService<ILogger<RefusedRequests>>())));
        var refused = host.App.Services.GetRequiredService<RefusedRequests>();

        for (var i = 0; i < 30; i++)
        {
            using var unsigned = await host.Http.PostAsync("/slack/events", new StringContent(Payloads.CommandForm("/who-left", "x" + i), Encoding.UTF8, Form));
            Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
            using var forged = await host.PostSignedAsync(Payloads.AppMentionCallback($"EvF{i}", "<@U0BOT> hi"), "application/json", signature: TestHost.Sign(TestHost.Now(), [1, 2, 3]));
            Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
            using var stale = await host.PostSignedAsync(Payloads.CommandForm("/help", ""), Form, timestamp: "1531420618");
            Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
        }

        Assert.Equal(90, refused.Total);
        Assert.Empty(engine.Requests);
        Assert.Equal(0, fake.CountCalls("chat.postMessage"));
        var levels = host.Logs.Where(l => l.Contains("Bot.", StringComparison.Ordinal) && l.Contains("Refused", StringComparison.Ordinal)).Select(l => l.Split(' ')[0]).Distinct().ToList();
        Assert.Equal(["Debug"], levels);
        Assert.DoesNotContain(host.Logs, l => l.Contains("Bot.", StringComparison.Ordinal) && !l.StartsWith("Debug", StringComparison.Ordinal) && l.Contains("Refused", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Logs, l => l.Contains("   at ", StringComparison.Ordinal));

        // A minute on, the next refusal brings one summary line with the counts.
        clock.Advance(RefusedRequests.SummaryEvery);
        using (var late = await host.Http.PostAsync("/slack/events", new StringContent("x=1", Encoding.UTF8, Form)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, late.StatusCode);
        }

        var summary = Assert.Single(host.Logs, l => l.StartsWith("Information Bot.Runtime.RefusedRequests", StringComparison.Ordinal));
        Assert.Contains("/slack/events no signature: 31", summary);
        Assert.Contains("/slack/events bad or stale signature: 60", summary);
    }

    [Fact]
    public async Task A_client_hanging_up_mid_body_is_not_an_error_and_never_gets_a_200()
    {
        await using var fake = await FakeSlack.StartAsync();
        await using var host = await TestHost.StartAsync(fake, socketMode: false, httpMode: true);
        var refused = host.App.Services.GetRequiredService<RefusedRequests>();
        var ts = TestHost.Now();
        var body = Encoding.UTF8.GetBytes(Payloads.CommandForm("/who-left", ""));

        // Signed for the whole body, but only half of it ever comes.
        var status = await RawHttp.PostCutOffAsync(
            new Uri(host.Root),
            "/slack/events",
            [("Content-Type", Form), ("X-Slack-Request-Timestamp", ts), ("X-Slack-Signature", TestHost.Sign(ts, body))],
            Encoding.UTF8.GetString(body, 0, body.Length / 2),
            body.Length,
            TestHost.Timeout);

        Assert.NotEqual(200, status);
        await TestHost.WaitUntilAsync(() => refused.Total == 1);
        Assert.DoesNotContain(host.Logs, l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Warning Bot.", StringComparison.Ordinal));
    }

    [Fact]
    public void Ssl_check_is_found_in_the_raw_form_without_parsing()
    {
        Assert.True(SlackHttpEndpoint.IsSslCheck("ssl_check=1&token=x"u8));
        Assert.True(SlackHttpEndpoint.IsSslCheck("token=x&ssl_check=1"u8));
        Assert.False(SlackHttpEndpoint.IsSslCheck("ssl_check=10&token=x"u8));
        Assert.False(SlackHttpEndpoint.IsSslCheck("text=ssl_check=1"u8));
        Assert.False(SlackHttpEndpoint.IsSslCheck("command=%2Fwho-left"u8));
    }
}
