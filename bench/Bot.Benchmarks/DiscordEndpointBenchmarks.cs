using System.Text;
using BenchmarkDotNet.Attributes;
using Bot.Discord;
using Bot.Host;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using NSec.Cryptography;

namespace Bot.Benchmarks;

/// <summary>
/// One <c>POST /discord/interactions</c> through the real endpoint (the host's services, words only), without Kestrel: a
/// signed <c>/who-left</c> command with a fresh interaction id each time (the bot answers an id once, so every request
/// needs its own id and so its own signature), and the same with a bad signature. Signing happens inside each
/// measurement: <see cref="SignOnly"/> is that part, to subtract.
/// </summary>
[MemoryDiagnoser]
public class DiscordEndpointBenchmarks
{
    // RFC 8032, TEST 1: the key pair bench/discord/make_requests.py signs with.
    private const string PublicKeyHex = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    private static readonly byte[] Seed = Convert.FromHexString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    private const string Timestamp = "1608597133";

    private WebApplication _app = null!;
    private Func<HttpContext, Task> _handle = null!;
    private Key _key = null!;
    private long _id = 900_000_000_000_000_000;

    [GlobalSetup]
    public void Setup()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Discord:PublicKey"] = PublicKeyHex,
            ["Discord:ApplicationId"] = "1100000000000000001",
            ["Content:ModelPath"] = "none",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        _app = BotHost.BuildService(["--urls", "http://127.0.0.1:0"], settings);
        _handle = _app.Services.GetRequiredService<InteractionsEndpoint>().HandleAsync;
        _key = Key.Import(SignatureAlgorithm.Ed25519, Seed, KeyBlobFormat.RawPrivateKey);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _key.Dispose();
        _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true)]
    public HttpContext SignOnly() => Request(spoil: false);

    [Benchmark]
    public async Task<int> WhoLeftSigned()
    {
        var context = Request(spoil: false);
        await _handle(context);
        return context.Response.StatusCode;
    }

    [Benchmark]
    public async Task<int> WhoLeftBadSignature()
    {
        var context = Request(spoil: true);
        await _handle(context);
        return context.Response.StatusCode;
    }

    /// <summary>A /who-left command as Discord sends it, with the next interaction id, signed (or not quite).</summary>
    private HttpContext Request(bool spoil)
    {
        var id = Interlocked.Increment(ref _id);
        var body = Encoding.UTF8.GetBytes(
            $$$"""{"id":"{{{id}}}","application_id":"1100000000000000001","type":2,"token":"tok{{{id}}}","version":1,"channel_id":"645027906669510667","guild_id":"290926798626357999","member":{"user":{"id":"53908232506183680","username":"Mason"}},"data":{"id":"771825006014889984","name":"who-left","type":1}}""");
        var signature = SignatureAlgorithm.Ed25519.Sign(_key, [.. Encoding.UTF8.GetBytes(Timestamp), .. body]);
        if (spoil)
        {
            signature[^1] ^= 1;
        }

        var context = new DefaultHttpContext();
        var request = context.Request;
        request.Method = "POST";
        request.Path = InteractionsEndpoint.Path;
        request.ContentType = "application/json";
        request.ContentLength = body.Length;
        request.Headers["X-Signature-Ed25519"] = Convert.ToHexStringLower(signature);
        request.Headers["X-Signature-Timestamp"] = Timestamp;
        request.Body = new MemoryStream(body, writable: false);
        context.Response.Body = Stream.Null;
        return context;
    }
}
