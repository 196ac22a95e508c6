using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Bot.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Host.Tests;

/// <summary>
/// The real service (<see cref="BotHost.BuildService"/>) on 127.0.0.1:0 in Slack HTTP mode, with its log lines kept.
/// Nothing on the slash-command path calls Slack; the API base is a closed port so the start-up auth.test fails at once.
/// </summary>
internal sealed class ServiceUnderTest : IAsyncDisposable
{
    /// <summary>Generous: the machine is shared; every wait is for a state, never a fixed sleep.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private const string SigningSecret = "host-tests-signing-secret";

    private ServiceUnderTest(WebApplication app, LogRecorder logs)
    {
        App = app;
        Logs = logs;
        Http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()), Timeout = Timeout };
    }

    public WebApplication App { get; }
    public HttpClient Http { get; }
    public LogRecorder Logs { get; }

    public static string Responses => Path.Combine(AppContext.BaseDirectory, "responses");

    public static async Task<ServiceUnderTest> StartAsync(IAnswerEngine? engine = null, IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Slack:BotToken"] = "xoxb-host-tests",
            ["Slack:SigningSecret"] = SigningSecret,
            ["Slack:AppToken"] = "",
            ["Slack:ApiBaseUrl"] = "http://127.0.0.1:9/api/",
            ["Discord:Token"] = "",
            ["Discord:PublicKey"] = "",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var app = BotHost.BuildService(["--urls", "http://127.0.0.1:0"], settings, engine);
        var logs = new LogRecorder();
        app.Services.GetRequiredService<ILoggerFactory>().AddProvider(logs);
        await app.StartAsync();
        return new ServiceUnderTest(app, logs);
    }

    /// <summary>A slash command as Slack POSTs it in HTTP mode, signed with the service's secret (HMAC-SHA256, "v0:ts:body").</summary>
    public Task<HttpResponseMessage> PostSlashCommandAsync(string command, string text)
    {
        var body = $"token=x&team_id=T1&team_domain=tests&channel_id=C1&channel_name=tests&user_id=U1&user_name=tester" +
                   $"&command={Uri.EscapeDataString(command)}&text={Uri.EscapeDataString(text)}" +
                   "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1%2F1%2Fx&trigger_id=1.2.3";
        var bytes = Encoding.UTF8.GetBytes(body);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signed = Encoding.UTF8.GetBytes($"v0:{timestamp}:").Concat(bytes).ToArray();
        var signature = "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(SigningSecret), signed));

        var request = new HttpRequestMessage(HttpMethod.Post, "/slack/events") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-www-form-urlencoded");
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", signature);
        return Http.SendAsync(request);
    }

    public async Task<(HttpStatusCode Status, string Body)> ReadyzAsync()
    {
        using var response = await Http.GetAsync(new Uri("/readyz", UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Polls /readyz until it answers <paramref name="status"/>; fails only after <see cref="Timeout"/>.</summary>
    public async Task<string> WaitForReadyzAsync(HttpStatusCode status)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            var (current, body) = await ReadyzAsync();
            if (current == status)
            {
                return body;
            }

            Assert.True(DateTime.UtcNow < deadline, $"/readyz stayed {(int)current} ({body.Trim()}), expected {(int)status}");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

/// <summary>Every log line the service writes, with its category and level.</summary>
internal sealed class LogRecorder : ILoggerProvider
{
    public sealed record Line(string Category, LogLevel Level, string Message);

    public ConcurrentQueue<Line> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogRecorder recorder, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            recorder.Lines.Enqueue(new Line(category, logLevel, formatter(state, exception)));
    }
}
