using System.Net;
using System.Text;
using Bot.Runtime;
using Bot.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Discord.Tests;

/// <summary>Unsigned, forged and broken requests to /discord/interactions: refused cheaply, quietly, never answered.</summary>
public class HostileTrafficTests
{
    private const string Body = """{"id":"787053080478613555","application_id":"123","token":"tok","type":2,"version":1,"data":{"name":"who-left","type":1}}""";

    [Fact]
    public async Task UnsignedAndForgedInteractionsGet401AndNoLogLineAboveDebug()
    {
        await using var fake = await FakeDiscord.StartAsync();
        var engine = new RecordingEngine();
        await using var bot = await BotUnderTest.StartAsync(fake, gateway: false, http: true, engine: engine);
        var refused = bot.App.Services.GetRequiredService<RefusedRequests>();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString();
        string[] forgeries =
        [
            "",                                                 // no signature
            new string('0', 128),                               // the right length, wrong bytes
            new string('z', 128),                               // not hex
            "abc",                                              // too short
            BotUnderTest.Sign(now, Body + " "),                 // signed for another body
            "g" + new string('0', 127),                        // one non-hex digit
        ];

        await bot.Logs.WaitAsync(l => l.Contains("CommandRegistrar", StringComparison.Ordinal), what: "start-up done");
        var before = bot.Logs.Count;
        foreach (var forgery in forgeries)
        {
            for (var i = 0; i < 10; i++)
            {
                var request = new HttpRequestMessage(HttpMethod.Post, "/discord/interactions") { Content = new StringContent(Body, Encoding.UTF8, "application/json") };
                if (forgery.Length > 0)
                {
                    request.Headers.TryAddWithoutValidation("X-Signature-Ed25519", forgery);
                    request.Headers.TryAddWithoutValidation("X-Signature-Timestamp", now);
                }

                using var response = await bot.Http.SendAsync(request);
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            }
        }

        Assert.Equal(10 * forgeries.Length, refused.Total);
        Assert.Empty(engine.Requests);
        Assert.DoesNotContain(fake.Calls.Snapshot(), c => c.Path.Contains("/callback", StringComparison.Ordinal));
        // The recorder keeps Information and up: not one line for sixty refusals, and no stack trace.
        Assert.DoesNotContain(
            bot.Logs.Snapshot().Skip(before),
            l => l.Contains(" Bot.Discord", StringComparison.Ordinal) || l.Contains(" Bot.Runtime", StringComparison.Ordinal) || l.Contains("   at ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AClientHangingUpMidBodyIsNotAnErrorAndNeverAnswered()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await BotUnderTest.StartAsync(fake, gateway: false, http: true);
        var refused = bot.App.Services.GetRequiredService<RefusedRequests>();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString();

        var status = await RawHttp.PostCutOffAsync(
            bot.Http.BaseAddress!,
            "/discord/interactions",
            [("Content-Type", "application/json"), ("X-Signature-Ed25519", BotUnderTest.Sign(now, Body)), ("X-Signature-Timestamp", now)],
            Body[..(Body.Length / 2)],
            Body.Length,
            Recorder<string>.DefaultTimeout);

        Assert.NotEqual(200, status);
        var deadline = DateTime.UtcNow + Recorder<string>.DefaultTimeout;
        while (refused.Total < 1)
        {
            Assert.True(DateTime.UtcNow < deadline, "the cut-off request was not counted");
            await Task.Delay(20);
        }

        Assert.DoesNotContain(bot.Logs.Snapshot(), l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Warning Bot.", StringComparison.Ordinal));
        Assert.DoesNotContain(fake.Calls.Snapshot(), c => c.Path.Contains("/callback", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AClientHangingUpMidBodyLeavesNoStackTraceInTheServicesLog()
    {
        await using var service = Bot.TestSupport.BotHostProcess.Start(new Dictionary<string, string>
        {
            ["Discord__PublicKey"] = BotUnderTest.PublicKeyHex,
            ["Discord__ApplicationId"] = "123",
            ["Discord__ApiBaseUrl"] = "http://127.0.0.1:9/api/v10",
        });
        var root = await service.ListeningAsync(Recorder<string>.DefaultTimeout);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString();

        for (var i = 0; i < 3; i++)
        {
            await RawHttp.PostCutOffAsync(
                root,
                "/discord/interactions",
                [("Content-Type", "application/json"), ("X-Signature-Ed25519", BotUnderTest.Sign(now, Body)), ("X-Signature-Timestamp", now)],
                Body[..(Body.Length / 2)],
                Body.Length,
                Recorder<string>.DefaultTimeout);
        }

        // A signed, whole request after them: the service still answers, and by then the cut-off ones are done with.
        using var http = new HttpClient { BaseAddress = root };
        using var healthy = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.OK, healthy.StatusCode);
        await service.TerminateAsync(Recorder<string>.DefaultTimeout);

        Assert.DoesNotContain(service.StandardError, l => l.Contains("   at ", StringComparison.Ordinal) || l.Contains("fail:", StringComparison.Ordinal));
    }
}
