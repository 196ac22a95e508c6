using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bot.Discord.Tests;

/// <summary>The REST client against the fake's REST routes: rate-limit headers, 429s and 5xx retries.</summary>
public class RestClientTests
{
    private static DiscordRestClient Client(FakeDiscord fake, Recorder<string>? logs = null) => new(
        new HttpClient(),
        new DiscordOptions { Token = "test-token", ApplicationId = FakeDiscord.ApplicationId, ApiBaseUrl = new Uri(fake.RestUrl) },
        TimeProvider.System,
        logs is null ? NullLogger<DiscordRestClient>.Instance : new RecordingLogger<DiscordRestClient>(logs));

    private static readonly JsonObject Hello = new() { ["content"] = "hi", ["allowed_mentions"] = new JsonObject { ["parse"] = new JsonArray() } };

    [Fact]
    public async Task SendsBotAuthorizationAndDiscordUserAgent()
    {
        await using var fake = await FakeDiscord.StartAsync();

        var response = await Client(fake).SendAsync(HttpMethod.Post, "/channels/435923868503506954/messages", Hello, CancellationToken.None);

        Assert.True(response.IsSuccess);
        var call = Assert.Single(fake.Calls.Snapshot());
        Assert.Equal("Bot test-token", call.Authorization);
        Assert.Matches(@"^DiscordBot \(https?://[^,]+, [0-9.]+\)", call.UserAgent);
    }

    [Fact]
    public async Task EmptyBucketWaitsForItsReset()
    {
        await using var fake = await FakeDiscord.StartAsync();
        fake.RespondOnce("POST", "/messages", 200, """{"id":"1"}""",
            ("X-RateLimit-Bucket", "abcd1234"), ("X-RateLimit-Limit", "5"), ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset-After", "0.5"));
        var client = Client(fake);

        await client.SendAsync(HttpMethod.Post, "/channels/435923868503506954/messages", Hello, CancellationToken.None);
        await client.SendAsync(HttpMethod.Post, "/channels/435923868503506954/messages", Hello, CancellationToken.None);
        // Another channel is another bucket (major parameter), so it does not wait.
        await client.SendAsync(HttpMethod.Post, "/channels/435923868503506955/messages", Hello, CancellationToken.None);

        var calls = fake.Calls.Snapshot();
        Assert.Equal(3, calls.Count);
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromMilliseconds(480), $"second request after {(calls[1].At - calls[0].At).TotalMilliseconds} ms");
    }

    [Fact]
    public async Task GlobalRateLimitHoldsEveryRoute()
    {
        await using var fake = await FakeDiscord.StartAsync();
        fake.RespondOnce("POST", "/messages", 429, """{"message":"You are being rate limited.","retry_after":0.5,"global":true}""",
            ("X-RateLimit-Global", "true"), ("X-RateLimit-Scope", "global"), ("Retry-After", "1"));
        var logs = new Recorder<string>();
        var client = Client(fake, logs);

        var first = client.SendAsync(HttpMethod.Post, "/channels/435923868503506954/messages", Hello, CancellationToken.None);
        await logs.WaitAsync(l => l.Contains("rate limit"), what: "the 429 being seen");
        var other = await client.SendAsync(HttpMethod.Get, "/gateway/bot", null, CancellationToken.None);
        var retried = await first;

        Assert.True(retried.IsSuccess);
        Assert.True(other.IsSuccess);
        var calls = fake.Calls.Snapshot();
        var limitedAt = calls[0].At;
        Assert.All(calls.Skip(1), c => Assert.True(c.At - limitedAt >= TimeSpan.FromMilliseconds(480), $"{c} went out {(c.At - limitedAt).TotalMilliseconds} ms after the 429"));
    }

    [Fact]
    public async Task CloudflareStyle429WithOnlyRetryAfterHeader()
    {
        await using var fake = await FakeDiscord.StartAsync();
        fake.RespondOnce("GET", "/gateway/bot", 429, "", ("Retry-After", "0.3"));

        var response = await Client(fake).SendAsync(HttpMethod.Get, "/gateway/bot", null, CancellationToken.None);

        Assert.True(response.IsSuccess);
        var calls = fake.Calls.Snapshot();
        Assert.Equal(2, calls.Count);
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromMilliseconds(280));
    }

    [Fact]
    public async Task ServerErrorsAreRetriedABoundedNumberOfTimes()
    {
        await using var fake = await FakeDiscord.StartAsync();
        fake.RespondOnce("GET", "/gateway/bot", 502, "");
        fake.RespondOnce("GET", "/gateway/bot", 503, "");
        var client = Client(fake);

        Assert.True((await client.SendAsync(HttpMethod.Get, "/gateway/bot", null, CancellationToken.None)).IsSuccess);
        Assert.Equal(3, fake.Calls.Count);

        for (var i = 0; i < 6; i++)
        {
            fake.RespondOnce("POST", "/channels/1/messages", 500, """{"message":"oops","code":0}""");
        }

        var failed = await client.SendAsync(HttpMethod.Post, "/channels/1/messages", Hello, CancellationToken.None);
        Assert.Equal(HttpStatusCode.InternalServerError, failed.Status);
        Assert.Equal(4, fake.Calls.Snapshot().Count(c => c.Path == "/channels/1/messages"));
    }

    [Fact]
    public async Task ClientErrorsAreNotRetriedAndCarryDiscordsCode()
    {
        await using var fake = await FakeDiscord.StartAsync();
        fake.RespondOnce("POST", "/threads", 403, """{"message":"Missing Permissions","code":50013}""");

        var response = await Client(fake).SendAsync(HttpMethod.Post, "/channels/1/messages/2/threads", new JsonObject { ["name"] = "x" }, CancellationToken.None);

        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
        Assert.Equal(50013, response.ErrorCode);
        Assert.Equal(1, fake.Calls.Count);
    }

    /// <summary>Answers every request at once with a rate-limit bucket per channel, as Discord does.</summary>
    private sealed class BucketHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"id":"1"}""") };
            response.Headers.Add("X-RateLimit-Bucket", "abcd1234");
            response.Headers.Add("X-RateLimit-Remaining", "4");
            response.Headers.Add("X-RateLimit-Reset-After", "1");
            return Task.FromResult(response);
        }
    }

    [Fact]
    public async Task RateLimitStateIsPrunedOnceItsWindowsArePast()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var client = new DiscordRestClient(
            new HttpClient(new BucketHandler()),
            new DiscordOptions { Token = "test-token", ApplicationId = FakeDiscord.ApplicationId, ApiBaseUrl = new Uri("http://127.0.0.1:9/api/v10") },
            clock,
            NullLogger<DiscordRestClient>.Instance);

        // 300 channels: 300 routes and buckets (the channel is the major parameter), all live.
        for (var i = 0; i < 300; i++)
        {
            await client.SendAsync(HttpMethod.Post, $"/channels/{1_000_000_000 + i}/messages", Hello, CancellationToken.None);
        }

        Assert.Equal(300, client.BucketCount);
        Assert.Equal(300, client.RouteCount);

        // Long after their windows: the next prune forgets them.
        clock.Advance(TimeSpan.FromMinutes(2));
        for (var i = 0; i < DiscordRestClient.PruneEvery; i++)
        {
            await client.SendAsync(HttpMethod.Post, "/channels/2000000000/messages", Hello, CancellationToken.None);
        }

        Assert.InRange(client.BucketCount, 1, 2);
        Assert.InRange(client.RouteCount, 1, 2);
    }
}

public sealed class RecordingLogger<T>(Recorder<string> logs) : ILogger<T>
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        logs.Add($"{logLevel}: {formatter(state, exception)}");
}
