using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Bot.Discord.Tests;

/// <summary>POST /discord/interactions on the real host, with requests signed by the RFC 8032 TEST 1 key.</summary>
public class HttpInteractionTests
{
    internal static string Command(string id, string name, string? option = null, string? value = null) =>
        new JsonObject
        {
            ["id"] = id,
            ["application_id"] = FakeDiscord.ApplicationId,
            ["type"] = 2,
            ["token"] = "token-" + id,
            ["version"] = 1,
            ["channel_id"] = "645027906669510667",
            ["guild_id"] = "290926798626357999",
            ["member"] = new JsonObject { ["user"] = new JsonObject { ["id"] = "53908232506183680", ["username"] = "Mason" } },
            ["data"] = new JsonObject
            {
                ["id"] = "771825006014889984",
                ["name"] = name,
                ["type"] = 1,
                ["options"] = option is null ? new JsonArray() : new JsonArray(new JsonObject { ["type"] = 3, ["name"] = option, ["value"] = value }),
            },
        }.ToJsonString();

    [Fact]
    public async Task PingGetsPong()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await BotUnderTest.StartAsync(fake, gateway: false, http: true);

        var response = await bot.PostInteractionAsync("""{"id":"787053080478613555","token":"ThisIsATokenFromDiscordThatIsVeryLong","type":1,"version":1}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"type":1}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task BadRequestsGetClearStatuses()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await BotUnderTest.StartAsync(fake, gateway: false, http: true);
        const string body = """{"id":"1","token":"t","type":1,"version":1}""";
        var timestamp = "1608597133";
        var signature = BotUnderTest.Sign(timestamp, body);

        async Task<HttpStatusCode> Post(string content, string? sig, string? ts)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/discord/interactions") { Content = new StringContent(content, Encoding.UTF8, "application/json") };
            if (sig is not null)
            {
                request.Headers.TryAddWithoutValidation("X-Signature-Ed25519", sig);
            }

            if (ts is not null)
            {
                request.Headers.TryAddWithoutValidation("X-Signature-Timestamp", ts);
            }

            return (await bot.Http.SendAsync(request)).StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await Post(body, signature, timestamp));
        Assert.Equal(HttpStatusCode.Unauthorized, await Post(body.Replace("\"t\"", "\"u\""), signature, timestamp));
        Assert.Equal(HttpStatusCode.Unauthorized, await Post(body, signature, "1608597134"));
        Assert.Equal(HttpStatusCode.Unauthorized, await Post(body, signature[..^1] + (signature[^1] == '0' ? '1' : '0'), timestamp));
        Assert.Equal(HttpStatusCode.Unauthorized, await Post(body, "zzzz", timestamp));
        Assert.Equal(HttpStatusCode.Unauthorized, await Post(body, signature[..64], timestamp));
        Assert.Equal(HttpStatusCode.Unauthorized, await Post(body, null, timestamp));
        Assert.Equal(HttpStatusCode.Unauthorized, await Post(body, signature, null));

        // Validly signed but not an interaction: 400, after the signature check.
        const string notJson = "this is not json";
        Assert.Equal(HttpStatusCode.BadRequest, await Post(notJson, BotUnderTest.Sign(timestamp, notJson), timestamp));
        const string noType = """{"id":"2"}""";
        Assert.Equal(HttpStatusCode.BadRequest, await Post(noType, BotUnderTest.Sign(timestamp, noType), timestamp));

        var huge = "{\"type\":1,\"pad\":\"" + new string('x', 300_000) + "\"}";
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, await Post(huge, BotUnderTest.Sign(timestamp, huge), timestamp));
    }

    [Fact]
    public async Task WhoLeftIsAnsweredWithAnEmbed()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await BotUnderTest.StartAsync(fake, gateway: false, http: true);

        var response = await bot.PostInteractionAsync(Command("786008729715212338", "who-left"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await BotUnderTest.ReadJsonAsync(response);
        Assert.Equal(4, (int)json["type"]!);
        var data = json["data"]!;
        Assert.Equal("[]", data["allowed_mentions"]!["parse"]!.ToJsonString());
        Assert.False(string.IsNullOrEmpty((string?)data["content"]));
        var embed = data["embeds"]![0]!.ToJsonString();
        foreach (var name in Names.Seven)
        {
            Assert.Contains(name, embed);
        }
    }

    [Fact]
    public async Task AutocompleteSuggestsCorbyn()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await BotUnderTest.StartAsync(fake, gateway: false, http: true);
        var body = """
            {"id":"787053080478613556","application_id":"123","token":"tok","type":4,"version":1,
             "data":{"id":"816437322781949972","name":"reaction","type":1,
                     "options":[{"type":3,"name":"who","value":"cor","focused":true}]}}
            """;

        var response = await bot.PostInteractionAsync(body);

        var json = await BotUnderTest.ReadJsonAsync(response);
        Assert.Equal(8, (int)json["type"]!);
        var choices = json["data"]!["choices"]!.AsArray();
        Assert.InRange(choices.Count, 1, 25);
        Assert.Contains(choices, c => ((string)c!["name"]!).Contains("Corbyn"));
    }

    [Fact]
    public async Task ARepeatedInteractionIsAnsweredOnce()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await BotUnderTest.StartAsync(fake, gateway: false, http: true);
        var body = Command("786008729715212339", "summary");

        var first = await bot.PostInteractionAsync(body);
        var second = await bot.PostInteractionAsync(body);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
    }

    [Fact]
    public async Task HostileOptionTextNeverPings()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await BotUnderTest.StartAsync(fake, gateway: false, http: true);

        var response = await bot.PostInteractionAsync(Command("786008729715212340", "reaction", "who", "@everyone <@53908232506183680> **bold** " + new string('x', 5000)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await BotUnderTest.ReadJsonAsync(response);
        var data = json["data"]!;
        Assert.Equal("[]", data["allowed_mentions"]!["parse"]!.ToJsonString());
        Assert.DoesNotContain("@everyone", data.ToJsonString());
        Assert.DoesNotContain("<@53908232506183680>", (string?)data["content"] ?? "");
    }

    [Fact]
    public async Task ASlowAnswerIsDeferredThenEdited()
    {
        await using var fake = await FakeDiscord.StartAsync();
        var engine = new GatedEngine();
        await using var bot = await BotUnderTest.StartAsync(fake, gateway: false, http: true, engine: engine,
            extra: new() { ["Discord:DeferAfterMs"] = "200" });

        var response = await bot.PostInteractionAsync(Command("786008729715212341", "summary"));
        var json = await BotUnderTest.ReadJsonAsync(response);
        Assert.Equal(5, (int)json["type"]!);

        engine.Release();
        var edit = await fake.Calls.WaitAsync(c => c.Method == "PATCH", what: "the @original edit");
        Assert.Equal($"/webhooks/{FakeDiscord.ApplicationId}/token-786008729715212341/messages/@original", edit.Path);
        Assert.Contains("Slow but sure", edit.Body!.ToJsonString());
        Assert.Equal("[]", edit.Body!["allowed_mentions"]!["parse"]!.ToJsonString());
    }

    [Fact]
    public async Task AFailingEngineGetsAnEphemeralApologyNotA500()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await BotUnderTest.StartAsync(fake, gateway: false, http: true, engine: new FailingEngine());

        var response = await bot.PostInteractionAsync(Command("786008729715212342", "who-left"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await BotUnderTest.ReadJsonAsync(response);
        Assert.Equal(4, (int)json["type"]!);
        Assert.Equal(64, (int)json["data"]!["flags"]!);
        Assert.Contains("Sorry", (string)json["data"]!["content"]!);

        var autocomplete = await bot.PostInteractionAsync(
            """{"id":"787053080478613599","application_id":"123","token":"tok","type":4,"version":1,"data":{"name":"reaction","type":1,"options":[{"type":3,"name":"who","value":"","focused":true}]}}""");
        var choices = await BotUnderTest.ReadJsonAsync(autocomplete);
        Assert.Equal(8, (int)choices["type"]!);
        Assert.Empty(choices["data"]!["choices"]!.AsArray());
    }
}

public static class Names
{
    public static readonly string[] Seven = ["Umunna", "Berger", "Gapes", "Leslie", "Coffey", "Smith", "Shuker"];
}
