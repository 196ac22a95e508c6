using System.Net;
using Bot.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Slack.Tests;

/// <summary>Slack's Web API failing for a while: what was acked is answered once it is back, or given up on clearly.</summary>
public class OutageTests
{
    /// <summary>The reply retries run on <paramref name="clock"/>, so the test moves their time; the rest of the host keeps real time.</summary>
    internal static Action<IServiceCollection> RetriesOn(FakeTimeProvider clock) => services =>
        services.AddSingleton(sp => new ReplyRetry(
            sp.GetRequiredService<IOptions<ReplyOptions>>(), sp.GetRequiredService<ReplyHealth>(), clock, sp.GetRequiredService<ILogger<ReplyRetry>>()));

    /// <summary>Moves the retries' clock a quarter second at a time until <paramref name="done"/> (bounded by the usual generous timeout).</summary>
    internal static async Task AdvanceUntilAsync(FakeTimeProvider clock, Func<bool> done)
    {
        var deadline = DateTime.UtcNow + TestHost.Timeout;
        while (!done())
        {
            Assert.True(DateTime.UtcNow < deadline, "not reached in time");
            // Small steps: the retries' clock must not race far ahead of a slow (loaded) machine.
            clock.Advance(TimeSpan.FromMilliseconds(250));
            await Task.Delay(5);
        }
    }

    private static async Task<string> ReadyzAsync(TestHost host)
    {
        using var response = await host.Http.GetAsync("/readyz");
        return $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
    }

    [Theory]
    [InlineData("http_500")]
    [InlineData("unreachable")]
    public async Task Every_event_acked_during_an_outage_is_answered_once_after_it(string fault)
    {
        const int events = 20;
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var fake = await FakeSlack.StartAsync();
        fake.Outage = fault == "http_500";
        fake.Unreachable = fault == "unreachable";
        // The longest window: however slowly this machine runs, the moving clock never gives up on an event here.
        await using var host = await TestHost.StartAsync(
            fake, socketMode: false, httpMode: true, services: RetriesOn(clock), extra: new Dictionary<string, string?> { ["Replies:RetryWindow"] = "01:00:00" });
        await host.WaitForReadyzAsync(200);

        for (var i = 0; i < events; i++)
        {
            using var response = await host.PostSignedAsync(Payloads.AppMentionCallback($"EvO{i}", "<@U0BOT> who left?", ts: $"5.{i}"), "application/json");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // Replies keep failing: /readyz says so (Degraded, still 200), and nothing was posted.
        await AdvanceUntilAsync(clock, () => fake.CountCalls("chat.postMessage") >= 4);
        var degraded = await ReadyzAsync(host);
        Assert.StartsWith("200 Degraded", degraded);
        Assert.Contains("replies: Degraded", degraded);
        Assert.False(fake.Posts.Reader.TryRead(out _));

        fake.Outage = false;
        fake.Unreachable = false;
        await AdvanceUntilAsync(clock, () => fake.Posts.Reader.Count >= events);

        var posted = new List<string>();
        while (fake.Posts.Reader.TryRead(out var post))
        {
            posted.Add(post["thread_ts"]!.GetValue<string>());
        }

        Assert.Equal(events, posted.Count);
        Assert.Equal(events, posted.Distinct().Count());
        Assert.StartsWith("200 Healthy", await ReadyzAsync(host));
        Assert.DoesNotContain(host.Logs, l => l.Contains("Gave up", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_reply_failing_past_the_retry_window_is_given_up_with_one_line()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var fake = await FakeSlack.StartAsync();
        fake.Outage = true;
        await using var host = await TestHost.StartAsync(
            fake, socketMode: false, httpMode: true, services: RetriesOn(clock), extra: new Dictionary<string, string?> { ["Replies:RetryWindow"] = "00:01:00" });
        var tracker = host.App.Services.GetRequiredService<WorkTracker>();

        using (var response = await host.PostSignedAsync(Payloads.AppMentionCallback("EvLost", "<@U0BOT> who left?"), "application/json"))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await TestHost.WaitUntilAsync(() => tracker.InFlight == 1);
        await AdvanceUntilAsync(clock, () => tracker.InFlight == 0);

        var lines = host.Logs.Where(l => l.Contains("Gave up on Slack reply to EvLost", StringComparison.Ordinal)).ToList();
        var line = Assert.Single(lines);
        Assert.StartsWith("Error", line);
        Assert.Contains("http_500", line);
        // Given up, not retried past the window.
        var calls = fake.CountCalls("chat.postMessage");
        clock.Advance(TimeSpan.FromMinutes(5));
        await Task.Delay(50);
        Assert.Equal(calls, fake.CountCalls("chat.postMessage"));
    }

    [Fact]
    public async Task Rate_limited_reply_waits_at_least_retry_after()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var fake = await FakeSlack.StartAsync();
        fake.RateLimitNextPosts = 1;
        await using var host = await TestHost.StartAsync(fake, socketMode: false, httpMode: true, services: RetriesOn(clock));

        using (var response = await host.PostSignedAsync(Payloads.AppMentionCallback("Ev429b", "<@U0BOT> who left?"), "application/json"))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // The 429 has reached the bot (the failure is counted just before the wait is set on the clock).
        var health = host.App.Services.GetRequiredService<ReplyHealth>();
        await TestHost.WaitUntilAsync(() => health.FailuresInARow == 1);
        await Task.Delay(50); // let it set its timer; a late timer only delays the retry further, never brings it forward

        // Retry-After: 1 → not a moment before a second has passed on the retries' clock.
        clock.Advance(TimeSpan.FromMilliseconds(999));
        await Task.Delay(50);
        Assert.Equal(1, fake.CountCalls("chat.postMessage"));
        // From then on it comes (if the bot set its timer late on a loaded machine, a little later on the clock).
        await AdvanceUntilAsync(clock, () => fake.Posts.Reader.Count > 0);
        var post = await TestHost.NextPostAsync(fake);
        Assert.Equal("C111", post["channel"]!.GetValue<string>());
        Assert.Equal(2, fake.CountCalls("chat.postMessage"));
    }
}
