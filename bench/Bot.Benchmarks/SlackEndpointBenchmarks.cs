using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Bot.Host;
using Bot.Slack;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Benchmarks;

/// <summary>
/// One <c>POST /slack/events</c> through the real endpoint (the host's services, words only), without Kestrel: a signed
/// <c>/who-left</c> slash command as the peers harness sends it, the same with a bad signature, and the HttpContext alone
/// (the part of each figure that is the benchmark's own). The clock is fixed, so the signatures never go stale.
/// </summary>
[MemoryDiagnoser]
public class SlackEndpointBenchmarks
{
    private const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";
    private const long Timestamp = 1_764_540_000;

    // The form of ../shared/peers/load/gen.js.
    private static readonly byte[] WhoLeftBody = Encoding.UTF8.GetBytes(
        "token=gIkuvaNzQIHg97ATvDxqgjtO&team_id=T0001ABCDEF&team_domain=westminster&channel_id=C2147483705"
        + "&channel_name=general&user_id=U2147483697&user_name=hansard&command=%2Fwho-left&text=&api_app_id=A0KRD7HC3"
        + "&is_enterprise_install=false&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT0001ABCDEF%2F1234567890123%2F0Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op"
        + "&trigger_id=13345224609.738474920.8088930838d88f008e0");

    private WebApplication _app = null!;
    private Func<HttpContext, Task> _handle = null!;
    private string _signature = "";
    private string _badSignature = "";

    [GlobalSetup]
    public void Setup()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = Secret,
            ["Slack:BotToken"] = "xoxb-0000000001-0000000002-rigBotTokenForTestsOnly",
            ["Slack:ApiBaseUrl"] = "http://127.0.0.1:9/api/",
            ["Content:ModelPath"] = "none",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        _app = BotHost.BuildService(["--urls", "http://127.0.0.1:0"], settings, services: s => s.AddSingleton<TimeProvider>(new FixedClock()));
        var endpoint = _app.Services.GetRequiredService<SlackHttpEndpoint>();
        _handle = endpoint.HandleAsync;
        var message = Encoding.UTF8.GetBytes($"v0:{Timestamp}:").Concat(WhoLeftBody).ToArray();
        _signature = "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), message));
        _badSignature = _signature[..^1] + (_signature[^1] == '0' ? '1' : '0');
    }

    [GlobalCleanup]
    public void Cleanup() => _app.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true)]
    public HttpContext ContextOnly() => Request(_signature);

    [Benchmark]
    public async Task<int> WhoLeftSigned()
    {
        var context = Request(_signature);
        await _handle(context);
        return context.Response.StatusCode;
    }

    [Benchmark]
    public async Task<int> WhoLeftBadSignature()
    {
        var context = Request(_badSignature);
        await _handle(context);
        return context.Response.StatusCode;
    }

    private static HttpContext Request(string signature)
    {
        var context = new DefaultHttpContext();
        var request = context.Request;
        request.Method = "POST";
        request.Path = "/slack/events";
        request.ContentType = "application/x-www-form-urlencoded";
        request.ContentLength = WhoLeftBody.Length;
        request.Headers["X-Slack-Request-Timestamp"] = "1764540000";
        request.Headers["X-Slack-Signature"] = signature;
        request.Body = new MemoryStream(WhoLeftBody, writable: false);
        context.Response.Body = Stream.Null;
        return context;
    }

    private sealed class FixedClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeSeconds(Timestamp);
    }
}
