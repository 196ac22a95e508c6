using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using Bot.Runtime.Telemetry;

namespace Bot.Slack.Tests;

/// <summary>The Slack adapter's measurements, read with a <see cref="MeterListener"/> on the bot's meter.</summary>
public class MetricsTests
{
    [Fact]
    public async Task A_retried_mention_counts_de_dup_hits_one_answer_and_its_latency_to_the_posted_reply()
    {
        var measured = new ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == BotTelemetry.Name)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => measured.Enqueue((i.Name, v, Tags(tags))));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => measured.Enqueue((i.Name, v, Tags(tags))));
        listener.Start();

        await using var fake = await FakeSlack.StartAsync();
        await using var host = await TestHost.StartAsync(fake, socketMode: false, httpMode: true);
        // An event id of its own: other tests in this process measure on the same meter.
        var callback = Payloads.AppMentionCallback("EvMetrics0001", "<@U0BOT> who left?", ts: "1355517523.000888", channel: "CMETRICS");
        foreach (var retry in new[] { "0", "1", "2" })
        {
            using var ack = await host.PostSignedAsync(callback, "application/json", headers: retry == "0" ? null : new Dictionary<string, string> { ["X-Slack-Retry-Num"] = retry });
            Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        }

        var post = await TestHost.NextPostAsync(fake);
        Assert.Equal("CMETRICS", post["channel"]!.GetValue<string>());

        // The latency is recorded once the post is acknowledged: wait for it (a state, not a time).
        using var timeout = new CancellationTokenSource(TestHost.Timeout);
        while (!measured.Any(m => m.Instrument == "bot.answer.duration" && Equals(m.Tags["kind"], "event")))
        {
            await Task.Delay(20, timeout.Token);
        }

        Assert.True(measured.Count(m => m.Instrument == "bot.dedup.hits" && Equals(m.Tags["platform"], "slack")) >= 2);
        Assert.Contains(measured, m => m.Instrument == "bot.requests" && Equals(m.Tags["kind"], "event") && Equals(m.Tags["transport"], "http"));
        Assert.Contains(measured, m => m.Instrument == "bot.answers" && Equals(m.Tags["kind"], "fact") && Equals(m.Tags["platform"], "slack"));
        Assert.Contains(measured, m => m.Instrument == "bot.platform.calls" && Equals(m.Tags["method"], "chat.postMessage") && Equals(m.Tags["status"], "200"));
        Assert.Contains(measured, m => m.Instrument == "bot.queue.depth" && m.Value == 1);
        Assert.Contains(measured, m => m.Instrument == "bot.queue.depth" && m.Value == -1);
    }

    private static Dictionary<string, object?> Tags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (var (key, value) in tags)
        {
            copy[key] = value;
        }

        return copy;
    }
}
