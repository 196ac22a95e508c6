using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Bot.Runtime.Telemetry;
using Bot.TestSupport;

namespace Bot.Slack.Tests;

/// <summary>One trace per request: receipt, the engine and the platform call (with HttpClient's span under it).</summary>
public class TracingTests
{
    [Fact]
    public async Task A_mention_is_one_trace_from_receipt_through_the_engine_to_chat_postMessage()
    {
        using var recorder = new SpanRecorder("System.Net.Http");
        var spans = recorder.Spans;

        await using var fake = await FakeSlack.StartAsync();
        await using var host = await TestHost.StartAsync(fake, socketMode: false, httpMode: true);
        const string eventId = "EvTraced0001";
        using (var ack = await host.PostSignedAsync(Payloads.AppMentionCallback(eventId, "<@U0BOT> who left?", ts: "1355517523.000777"), "application/json"))
        {
            Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        }

        using var timeout = new CancellationTokenSource(TestHost.Timeout);
        await fake.Posts.Reader.ReadAsync(timeout.Token);

        // The reply span ends after the post; wait for it (a signal in the span queue, not a sleep).
        var request = await WaitForAsync(spans, s => s.Source.Name == BotTelemetry.Name && (string?)s.GetTagItem("bot.request.id") == eventId, timeout.Token);
        var post = await WaitForAsync(spans, s => s.TraceId == request.TraceId && s.OperationName == "slack chat.postMessage", timeout.Token);
        var engine = await WaitForAsync(spans, s => s.TraceId == request.TraceId && s.OperationName == "engine answer", timeout.Token);
        var http = await WaitForAsync(spans, s => s.TraceId == request.TraceId && s.Source.Name == "System.Net.Http" && s.ParentSpanId == post.SpanId, timeout.Token);
        var reply = await WaitForAsync(spans, s => s.TraceId == request.TraceId && s.OperationName == "slack reply", timeout.Token);

        Assert.Equal("slack", request.GetTagItem("bot.platform"));
        Assert.Equal("http", request.GetTagItem("bot.transport"));
        Assert.Equal("event", request.GetTagItem("bot.request.kind"));
        Assert.Equal(request.SpanId, reply.ParentSpanId);
        Assert.Equal(reply.SpanId, engine.ParentSpanId);
        Assert.Equal(reply.SpanId, post.ParentSpanId);
        Assert.Equal(ActivityKind.Client, post.Kind);
        Assert.Equal("fact", engine.GetTagItem("bot.answer.kind"));
        Assert.Equal(ActivityKind.Client, http.Kind);
    }

    [Fact]
    public async Task A_slash_command_traces_the_engine_under_the_request()
    {
        using var recorder = new SpanRecorder();
        var spans = recorder.Spans;

        await using var fake = await FakeSlack.StartAsync();
        await using var host = await TestHost.StartAsync(fake, socketMode: false, httpMode: true);
        using (var response = await host.PostSignedAsync(Payloads.CommandForm("/who-left", "traced"), "application/x-www-form-urlencoded"))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        using var timeout = new CancellationTokenSource(TestHost.Timeout);
        var request = await WaitForAsync(spans, s => s.OperationName == "slack command" && s.Tags.Any(t => t.Key == "bot.transport" && t.Value == "http"), timeout.Token);
        var engine = await WaitForAsync(spans, s => s.TraceId == request.TraceId && s.OperationName == "engine answer", timeout.Token);
        Assert.Equal(request.SpanId, engine.ParentSpanId);
    }

    private static async Task<Activity> WaitForAsync(ConcurrentQueue<Activity> spans, Func<Activity, bool> match, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (spans.FirstOrDefault(match) is { } found)
            {
                return found;
            }

            await Task.Delay(20, cancellationToken);
        }
    }
}
