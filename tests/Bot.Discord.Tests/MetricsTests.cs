using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using Bot.Runtime.Telemetry;
using Bot.TestSupport;

namespace Bot.Discord.Tests;

/// <summary>The Discord adapter's measurements and spans, read with a <see cref="MeterListener"/> and an <see cref="ActivityListener"/>.</summary>
public class MetricsTests
{
    [Fact]
    public async Task A_signed_interaction_is_counted_answered_timed_and_traced_and_its_repeat_is_a_de_dup_hit()
    {
        var measured = new ConcurrentQueue<(string Instrument, Dictionary<string, object?> Tags)>();
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == BotTelemetry.Name)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<long>((i, _, tags, _) => measured.Enqueue((i.Name, Tags(tags))));
        meters.SetMeasurementEventCallback<double>((i, _, tags, _) => measured.Enqueue((i.Name, Tags(tags))));
        meters.Start();
        using var recorder = new SpanRecorder();
        var spans = recorder.Spans;

        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await BotUnderTest.StartAsync(fake, gateway: false, http: true);
        var body = HttpInteractionTests.Command("787053080478690001", "who-left");

        using (var first = await bot.PostInteractionAsync(body))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using (var repeat = await bot.PostInteractionAsync(body))
        {
            Assert.Equal(HttpStatusCode.Accepted, repeat.StatusCode);
        }

        bool Tagged(Dictionary<string, object?> tags, string key, string value) => tags.TryGetValue(key, out var v) && Equals(v, value);
        Assert.Contains(measured, m => m.Instrument == "bot.requests" && Tagged(m.Tags, "platform", "discord") && Tagged(m.Tags, "transport", "http") && Tagged(m.Tags, "kind", "command"));
        Assert.Contains(measured, m => m.Instrument == "bot.answers" && Tagged(m.Tags, "platform", "discord") && Tagged(m.Tags, "kind", "fact"));
        Assert.Contains(measured, m => m.Instrument == "bot.answer.duration" && Tagged(m.Tags, "platform", "discord") && Tagged(m.Tags, "kind", "command"));
        Assert.Contains(measured, m => m.Instrument == "bot.dedup.hits" && Tagged(m.Tags, "platform", "discord") && Tagged(m.Tags, "kind", "interaction"));

        // The request span ends just after the response is written: wait for that state.
        using var timeout = new CancellationTokenSource(Recorder<string>.DefaultTimeout);
        Activity? request;
        while ((request = spans.FirstOrDefault(s => s.OperationName == "discord command" && (string?)s.GetTagItem("bot.transport") == "http")) is null)
        {
            await Task.Delay(20, timeout.Token);
        }

        Assert.Contains(spans, s => s.OperationName == "engine answer" && s.ParentSpanId == request.SpanId);
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
