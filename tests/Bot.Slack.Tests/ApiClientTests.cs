using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Bot.Slack.Tests;

/// <summary>The Web API client on its own, against the fake Slack's real HTTP endpoints.</summary>
public class ApiClientTests
{
    private sealed class ListLogger<T> : ILogger<T>
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Enqueue($"{logLevel}: {formatter(state, exception)}");
    }

    private static (SlackApiClient Client, ListLogger<SlackApiClient> Log, HttpClient Http) Client(FakeSlack fake)
    {
        var log = new ListLogger<SlackApiClient>();
        var http = new HttpClient();
        var options = new SlackOptions { BotToken = FakeSlack.BotToken, AppToken = FakeSlack.AppToken, ApiBaseUrl = new Uri(fake.BaseUrl) };
        return (new SlackApiClient(http, options, TimeProvider.System, log), log, http);
    }

    private static JsonObject Message(string channel) => new() { ["channel"] = channel, ["text"] = "hi" };

    [Fact]
    public async Task Ok_false_is_returned_and_logged_with_its_error_code()
    {
        await using var fake = await FakeSlack.StartAsync();
        var (client, log, http) = Client(fake);
        using var _ = http;

        var result = await client.PostMessageAsync(Message("CNOTIN"), CancellationToken.None);

        Assert.False(result.Ok);
        Assert.Equal("not_in_channel", result.Error);
        Assert.Contains(log.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("chat.postMessage") && l.Contains("not_in_channel"));
        Assert.Equal(1, fake.CountCalls("chat.postMessage"));
    }

    [Fact]
    public async Task Transient_5xx_is_retried_then_succeeds()
    {
        await using var fake = await FakeSlack.StartAsync();
        fake.FailNextPosts = 2;
        var (client, _, http) = Client(fake);
        using var __ = http;

        var result = await client.PostMessageAsync(Message("C1"), CancellationToken.None);

        Assert.True(result.Ok);
        Assert.Equal(3, fake.CountCalls("chat.postMessage"));
    }

    [Fact]
    public async Task Persistent_5xx_gives_up_after_a_bounded_number_of_retries()
    {
        await using var fake = await FakeSlack.StartAsync();
        fake.FailNextPosts = 100;
        var (client, log, http) = Client(fake);
        using var _ = http;

        var result = await client.PostMessageAsync(Message("C1"), CancellationToken.None);

        Assert.False(result.Ok);
        Assert.Equal("http_503", result.Error);
        Assert.Equal(1 + SlackApiClient.MaxTransientRetries, fake.CountCalls("chat.postMessage"));
        Assert.Contains(log.Lines, l => l.Contains("http_503"));
    }

    [Fact]
    public async Task Rate_limit_waits_for_retry_after()
    {
        await using var fake = await FakeSlack.StartAsync();
        fake.RateLimitNextPosts = 1;
        var (client, _, http) = Client(fake);
        using var _ = http;

        var started = DateTime.UtcNow;
        var result = await client.PostMessageAsync(Message("C1"), CancellationToken.None);

        Assert.True(result.Ok);
        Assert.Equal(2, fake.CountCalls("chat.postMessage"));
        // Retry-After: 1 was honoured (a lower bound only: a slow machine only makes this larger).
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(0.9));
    }

    [Fact]
    public async Task A_failed_response_url_is_never_logged()
    {
        var log = new ListLogger<SlackApiClient>();
        using var http = new HttpClient();
        var options = new SlackOptions { BotToken = FakeSlack.BotToken, ApiBaseUrl = new Uri("http://127.0.0.1:9/api/") };
        var client = new SlackApiClient(http, options, TimeProvider.System, log);

        var ok = await client.PostToResponseUrlAsync(new Uri("http://127.0.0.1:9/commands/T1/397700885554/96rGlfmibIGlgcZRskXaIFfN"), Message("C1"), CancellationToken.None);

        Assert.False(ok);
        Assert.NotEmpty(log.Lines);
        Assert.DoesNotContain(log.Lines, l => l.Contains("96rGlfmib", StringComparison.Ordinal) || l.Contains("/commands/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unreachable_slack_fails_without_throwing()
    {
        var log = new ListLogger<SlackApiClient>();
        using var http = new HttpClient();
        var options = new SlackOptions { BotToken = FakeSlack.BotToken, ApiBaseUrl = new Uri("http://127.0.0.1:9/api/") };
        var result = await new SlackApiClient(http, options, TimeProvider.System, log).AuthTestAsync(CancellationToken.None);
        Assert.False(result.Ok);
        Assert.Equal("request_failed", result.Error);
    }
}
