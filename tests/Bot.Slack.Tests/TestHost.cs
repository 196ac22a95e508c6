using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Bot.Engine;
using Bot.Host;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Slack.Tests;

/// <summary>The real host (BotHost.BuildService) on 127.0.0.1:0, pointed at a <see cref="FakeSlack"/>.</summary>
public sealed class TestHost : IAsyncDisposable
{
    /// <summary>Generous: the machine is shared and loaded; every wait is on a signal, never a sleep.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    public const string SigningSecret = "8f742231b10e8888abcd99yyyzzz85a5";

    private TestHost(WebApplication app, string root, System.Collections.Concurrent.ConcurrentQueue<string> logs)
    {
        App = app;
        Root = root;
        Logs = logs;
        Http = new HttpClient { BaseAddress = new Uri(root), Timeout = Timeout };
    }

    public WebApplication App { get; }

    /// <summary>Log lines at the configured level ("Warning" by default), as "Level Category: message".</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Logs { get; }
    public string Root { get; }
    public HttpClient Http { get; }

    public static async Task<TestHost> StartAsync(
        FakeSlack fake, bool socketMode = true, bool httpMode = false, IAnswerEngine? engine = null, IDictionary<string, string?>? extra = null, Action<IServiceCollection>? services = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Slack:BotToken"] = FakeSlack.BotToken,
            ["Slack:ApiBaseUrl"] = fake.BaseUrl,
            ["Logging:LogLevel:Default"] = "Warning",
            // One connection, so a test's events go where it sends them; SocketConnectionsTests opens several.
            ["Slack:SocketConnections"] = "1",
        };
        if (socketMode)
        {
            settings["Slack:AppToken"] = FakeSlack.AppToken;
        }

        if (httpMode)
        {
            settings["Slack:SigningSecret"] = SigningSecret;
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var app = BotHost.BuildService(["--urls", "http://127.0.0.1:0"], settings, engine, services);
        var logs = new System.Collections.Concurrent.ConcurrentQueue<string>();
        app.Services.GetRequiredService<ILoggerFactory>().AddProvider(new RecordingLoggerProvider(logs));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestHost(app, address.TrimEnd('/'), logs);
    }

    /// <summary>Signs like Slack does, computed here independently of the adapter's own code.</summary>
    public static string Sign(string timestamp, byte[] body, string secret = SigningSecret)
    {
        var message = Encoding.UTF8.GetBytes($"v0:{timestamp}:").Concat(body).ToArray();
        return "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message));
    }

    public static string Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    public Task<HttpResponseMessage> PostSignedAsync(string body, string contentType, string? timestamp = null, string? signature = null, IDictionary<string, string>? headers = null)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var ts = timestamp ?? Now();
        var request = new HttpRequestMessage(HttpMethod.Post, "/slack/events") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        request.Headers.Add("X-Slack-Request-Timestamp", ts);
        request.Headers.Add("X-Slack-Signature", signature ?? Sign(ts, bytes));
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.Add(name, value);
        }

        return Http.SendAsync(request);
    }

    /// <summary>Polls /readyz until it gives <paramref name="status"/>: waiting on a state, not asserting on time.</summary>
    public async Task WaitForReadyzAsync(int status)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            using var response = await Http.GetAsync("/readyz");
            if ((int)response.StatusCode == status)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"/readyz stayed {(int)response.StatusCode}, expected {status}");
            }

            await Task.Delay(50);
        }
    }

    public static async Task<T> Within<T>(Task<T> task) => await task.WaitAsync(Timeout);

    /// <summary>Waits for a state the adapter reaches on its own; fails only after the generous timeout.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached in time");
            await Task.Delay(20);
        }
    }

    public static async Task<JsonObject> NextPostAsync(FakeSlack fake) => await Within(fake.Posts.Reader.ReadAsync().AsTask());

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

internal sealed class RecordingLoggerProvider(System.Collections.Concurrent.ConcurrentQueue<string> logs) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new RecordingLogger(logs, categoryName);

    public void Dispose()
    {
    }

    private sealed class RecordingLogger(System.Collections.Concurrent.ConcurrentQueue<string> logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logs.Enqueue($"{logLevel} {category}: {formatter(state, exception)}" + (exception is null ? "" : "\n" + exception));
    }
}

/// <summary>A clock fixed at one instant (the verifier's only dependency).</summary>
public sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
