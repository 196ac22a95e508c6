using System.Collections.Concurrent;
using System.Diagnostics;
using Bot.Runtime.Telemetry;

namespace Bot.TestSupport;

/// <summary>Every span the bot's ActivitySource (and any other named one) finishes while this lives, all sampled.</summary>
public sealed class SpanRecorder : IDisposable
{
    private readonly ActivityListener _listener;

    public SpanRecorder(params string[] alsoFrom)
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == BotTelemetry.Name || alsoFrom.Contains(source.Name),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = Spans.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public ConcurrentQueue<Activity> Spans { get; } = new();

    public void Dispose() => _listener.Dispose();
}
