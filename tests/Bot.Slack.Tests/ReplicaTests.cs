using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Bot.TestSupport;
using StackExchange.Redis;

namespace Bot.Slack.Tests;

[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisServer>
{
    public const string Name = "redis";
}

/// <summary>
/// Replicas of the real service (Bot.Host processes) sharing one real redis-server, answering HTTP Events from the fake
/// Slack: each event is answered exactly once, whichever replica gets it, across restarts and a kill -9.
/// </summary>
[Collection(RedisCollection.Name)]
public class ReplicaTests(RedisServer redis)
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(120);
    private const int Partitions = 4; // Slack:EventWorkers' default: the streams slack-events:0..3.

    [Fact]
    public async Task Two_replicas_kill_9_of_one_during_a_burst_every_mention_answered_exactly_once()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        const int mentions = 60;
        var prefix = RedisServer.NewPrefix();
        await using var fake = await FakeSlack.StartAsync();
        fake.PostDelay = TimeSpan.FromMilliseconds(200);
        await using var doomed = StartReplica(fake, prefix);
        await using var survivor = StartReplica(fake, prefix);
        using var doomedHttp = new HttpClient { BaseAddress = await doomed.ListeningAsync(TestHost.Timeout) };
        using var survivorHttp = new HttpClient { BaseAddress = await survivor.ListeningAsync(TestHost.Timeout) };
        using var watch = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);

        // The first half to either replica (each acked with a 200)…
        for (var i = 0; i < mentions / 2; i++)
        {
            await AckedAsync(i % 2 == 0 ? doomedHttp : survivorHttp, Mention(i));
        }

        // …and the moment the doomed replica is working on something, kill -9 it.
        var doomedConsumer = $"{Environment.MachineName}-{doomed.Id}-";
        await Eventually.WaitUntilAsync(async () => await new WorkStreams(prefix, "slack-events", Partitions).PendingWithAsync(watch.GetDatabase(), doomedConsumer) > 0, "the doomed replica to take work", Generous);
        var inHand = await new WorkStreams(prefix, "slack-events", Partitions).PendingWithAsync(watch.GetDatabase(), doomedConsumer);
        await doomed.KillAsync(TestHost.Timeout);
        var killed = Stopwatch.StartNew();

        // The rest of the burst to the survivor.
        for (var i = mentions / 2; i < mentions; i++)
        {
            await AckedAsync(survivorHttp, Mention(i));
        }

        var takeOver = await survivor.LogLineAsync("Took over", Generous);
        var tookOverAfter = killed.Elapsed;
        await Eventually.WaitUntilAsync(() => Task.FromResult(fake.Thread.Select(ThreadOf).Distinct().Count() >= mentions), "every mention answered", Generous);
        // Nothing left in Redis (every entry answered and XACKed): no repeat can still come.
        await Eventually.WaitUntilAsync(async () => await new WorkStreams(prefix, "slack-events", Partitions).QueuedAsync(watch.GetDatabase()) == 0, "the streams to empty", Generous);

        var answers = fake.Thread.Select(ThreadOf).ToList();
        var doubled = answers.Count - answers.Distinct().Count();
        var lost = Enumerable.Range(0, mentions).Count(i => !answers.Contains(Ts(i)));
        Console.WriteLine($"kill -9 of one of two replicas: {mentions} mentions sent and acked, {answers.Distinct().Count()} answered, {doubled} doubled, {lost} lost; "
            + $"{inHand} in the killed replica's hands; the survivor took over after {tookOverAfter.TotalSeconds:F1} s (Redis:TakeOverAfter 3 s)");
        Assert.Equal(0, lost);
        Assert.Equal(0, doubled);
        Assert.Contains("Took over", takeOver, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_replicas_sigstop_of_one_past_takeover_then_sigcont_every_mention_answered_exactly_once()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        const int mentions = 40;
        var prefix = RedisServer.NewPrefix();
        await using var fake = await FakeSlack.StartAsync();
        fake.PostDelay = TimeSpan.FromMilliseconds(200);
        await using var stalled = StartReplica(fake, prefix, takeOverAfter: "00:00:02");
        await using var other = StartReplica(fake, prefix, takeOverAfter: "00:00:02");
        using var stalledHttp = new HttpClient { BaseAddress = await stalled.ListeningAsync(TestHost.Timeout) };
        using var otherHttp = new HttpClient { BaseAddress = await other.ListeningAsync(TestHost.Timeout) };
        using var watch = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var streams = new WorkStreams(prefix, "slack-events", Partitions);

        for (var i = 0; i < mentions / 2; i++)
        {
            await AckedAsync(i % 2 == 0 ? stalledHttp : otherHttp, Mention(i));
        }

        // The moment the replica is working on something, stop it (SIGSTOP: alive, but frozen, as in a long GC pause)...
        var stalledConsumer = $"{Environment.MachineName}-{stalled.Id}-";
        await Eventually.WaitUntilAsync(async () => await streams.PendingWithAsync(watch.GetDatabase(), stalledConsumer) > 0, "the replica to take work", Generous);
        var inHand = await streams.PendingWithAsync(watch.GetDatabase(), stalledConsumer);
        await SignalAsync("-STOP", stalled.Id);
        try
        {
            for (var i = mentions / 2; i < mentions; i++)
            {
                await AckedAsync(otherHttp, Mention(i));
            }

            // ...until the other replica has taken its work over (Redis:TakeOverAfter 2 s), and a while after.
            await other.LogLineAsync("Took over", Generous);
            await Task.Delay(TimeSpan.FromSeconds(3));
        }
        finally
        {
            await SignalAsync("-CONT", stalled.Id);
        }

        await Eventually.WaitUntilAsync(() => Task.FromResult(fake.Thread.Select(ThreadOf).Distinct().Count() >= mentions), "every mention answered", Generous);
        await Eventually.WaitUntilAsync(async () => await streams.QueuedAsync(watch.GetDatabase()) == 0, "the streams to empty", Generous);
        // Room for a late repeat to show, were there one.
        await Task.Delay(TimeSpan.FromSeconds(2));

        var answers = fake.Thread.Select(ThreadOf).ToList();
        var doubled = answers.Count - answers.Distinct().Count();
        var lost = Enumerable.Range(0, mentions).Count(i => !answers.Contains(Ts(i)));
        var stoodDown = stalled.StandardError.Concat(other.StandardError).Count(l => l.Contains("Stood down from", StringComparison.Ordinal));
        Console.WriteLine($"SIGSTOP of one of two replicas past Redis:TakeOverAfter (2 s), then SIGCONT: {mentions} mentions acked, {answers.Distinct().Count()} answered, "
            + $"{doubled} doubled, {lost} lost; {inHand} in the stopped replica's hands, {stoodDown} stand-down(s) logged");
        Assert.Equal(0, lost);
        Assert.Equal(0, doubled);
    }

    [Fact]
    public async Task A_slack_retry_after_a_restart_is_answered_once()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var prefix = RedisServer.NewPrefix();
        await using var fake = await FakeSlack.StartAsync();
        var first = StartReplica(fake, prefix);
        await using (first)
        {
            using var http = new HttpClient { BaseAddress = await first.ListeningAsync(TestHost.Timeout) };
            await AckedAsync(http, Payloads.AppMentionCallback("EvRestart", "<@U0BOT> who left?", ts: "9.1", channel: "C1"));
            await Eventually.WaitUntilAsync(() => Task.FromResult(fake.Thread.Any(m => ThreadOf(m) == "9.1")), "the first answer", Generous);
            await first.TerminateAsync(TestHost.Timeout);
        }

        await using var second = StartReplica(fake, prefix);
        using var secondHttp = new HttpClient { BaseAddress = await second.ListeningAsync(TestHost.Timeout) };
        var restarted = Stopwatch.StartNew();
        // Slack did not see our first ack in time and retries, now to the restarted service: acked, not answered again.
        await AckedAsync(secondHttp, Payloads.AppMentionCallback("EvRestart", "<@U0BOT> who left?", ts: "9.1", channel: "C1"), retryNum: 1);
        // A later event in the same channel is worked off after the retry would have been: its answer closes the window.
        await AckedAsync(secondHttp, Payloads.AppMentionCallback("EvAfter", "<@U0BOT> summary", ts: "9.2", channel: "C1"));
        await Eventually.WaitUntilAsync(() => Task.FromResult(fake.Thread.Any(m => ThreadOf(m) == "9.2")), "the later answer", Generous);

        var answers = fake.Thread.Count(m => ThreadOf(m) == "9.1");
        Console.WriteLine($"Slack retry after a restart: answered {answers} time(s) (the retry acked and dropped by its event_id; the next event answered {restarted.Elapsed.TotalMilliseconds:F0} ms after the restart)");
        Assert.Equal(1, answers);
    }

    [Fact]
    public async Task The_same_events_delivered_to_both_replicas_are_answered_once()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        const int events = 20;
        var prefix = RedisServer.NewPrefix();
        await using var fake = await FakeSlack.StartAsync();
        await using var a = StartReplica(fake, prefix);
        await using var b = StartReplica(fake, prefix);
        using var httpA = new HttpClient { BaseAddress = await a.ListeningAsync(TestHost.Timeout) };
        using var httpB = new HttpClient { BaseAddress = await b.ListeningAsync(TestHost.Timeout) };
        using var watch = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);

        for (var i = 0; i < events; i++)
        {
            // As during a Socket Mode refresh or a retry that lands on the other replica: both get it at once.
            var callback = Mention(i);
            await Task.WhenAll(AckedAsync(httpA, callback), AckedAsync(httpB, callback, retryNum: 1));
        }

        await Eventually.WaitUntilAsync(() => Task.FromResult(fake.Thread.Select(ThreadOf).Distinct().Count() >= events), "every event answered", Generous);
        await Eventually.WaitUntilAsync(async () => await new WorkStreams(prefix, "slack-events", Partitions).QueuedAsync(watch.GetDatabase()) == 0, "the streams to empty", Generous);
        Assert.Equal(events, fake.Thread.Count);
    }

    [Fact]
    public async Task A_follow_up_is_understood_by_the_other_replica()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var prefix = RedisServer.NewPrefix();
        await using var fake = await FakeSlack.StartAsync();
        var first = StartReplica(fake, prefix);
        await using (first)
        {
            using var http = new HttpClient { BaseAddress = await first.ListeningAsync(TestHost.Timeout) };
            await AckedAsync(http, Payloads.AppMentionCallback("EvQ1", "<@U0BOT> what did khan say?", ts: "5.1", channel: "C1"));
            await Eventually.WaitUntilAsync(() => Task.FromResult(fake.Thread.Any(m => ThreadOf(m) == "5.1")), "the first answer", Generous);
            await first.TerminateAsync(TestHost.Timeout);
        }

        // The replica that answered is gone: only the shared memory knows who "he" is.
        await using var other = StartReplica(fake, prefix);
        using var otherHttp = new HttpClient { BaseAddress = await other.ListeningAsync(TestHost.Timeout) };
        await AckedAsync(otherHttp, Payloads.AppMentionCallback("EvQ2", "<@U0BOT> where did he say it?", ts: "5.2", threadTs: "5.1", channel: "C1"));
        await AckedAsync(otherHttp, Payloads.AppMentionCallback("EvQ3", "<@U0BOT> where did he say it?", ts: "6.1", channel: "C1"));
        await Eventually.WaitUntilAsync(() => Task.FromResult(fake.Thread.Count(m => ThreadOf(m) == "5.1") == 2 && fake.Thread.Any(m => ThreadOf(m) == "6.1")), "both answers", Generous);

        var answers = fake.Thread.Where(m => ThreadOf(m) == "5.1").Select(m => m.ToJsonString()).ToList();
        Assert.Contains("friends", answers[0], StringComparison.Ordinal);
        Assert.Contains("Facebook", answers[1], StringComparison.Ordinal);
        // The same words in a new thread have nothing to follow on from.
        Assert.DoesNotContain("Facebook", fake.Thread.Single(m => ThreadOf(m) == "6.1").ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redis_going_away_leaves_events_unacked_says_so_once_and_the_service_carries_on_when_it_is_back()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var outage = new RedisServer();
        var port = outage.Port;
        await using var fake = await FakeSlack.StartAsync();
        await using var replica = StartReplica(fake, RedisServer.NewPrefix(), outage.Configuration);
        using var http = new HttpClient { BaseAddress = await replica.ListeningAsync(TestHost.Timeout) };
        await AckedAsync(http, Payloads.AppMentionCallback("EvBefore", "<@U0BOT> who left?", ts: "4.1", channel: "C1"));
        await Eventually.WaitUntilAsync(() => Task.FromResult(fake.Thread.Any(m => ThreadOf(m) == "4.1")), "the answer before the outage", Generous);

        outage.Dispose();
        var during = Payloads.AppMentionCallback("EvDuring", "<@U0BOT> summary", ts: "4.2", channel: "C1");
        // Not acked (a 503), so Slack delivers it again; /readyz says why.
        await Eventually.WaitUntilAsync(async () => await SendSignedAsync(http, during, 0) == HttpStatusCode.ServiceUnavailable, "an event refused while Redis is away", Generous);
        await Eventually.WaitUntilAsync(async () => (await ReadyAsync(http)).Contains("redis: Unhealthy", StringComparison.Ordinal), "/readyz to report Redis", Generous);

        using var back = RedisServer.OnPort(port);
        await Eventually.WaitUntilAsync(async () => !(await ReadyAsync(http)).Contains("redis: Unhealthy", StringComparison.Ordinal), "/readyz to see Redis again", Generous);
        // Slack's redelivery of the refused event: taken and answered once.
        await AckedAsync(http, during, retryNum: 2);
        await Eventually.WaitUntilAsync(() => Task.FromResult(fake.Thread.Any(m => ThreadOf(m) == "4.2")), "the refused event answered after the outage", Generous);

        Assert.Equal(1, fake.Thread.Count(m => ThreadOf(m) == "4.2"));
        Assert.Equal(1, replica.StandardError.Count(l => l.Contains("is unavailable", StringComparison.Ordinal)));
        Assert.DoesNotContain(replica.StandardError, l => l.Contains("Unhandled exception", StringComparison.Ordinal));
    }

    private static async Task SignalAsync(string signal, int pid)
    {
        using var kill = Process.Start("kill", [signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    private static async Task<string> ReadyAsync(HttpClient http)
    {
        using var response = await http.GetAsync("/readyz");
        return await response.Content.ReadAsStringAsync();
    }

    /// <param name="takeOverAfter">
    /// Short, so the kill -9 test sees a takeover within seconds. A live replica stalled longer than this (a machine at a
    /// load average of 15, SIGSTOP) is taken for dead too, and the post fence keeps it from answering what was taken over.
    /// </param>
    private BotHostProcess StartReplica(FakeSlack fake, string prefix, string? configuration = null, string takeOverAfter = "00:00:03") => BotHostProcess.Start(new Dictionary<string, string>
    {
        ["Slack__BotToken"] = FakeSlack.BotToken,
        ["Slack__SigningSecret"] = TestHost.SigningSecret,
        ["Slack__ApiBaseUrl"] = fake.BaseUrl,
        ["Redis__Configuration"] = configuration ?? redis.Configuration,
        ["Redis__KeyPrefix"] = prefix,
        ["Redis__TakeOverAfter"] = takeOverAfter,
    });

    private static string Ts(int i) => $"7.{i}";

    private static string Mention(int i) => Payloads.AppMentionCallback($"EvR{i}", "<@U0BOT> who left?", ts: Ts(i), channel: $"C{i % 8}");

    private static string ThreadOf(JsonObject message) => (string?)message["thread_ts"] ?? "";

    /// <summary>
    /// Delivered as Slack delivers: a 503 (a replica still connecting to Redis, or one that can't take work right now)
    /// is not an ack, so the event comes again, marked as a retry, until it is acked.
    /// </summary>
    private static async Task AckedAsync(HttpClient http, string callback, int retryNum = 0)
    {
        var deadline = Stopwatch.StartNew();
        HttpStatusCode status;
        while ((status = await SendSignedAsync(http, callback, retryNum)) == HttpStatusCode.ServiceUnavailable && deadline.Elapsed < Generous)
        {
            retryNum++;
            await Task.Delay(100);
        }

        Assert.Equal(HttpStatusCode.OK, status);
    }

    private static async Task<HttpStatusCode> SendSignedAsync(HttpClient http, string callback, int retryNum)
    {
        var body = Encoding.UTF8.GetBytes(callback);
        var ts = TestHost.Now();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/slack/events") { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        request.Headers.Add("X-Slack-Request-Timestamp", ts);
        request.Headers.Add("X-Slack-Signature", TestHost.Sign(ts, body));
        if (retryNum > 0)
        {
            request.Headers.Add("X-Slack-Retry-Num", retryNum.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add("X-Slack-Retry-Reason", "http_timeout");
        }

        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
