using System.Net;
using Bot.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bot.Slack.Tests;

/// <summary>Stopping the host: nothing acked is dropped, nothing new is acked.</summary>
public class DrainTests
{
    private const int Mentions = 50;

    private static async Task<HealthReport> ReadinessAsync(TestHost host) =>
        await host.App.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(c => c.Tags.Contains("ready"));

    [Fact]
    public async Task Stop_answers_every_acked_socket_mode_mention_before_it_returns()
    {
        await using var fake = await FakeSlack.StartAsync();
        fake.HoldPosts = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var host = await TestHost.StartAsync(fake);
        try
        {
            var socket = await TestHost.Within(fake.Connections.Reader.ReadAsync().AsTask());
            for (var i = 0; i < Mentions; i++)
            {
                await socket.SendAsync(Payloads.EventsEnvelope($"env-{i}", Payloads.AppMentionCallback($"Ev{i}", "<@U0BOT> who left?", ts: $"1.{i}")));
            }

            for (var i = 0; i < Mentions; i++)
            {
                await socket.NextAsync();
            }

            // Every reply is held at the fake: all 50 are acked and in hand when the stop begins.
            await TestHost.WaitUntilAsync(() => fake.CountCalls("chat.postMessage") >= 1);
            var stopping = host.App.StopAsync();
            await socket.Closed.Task.WaitAsync(TestHost.Timeout);

            Assert.False(stopping.IsCompleted, "the stop returned with 50 acked mentions unanswered");
            var readiness = await ReadinessAsync(host);
            Assert.Equal(HealthStatus.Unhealthy, readiness.Entries[ShutdownReadiness.Name].Status);

            fake.HoldPosts.SetResult();
            await stopping.WaitAsync(TestHost.Timeout);

            var posted = new List<string>();
            while (fake.Posts.Reader.TryRead(out var post))
            {
                posted.Add(post["thread_ts"]!.GetValue<string>());
            }

            Assert.Equal(Mentions, posted.Count);
            Assert.Equal(Mentions, posted.Distinct().Count());
        }
        finally
        {
            fake.HoldPosts.TrySetResult();
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task Stop_answers_every_acked_http_event_before_it_returns()
    {
        await using var fake = await FakeSlack.StartAsync();
        fake.HoldPosts = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var host = await TestHost.StartAsync(fake, socketMode: false, httpMode: true);
        try
        {
            for (var i = 0; i < Mentions; i++)
            {
                using var response = await host.PostSignedAsync(Payloads.AppMentionCallback($"EvH{i}", "<@U0BOT> summary", ts: $"2.{i}"), "application/json");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }

            await TestHost.WaitUntilAsync(() => fake.CountCalls("chat.postMessage") >= 1);
            var stopping = host.App.StopAsync();
            var tracker = host.App.Services.GetRequiredService<WorkTracker>();
            await TestHost.WaitUntilAsync(() => tracker.IsStopping);
            Assert.False(stopping.IsCompleted, "the stop returned with 50 acked events unanswered");

            fake.HoldPosts.SetResult();
            await stopping.WaitAsync(TestHost.Timeout);
            Assert.Equal(Mentions, fake.CountCalls("chat.postMessage"));
            var posted = new HashSet<string>();
            while (fake.Posts.Reader.TryRead(out var post))
            {
                posted.Add(post["thread_ts"]!.GetValue<string>());
            }

            Assert.Equal(Mentions, posted.Count);
        }
        finally
        {
            fake.HoldPosts.TrySetResult();
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task While_stopping_new_events_are_not_acked_and_http_gets_503()
    {
        await using var fake = await FakeSlack.StartAsync();
        await using var host = await TestHost.StartAsync(fake, socketMode: true, httpMode: true);
        var socket = await TestHost.Within(fake.Connections.Reader.ReadAsync().AsTask());
        await host.WaitForReadyzAsync(200);

        // What ApplicationStopping does, without stopping the listener, so the refusals can be seen on the wire.
        host.App.Services.GetRequiredService<WorkTracker>().BeginDrain();
        await host.WaitForReadyzAsync(503);

        using (var response = await host.PostSignedAsync(Payloads.AppMentionCallback("EvLate", "<@U0BOT> who left?"), "application/json"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        }

        await socket.SendAsync(Payloads.EventsEnvelope("late-event", Payloads.AppMentionCallback("EvLate2", "<@U0BOT> who left?")));
        // A slash command is still answered in its ack; once that ack is here, the event's would have been too.
        await socket.SendAsync(Payloads.SlashCommandEnvelope("late-command", "/help", ""));
        var ack = await socket.NextAsync();
        Assert.Equal("late-command", ack["envelope_id"]!.GetValue<string>());
        Assert.False(socket.Received.Reader.TryRead(out var extra), $"unexpected ack {extra?.ToJsonString()}");
        Assert.Equal(0, fake.CountCalls("chat.postMessage"));
    }

    [Fact]
    public async Task A_full_queue_leaves_events_unacked_and_redeliveries_are_answered_once()
    {
        await using var fake = await FakeSlack.StartAsync();
        fake.HoldPosts = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await TestHost.StartAsync(
            fake, socketMode: false, httpMode: true, extra: new Dictionary<string, string?> { ["Slack:EventQueueCapacity"] = "4" });

        var refused = new List<int>();
        var accepted = 0;
        for (var i = 0; i < 12; i++)
        {
            using var response = await host.PostSignedAsync(Payloads.AppMentionCallback($"EvQ{i}", "<@U0BOT> who left?", ts: $"3.{i}"), "application/json");
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                refused.Add(i);
            }
            else
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                accepted++;
            }
        }

        // Four wait in the queue and at most one is being answered; the rest were refused, not acked and dropped.
        Assert.InRange(accepted, 4, 5);
        Assert.Equal(12 - accepted, refused.Count);

        var tracker = host.App.Services.GetRequiredService<WorkTracker>();
        fake.HoldPosts.SetResult();
        await TestHost.WaitUntilAsync(() => fake.CountCalls("chat.postMessage") == accepted);

        // Slack delivers the refused ones again (X-Slack-Retry-Num), and once there is room they are taken.
        foreach (var i in refused)
        {
            await TestHost.WaitUntilAsync(() => tracker.InFlight == 0);
            using var retry = await host.PostSignedAsync(
                Payloads.AppMentionCallback($"EvQ{i}", "<@U0BOT> who left?", ts: $"3.{i}"), "application/json", headers: new Dictionary<string, string> { ["X-Slack-Retry-Num"] = "1" });
            Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
            await TestHost.WaitUntilAsync(() => fake.CountCalls("chat.postMessage") == accepted + refused.IndexOf(i) + 1);
        }

        var posted = new List<string>();
        while (fake.Posts.Reader.TryRead(out var post))
        {
            posted.Add(post["thread_ts"]!.GetValue<string>());
        }

        Assert.Equal(12, posted.Count);
        Assert.Equal(12, posted.Distinct().Count());
    }

    [Fact]
    public async Task When_the_budget_runs_out_one_line_says_what_was_abandoned_and_why()
    {
        await using var fake = await FakeSlack.StartAsync();
        fake.Outage = true;
        var host = await TestHost.StartAsync(
            fake, socketMode: false, httpMode: true, extra: new Dictionary<string, string?> { ["Host:ShutdownTimeout"] = "00:00:03" });
        try
        {
            for (var i = 0; i < 3; i++)
            {
                using var response = await host.PostSignedAsync(Payloads.AppMentionCallback($"EvA{i}", "<@U0BOT> who left?", ts: $"4.{i}"), "application/json");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }

            await TestHost.WaitUntilAsync(() => fake.CountCalls("chat.postMessage") >= 1);
            // Slack stays down: the stop gives up after its budget (3 s, less a second for the last word) instead of hanging.
            await host.App.StopAsync().WaitAsync(TestHost.Timeout);

            var line = Assert.Single(host.Logs, l => l.Contains("Shutdown drain", StringComparison.Ordinal));
            Assert.StartsWith("Warning Bot.Runtime.WorkTracker", line);
            Assert.Contains("drained 0, abandoned 3", line);
            Assert.Contains("3 Slack mention(s) (retrying after http_500)", line);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_slow_channel_does_not_hold_back_the_others()
    {
        var (slow, fast) = ("C111", Enumerable.Range(0, 100).Select(i => $"C9{i}").First(c => SlackBot.WorkerFor(c, SlackOptions.DefaultEventWorkers) != SlackBot.WorkerFor("C111", SlackOptions.DefaultEventWorkers)));
        await using var fake = await FakeSlack.StartAsync();
        fake.HoldChannel = slow;
        await using var host = await TestHost.StartAsync(fake, socketMode: false, httpMode: true);

        foreach (var (id, channel) in new[] { ("EvSlow1", slow), ("EvSlow2", slow), ("EvFast", fast) })
        {
            using var response = await host.PostSignedAsync(Payloads.AppMentionCallback(id, "<@U0BOT> who left?", ts: "6." + id.Length, channel: channel), "application/json");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // The slow channel's reply is stuck at Slack; the other channel's is answered meanwhile.
        var first = await TestHost.NextPostAsync(fake);
        fake.ReleaseChannel.SetResult();
        Assert.Equal(fast, first["channel"]!.GetValue<string>());
        Assert.Equal(slow, (await TestHost.NextPostAsync(fake))["channel"]!.GetValue<string>());
        Assert.Equal(slow, (await TestHost.NextPostAsync(fake))["channel"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_full_queue_leaves_socket_mode_envelopes_unacked_and_their_redeliveries_are_taken()
    {
        await using var fake = await FakeSlack.StartAsync();
        fake.HoldPosts = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await TestHost.StartAsync(fake, extra: new Dictionary<string, string?> { ["Slack:EventQueueCapacity"] = "1" });
        var socket = await TestHost.Within(fake.Connections.Reader.ReadAsync().AsTask());

        // The first is taken (its reply held at Slack); the queue is then full, so the next two are not acked.
        await socket.SendAsync(Payloads.EventsEnvelope("full-1", Payloads.AppMentionCallback("EvS1", "<@U0BOT> who left?", ts: "9.1")));
        Assert.Equal("full-1", (await socket.NextAsync())["envelope_id"]!.GetValue<string>());
        await socket.SendAsync(Payloads.EventsEnvelope("full-2", Payloads.AppMentionCallback("EvS2", "<@U0BOT> who left?", ts: "9.2")));
        await socket.SendAsync(Payloads.EventsEnvelope("full-3", Payloads.AppMentionCallback("EvS3", "<@U0BOT> who left?", ts: "9.3")));
        await socket.SendAsync(Payloads.SlashCommandEnvelope("after-full", "/help", ""));
        Assert.Equal("after-full", (await socket.NextAsync())["envelope_id"]!.GetValue<string>());
        Assert.False(socket.Received.Reader.TryRead(out var extra), $"unexpected ack {extra?.ToJsonString()}");

        var tracker = host.App.Services.GetRequiredService<WorkTracker>();
        fake.HoldPosts.SetResult();
        Assert.Equal("9.1", (await TestHost.NextPostAsync(fake))["thread_ts"]!.GetValue<string>());

        // Slack redelivers what was not acked; once there is room, each is taken and answered once.
        foreach (var (envelope, id, ts) in new[] { ("full-2b", "EvS2", "9.2"), ("full-3b", "EvS3", "9.3") })
        {
            await TestHost.WaitUntilAsync(() => tracker.InFlight == 0);
            await socket.SendAsync(Payloads.EventsEnvelope(envelope, Payloads.AppMentionCallback(id, "<@U0BOT> who left?", ts: ts), retryAttempt: 1));
            Assert.Equal(envelope, (await socket.NextAsync())["envelope_id"]!.GetValue<string>());
            Assert.Equal(ts, (await TestHost.NextPostAsync(fake))["thread_ts"]!.GetValue<string>());
        }

        Assert.Equal(3, fake.CountCalls("chat.postMessage"));
    }
}
