using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Reflection;
using Microsoft.Extensions.Logging;

namespace Bot.Runtime.Telemetry;

/// <summary>
/// The bot's one <see cref="Meter"/> and one <see cref="ActivitySource"/>, both named <see cref="Name"/>, on the built-in
/// .NET APIs: the host decides where they go (Prometheus text on /metrics, OTLP). Metric and tag names are listed in the
/// README (Telemetry); the Grafana dashboard in deploy/grafana is built on them, so renaming one breaks it.
/// Tag values are small fixed sets (never ids, channel names or text), so series stay few.
/// </summary>
public static partial class BotTelemetry
{
    public const string Name = "Bot";

    public const string Slack = "slack";
    public const string Discord = "discord";

    /// <summary>How a request reached us: a webhook POST, Slack's Socket Mode, Discord's Gateway.</summary>
    public const string Http = "http";
    public const string SocketMode = "socket_mode";
    public const string Gateway = "gateway";

    /// <summary>Latency buckets in seconds, dense around Slack's and Discord's 3 s deadline.</summary>
    public static readonly double[] LatencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 2.5, 3, 5, 10, 30];

    private static readonly string Version = typeof(BotTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";

    public static readonly ActivitySource Source = new(Name, Version);
    public static readonly Meter Meter = new(Name, Version);

    private static readonly Counter<long> Requests = Meter.CreateCounter<long>(
        "bot.requests", "{request}", "Requests received, by platform, transport and kind (command, event, mention, autocomplete, ping, other).");

    private static readonly Histogram<double> AnswerLatency = Meter.CreateHistogram(
        "bot.answer.duration", "s", "From receipt to the reply posted (or written in the HTTP response).",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });

    private static readonly Counter<long> Answers = Meter.CreateCounter<long>(
        "bot.answers", "{answer}", "Answers the engine gave, by platform and kind (fact, not_found, help, error).");

    private static readonly Counter<long> Abstentions = Meter.CreateCounter<long>(
        "bot.abstentions", "{answer}", "Answers saying the article does not tell (kind not_found), by platform.");

    private static readonly Counter<long> SignatureRejections = Meter.CreateCounter<long>(
        "bot.signature.rejections", "{request}", "Webhook requests refused for a missing, bad or stale signature, by platform.");

    private static readonly Counter<long> Refused = Meter.CreateCounter<long>(
        "bot.requests.refused", "{request}", "Webhook requests refused before they were answered, by endpoint and reason.");

    private static readonly Counter<long> DedupHits = Meter.CreateCounter<long>(
        "bot.dedup.hits", "{request}", "Deliveries dropped as repeats of one already taken, and replies a stalled replica stood down from (kind reply), by platform and kind.");

    private static readonly Counter<long> Feedback = Meter.CreateCounter<long>(
        "bot.feedback", "{vote}", "👍 and 👎 on answers, by platform, vote (helpful, not_helpful) and answer kind.");

    private static readonly Counter<long> PlatformCalls = Meter.CreateCounter<long>(
        "bot.platform.calls", "{call}", "Calls to the Slack or Discord API, by platform, method and HTTP status (network_error: no answer).");

    private static readonly Histogram<double> PlatformCallDuration = Meter.CreateHistogram(
        "bot.platform.call.duration", "s", "Time of one call to the Slack or Discord API, by platform and method.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });

    private static readonly Counter<long> Retries = Meter.CreateCounter<long>(
        "bot.platform.retries", "{retry}", "Platform calls tried again, by platform and reason (rate_limited, server_error, network_error, reply).");

    private static readonly Counter<long> RateLimitWaits = Meter.CreateCounter<long>(
        "bot.platform.rate_limit.waits", "{wait}", "Times a call waited for a platform rate limit, by platform.");

    private static readonly Histogram<double> RateLimitWaitDuration = Meter.CreateHistogram(
        "bot.platform.rate_limit.wait.duration", "s", "How long calls waited for a platform rate limit, by platform.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });

    private static readonly Counter<long> Reconnects = Meter.CreateCounter<long>(
        "bot.connection.reconnects", "{reconnect}", "Socket Mode and Gateway connections opened again, by platform and reason.");

    private static readonly Counter<long> Resumes = Meter.CreateCounter<long>(
        "bot.connection.resumes", "{resume}", "Discord Gateway sessions resumed (RESUMED received), by platform.");

    private static readonly UpDownCounter<long> QueueDepth = Meter.CreateUpDownCounter<long>(
        "bot.queue.depth", "{event}", "Events acknowledged and waiting for a worker, by platform.");

    private static readonly UpDownCounter<long> InFlight = Meter.CreateUpDownCounter<long>(
        "bot.work.in_flight", "{item}", "Accepted work not finished yet (what a stop drains).");

    private static readonly AsyncLocal<RequestTrace?> CurrentRequest = new();

    private static readonly Func<ILogger, string, string, string, IDisposable?> RequestScope =
        LoggerMessage.DefineScope<string, string, string>("{Platform} {Kind} {RequestId}");

    /// <summary>The request being handled on this async flow, if any (set by <see cref="StartRequest"/>).</summary>
    public static RequestTrace? Current => CurrentRequest.Value;

    /// <summary>
    /// Counts a request and opens its span, the root of the request's trace (a child of ASP.NET Core's span on the
    /// webhook paths), plus a log scope naming it. Dispose when the receipt is handled; a reply posted later
    /// continues the trace with <see cref="StartReply"/>.
    /// </summary>
    public static RequestTrace StartRequest(string platform, string transport, string kind, string? requestId = null, ILogger? logger = null)
    {
        Requests.Add(1, new("platform", platform), new("transport", transport), new("kind", kind));
        var activity = Source.StartActivity($"{platform} {kind}", transport == Http ? ActivityKind.Internal : ActivityKind.Server);
        if (activity is not null)
        {
            activity.SetTag("bot.platform", platform);
            activity.SetTag("bot.transport", transport);
            activity.SetTag("bot.request.kind", kind);
            if (requestId is not null)
            {
                activity.SetTag("bot.request.id", requestId);
            }
        }

        var trace = new RequestTrace(platform, transport, kind, activity, Stopwatch.GetTimestamp(), CurrentRequest.Value)
        {
            LogScope = logger is null ? null : RequestScope(logger, platform, kind, requestId ?? activity?.TraceId.ToString() ?? "-"),
        };
        CurrentRequest.Value = trace;
        return trace;
    }

    /// <summary>A span for the reply to <paramref name="request"/>, in its trace, on another flow (a queue worker).</summary>
    public static Activity? StartReply(RequestTrace? request, string name)
    {
        if (request is null)
        {
            return Source.StartActivity(name);
        }

        CurrentRequest.Value = request;
        return Source.StartActivity(name, ActivityKind.Internal, request.Context);
    }

    /// <summary>The field of a queued payload that carries its receipt's trace and transport (removed before it is handled).</summary>
    public const string ReceiptField = "bot_receipt";

    /// <summary>
    /// Writes the current request's trace (W3C traceparent) and transport into a payload about to be queued, which may be
    /// answered by another replica: <see cref="TakeReceipt"/> reads them back there.
    /// </summary>
    public static void StampReceipt(System.Text.Json.Nodes.JsonObject payload)
    {
        if (Current is { } request)
        {
            payload[ReceiptField] = new System.Text.Json.Nodes.JsonObject { ["traceparent"] = request.Activity?.Id, ["transport"] = request.Transport };
        }
    }

    /// <summary>The receipt <see cref="StampReceipt"/> wrote, removed from the payload (unknown: no parent, transport "queue").</summary>
    public static QueuedReceipt TakeReceipt(System.Text.Json.Nodes.JsonObject payload)
    {
        if (payload[ReceiptField] is not System.Text.Json.Nodes.JsonObject receipt)
        {
            return new QueuedReceipt(default, "queue");
        }

        payload.Remove(ReceiptField);
        var parent = receipt["traceparent"]?.GetValue<string>() is { } id && ActivityContext.TryParse(id, null, out var context) ? context : default;
        return new QueuedReceipt(parent, receipt["transport"]?.GetValue<string>() ?? "queue");
    }

    /// <summary>A span for the reply to a queued request, in the request's trace when its receipt carried one.</summary>
    public static Activity? StartReply(QueuedReceipt receipt, string name) =>
        Source.StartActivity(name, ActivityKind.Internal, receipt.Parent);

    /// <summary>Answer latency for a reply made away from its request's flow (a queue worker): from acceptance to the reply.</summary>
    public static void RecordAnswerLatency(string platform, string transport, string kind, TimeSpan elapsed) =>
        AnswerLatency.Record(elapsed.TotalSeconds, new("platform", platform), new("transport", transport), new("kind", kind));

    /// <summary>Runs the engine in its own span and counts the answer by kind (an exception counts as error).</summary>
    public static TAnswer Answer<TAnswer>(string platform, Func<TAnswer> answer, Func<TAnswer, Enum> kindOf)
    {
        using var activity = Source.StartActivity("engine answer");
        try
        {
            var result = answer();
            var kind = KindName(kindOf(result));
            activity?.SetTag("bot.answer.kind", kind);
            RecordAnswer(platform, kind);
            return result;
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            RecordAnswer(platform, "error");
            throw;
        }
    }

    public static void RecordAnswer(string platform, string kind)
    {
        Answers.Add(1, new("platform", platform), new("kind", kind));
        if (kind == "not_found")
        {
            Abstentions.Add(1, new KeyValuePair<string, object?>("platform", platform));
        }
    }

    /// <summary>A refused webhook request; a signature failure also counts in bot.signature.rejections.</summary>
    public static void RecordRefused(string endpoint, string reason)
    {
        Refused.Add(1, new("endpoint", endpoint), new("reason", reason));
        if (reason.Contains("signature", StringComparison.Ordinal))
        {
            SignatureRejections.Add(1, new KeyValuePair<string, object?>("platform", endpoint.Contains(Discord, StringComparison.Ordinal) ? Discord : Slack));
        }
    }

    public static void RecordFeedback(string platform, bool helpful, string answerKind) =>
        Feedback.Add(1, new("platform", platform), new("vote", helpful ? "helpful" : "not_helpful"), new("kind", answerKind));

    public static void RecordDedupHit(string platform, string what) =>
        DedupHits.Add(1, new("platform", platform), new("kind", what));

    /// <summary>Opens a client span for one call to a platform's API; HttpClient's own span becomes its child.</summary>
    public static PlatformCall StartPlatformCall(string platform, string method)
    {
        var activity = Source.StartActivity($"{platform} {method}", ActivityKind.Client);
        activity?.SetTag("bot.platform", platform);
        activity?.SetTag("bot.platform.method", method);
        return new PlatformCall(platform, method, activity, Stopwatch.GetTimestamp());
    }

    public static void RecordRetry(string platform, string reason) =>
        Retries.Add(1, new("platform", platform), new("reason", reason));

    public static void RecordRateLimitWait(string platform, TimeSpan wait)
    {
        RateLimitWaits.Add(1, new KeyValuePair<string, object?>("platform", platform));
        RateLimitWaitDuration.Record(wait.TotalSeconds, new KeyValuePair<string, object?>("platform", platform));
    }

    public static void RecordReconnect(string platform, string reason) =>
        Reconnects.Add(1, new("platform", platform), new("reason", reason));

    public static void RecordResume(string platform) =>
        Resumes.Add(1, new KeyValuePair<string, object?>("platform", platform));

    public static void QueueChanged(string platform, int delta) =>
        QueueDepth.Add(delta, new KeyValuePair<string, object?>("platform", platform));

    public static void InFlightChanged(int delta) => InFlight.Add(delta);

    /// <summary>"NotFound" → "not_found": Prometheus-style label values from an enum's names.</summary>
    public static string KindName(Enum kind) => kind.ToString() switch
    {
        "Fact" => "fact",
        "NotFound" => "not_found",
        "Help" => "help",
        "Error" => "error",
        var other => other.ToLowerInvariant(),
    };

    internal static void RecordLatency(RequestTrace request, TimeSpan elapsed) =>
        AnswerLatency.Record(elapsed.TotalSeconds, new("platform", request.Platform), new("transport", request.Transport), new("kind", request.Kind));

    internal static void RecordCall(PlatformCall call, string status, TimeSpan elapsed)
    {
        PlatformCalls.Add(1, new("platform", call.Platform), new("method", call.Method), new("status", status));
        PlatformCallDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("platform", call.Platform), new KeyValuePair<string, object?>("method", call.Method));
    }

    internal static void Restore(RequestTrace? previous) => CurrentRequest.Value = previous;
}

/// <summary>What a queued request keeps of its receipt: the trace to continue and the transport it came by.</summary>
public readonly record struct QueuedReceipt(ActivityContext Parent, string Transport);

/// <summary>One request from receipt to reply: its span, its log scope, and the clock its answer latency runs on.</summary>
public sealed class RequestTrace : IDisposable
{
    private readonly RequestTrace? previous;
    private int replied;

    internal RequestTrace(string platform, string transport, string kind, Activity? activity, long startedAt, RequestTrace? previous)
    {
        Platform = platform;
        Transport = transport;
        Kind = kind;
        Activity = activity;
        StartedAt = startedAt;
        this.previous = previous;
    }

    public string Platform { get; }
    public string Transport { get; }
    public string Kind { get; }
    public Activity? Activity { get; }
    public long StartedAt { get; }

    /// <summary>The span's context, so a reply on another flow stays in this trace (default when nobody listens).</summary>
    public ActivityContext Context => Activity?.Context ?? default;

    internal IDisposable? LogScope { get; init; }

    /// <summary>The reply went out: records the latency from receipt, once.</summary>
    public void Replied()
    {
        if (Interlocked.Exchange(ref replied, 1) == 0)
        {
            BotTelemetry.RecordLatency(this, Stopwatch.GetElapsedTime(StartedAt));
        }
    }

    public void Dispose()
    {
        LogScope?.Dispose();
        Activity?.Dispose();
        if (ReferenceEquals(BotTelemetry.Current, this))
        {
            BotTelemetry.Restore(previous);
        }
    }
}

/// <summary>One call to a platform API: its client span, counted by status when it ends.</summary>
public sealed class PlatformCall : IDisposable
{
    private readonly long startedAt;
    private int recorded;

    internal PlatformCall(string platform, string method, Activity? activity, long startedAt)
    {
        Platform = platform;
        Method = method;
        Activity = activity;
        this.startedAt = startedAt;
    }

    public string Platform { get; }
    public string Method { get; }
    public Activity? Activity { get; }

    public void Completed(HttpStatusCode status)
    {
        var code = (int)status;
        Activity?.SetTag("http.response.status_code", code);
        if (code >= 400)
        {
            Activity?.SetStatus(ActivityStatusCode.Error);
        }

        Record(code.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public void Failed(Exception error)
    {
        Activity?.SetStatus(ActivityStatusCode.Error, error.GetType().Name);
        Record("network_error");
    }

    public void Dispose()
    {
        Record("cancelled");
        Activity?.Dispose();
    }

    private void Record(string status)
    {
        if (Interlocked.Exchange(ref recorded, 1) == 0)
        {
            BotTelemetry.RecordCall(this, status, Stopwatch.GetElapsedTime(startedAt));
        }
    }
}
