using System.Text;
using System.Text.Json.Nodes;
using Bot.Engine;
using Bot.Host;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NSec.Cryptography;

namespace Bot.Discord.Tests;

/// <summary>The real host, started on 127.0.0.1 against a <see cref="FakeDiscord"/>, with its log lines captured.</summary>
public sealed class BotUnderTest : IAsyncDisposable
{
    /// <summary>RFC 8032 §7.1 TEST 1: the public key the host trusts, and the seed the tests sign with.</summary>
    public const string PublicKeyHex = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    public const string SeedHex = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";

    private BotUnderTest(WebApplication app, Recorder<string> logs)
    {
        App = app;
        Logs = logs;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Http = new HttpClient { BaseAddress = new Uri(address) };
    }

    public WebApplication App { get; }
    public HttpClient Http { get; }
    public Recorder<string> Logs { get; }

    public static async Task<BotUnderTest> StartAsync(
        FakeDiscord fake, bool gateway = true, bool http = false, IAnswerEngine? engine = null, Dictionary<string, string?>? extra = null, Action<IServiceCollection>? services = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Discord:Token"] = gateway ? "test-token" : "",
            ["Discord:ApplicationId"] = FakeDiscord.ApplicationId,
            ["Discord:ApiBaseUrl"] = fake.RestUrl,
            ["Discord:GatewayUrl"] = fake.GatewayUrl,
            ["Discord:PublicKey"] = http ? PublicKeyHex : "",
            ["Slack:BotToken"] = "",
            ["Slack:AppToken"] = "",
            ["Slack:SigningSecret"] = "",
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        var app = BotHost.BuildService(["--urls", "http://127.0.0.1:0"], settings, engine, services);
        var logs = new Recorder<string>();
        app.Services.GetRequiredService<ILoggerFactory>().AddProvider(new RecordingLoggerProvider(logs));
        await app.StartAsync();
        return new BotUnderTest(app, logs);
    }

    /// <summary>POSTs a body to /discord/interactions signed as Discord would sign it.</summary>
    public Task<HttpResponseMessage> PostInteractionAsync(string body, string? timestamp = null)
    {
        timestamp ??= DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString();
        var request = new HttpRequestMessage(HttpMethod.Post, "/discord/interactions")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Signature-Ed25519", Sign(timestamp, body));
        request.Headers.Add("X-Signature-Timestamp", timestamp);
        return Http.SendAsync(request);
    }

    public static string Sign(string timestamp, string body)
    {
        using var key = Key.Import(SignatureAlgorithm.Ed25519, Convert.FromHexString(SeedHex), KeyBlobFormat.RawPrivateKey);
        return Convert.ToHexStringLower(SignatureAlgorithm.Ed25519.Sign(key, Encoding.UTF8.GetBytes(timestamp + body)));
    }

    public static async Task<JsonObject> ReadJsonAsync(HttpResponseMessage response) =>
        (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await App.StopAsync(timeout.Token);
        await App.DisposeAsync();
        Http.Dispose();
    }

    private sealed class RecordingLoggerProvider(Recorder<string> logs) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new RecordingLogger(logs, categoryName);

        public void Dispose()
        {
        }
    }

    private sealed class RecordingLogger(Recorder<string> logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logs.Add($"{logLevel} {category}: {formatter(state, exception)}");
    }
}
