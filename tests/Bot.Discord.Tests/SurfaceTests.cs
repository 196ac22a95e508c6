using System.Net;
using System.Text.Json.Nodes;
using Bot.Engine.Answers;
using Bot.Runtime.Feedback;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Discord.Tests;

/// <summary>
/// Buttons under answers, clicks on them (MESSAGE_COMPONENT), the "Ask the fact bot" message command, the help in the
/// interaction's language, and a user-installed app: on the real host, over HTTP and the Gateway, payloads shaped as
/// Discord's documentation has them.
/// </summary>
public sealed class SurfaceTests : IDisposable
{
    private const string GuildId = "290926798626357999";
    private const string ChannelId = "645027906669510667";
    private const string UserId = "53908232506183680";
    private const string TargetMessageId = "1168345123456789012";

    private readonly string feedbackPath = Path.Combine(Path.GetTempPath(), $"factbot-feedback-{Guid.NewGuid():N}.jsonl");

    public void Dispose() => File.Delete(feedbackPath);

    private Dictionary<string, string?> Settings(Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?> { ["Feedback:Path"] = feedbackPath };
        foreach (var (key, value) in more ?? [])
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>Where an interaction comes from: a server that installed the app, someone's user install, or a DM.</summary>
    internal enum Place
    {
        GuildInstall,
        UserInstallInAServer,
        BotDm,
    }

    /// <summary>The fields every interaction shares, as Discord sends them for each place.</summary>
    private static JsonObject Interaction(string id, int type, JsonObject data, Place place = Place.GuildInstall, string? locale = "en-US")
    {
        var interaction = new JsonObject
        {
            ["id"] = id,
            ["application_id"] = FakeDiscord.ApplicationId,
            ["type"] = type,
            ["token"] = "token-" + id,
            ["version"] = 1,
            ["channel_id"] = ChannelId,
            ["data"] = data,
            ["app_permissions"] = "442368",
        };
        if (locale is not null)
        {
            interaction["locale"] = locale;
        }

        var user = new JsonObject { ["id"] = UserId, ["username"] = "Mason", ["discriminator"] = "0" };
        switch (place)
        {
            case Place.GuildInstall:
                interaction["guild_id"] = GuildId;
                interaction["member"] = new JsonObject { ["user"] = user, ["roles"] = new JsonArray(), ["permissions"] = "2248473465835073" };
                interaction["authorizing_integration_owners"] = new JsonObject { ["0"] = GuildId };
                interaction["context"] = 0;
                break;
            case Place.UserInstallInAServer:
                // Only the person installed the app: the owners map names the user, not the server; the bot is not there.
                interaction["guild_id"] = GuildId;
                interaction["member"] = new JsonObject { ["user"] = user, ["roles"] = new JsonArray(), ["permissions"] = "2248473465835073" };
                interaction["authorizing_integration_owners"] = new JsonObject { ["1"] = UserId };
                interaction["context"] = 0;
                break;
            case Place.BotDm:
                interaction["user"] = user;
                interaction["authorizing_integration_owners"] = new JsonObject { ["1"] = UserId };
                interaction["context"] = 1;
                interaction["channel"] = new JsonObject { ["id"] = ChannelId, ["type"] = 1 };
                break;
        }

        return interaction;
    }

    private static JsonObject SlashCommand(string id, string name, Place place = Place.GuildInstall, string? locale = "en-US", string? option = null, string? value = null) =>
        Interaction(id, 2, new JsonObject
        {
            ["id"] = "771825006014889984",
            ["name"] = name,
            ["type"] = 1,
            ["options"] = option is null ? new JsonArray() : new JsonArray(new JsonObject { ["type"] = 3, ["name"] = option, ["value"] = value }),
        }, place, locale);

    /// <summary>The message command on a message: data.target_id and data.resolved.messages.</summary>
    private static JsonObject AskAboutMessage(string id, string content, Place place = Place.GuildInstall) =>
        Interaction(id, 2, new JsonObject
        {
            ["id"] = "1168345000000000001",
            ["name"] = "Ask the fact bot",
            ["type"] = 3,
            ["target_id"] = TargetMessageId,
            ["resolved"] = new JsonObject
            {
                ["messages"] = new JsonObject
                {
                    [TargetMessageId] = new JsonObject
                    {
                        ["id"] = TargetMessageId,
                        ["channel_id"] = ChannelId,
                        ["type"] = 0,
                        ["content"] = content,
                        ["author"] = new JsonObject { ["id"] = "80351110224678912", ["username"] = "Nelly" },
                        ["embeds"] = new JsonArray(),
                        ["attachments"] = new JsonArray(),
                        ["mentions"] = new JsonArray(),
                        ["timestamp"] = "2026-11-30T19:00:00.000000+00:00",
                    },
                },
            },
        }, place);

    /// <summary>A click: data.custom_id and component_type 2 (button), and the message the button is on.</summary>
    private static JsonObject Click(string id, string customId, JsonObject? message, Place place = Place.GuildInstall)
    {
        var click = Interaction(id, 3, new JsonObject { ["custom_id"] = customId, ["component_type"] = 2 }, place);
        if (message is not null)
        {
            click["message"] = message;
        }

        return click;
    }

    /// <summary>The message Discord made of a response's data, as a click's payload carries it.</summary>
    private static JsonObject MessageOf(JsonNode data, string messageId = "1168349999999999999") => new()
    {
        ["id"] = messageId,
        ["channel_id"] = ChannelId,
        ["type"] = 20,
        ["content"] = data["content"]?.DeepClone(),
        ["embeds"] = data["embeds"]?.DeepClone() ?? new JsonArray(),
        ["components"] = data["components"]?.DeepClone() ?? new JsonArray(),
        ["flags"] = data["flags"]?.DeepClone() ?? 0,
        ["author"] = new JsonObject { ["id"] = FakeDiscord.BotUserId, ["username"] = "ArticleBot", ["bot"] = true },
        ["application_id"] = FakeDiscord.ApplicationId,
    };

    private static List<JsonObject> Buttons(JsonNode data) =>
        [.. data["components"]!.AsArray().SelectMany(row => row!["components"]!.AsArray()).Select(b => b!.AsObject())];

    private static string IdOf(JsonNode data, AnswerAction action) =>
        (string)Buttons(data).Single(b => AnswerActions.TryRead((string?)b["custom_id"], out var c) && c.Action == action)["custom_id"]!;

    private static async Task<JsonObject> PostAsync(BotUnderTest bot, JsonObject interaction)
    {
        var response = await bot.PostInteractionAsync(interaction.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await BotUnderTest.ReadJsonAsync(response);
    }

    private List<JsonObject> FeedbackLines() =>
        File.Exists(feedbackPath) ? [.. File.ReadAllLines(feedbackPath).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!.AsObject())] : [];

    [Fact]
    public async Task AnAnswersButtonsAreClickedOverHttpSourceFeedbackAndExpired()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await BotUnderTest.StartAsync(fake, gateway: false, http: true, extra: Settings());

        var answer = await PostAsync(bot, SlashCommand("786008729715212501", "reaction", option: "who", value: "corbyn"));
        var data = answer["data"]!;
        var row = Assert.Single(data["components"]!.AsArray())!;
        Assert.Equal(1, (int)row["type"]!);
        var buttons = Buttons(data);
        Assert.InRange(buttons.Count, 1, 5);
        Assert.All(buttons, b =>
        {
            Assert.Equal(2, (int)b["type"]!);
            Assert.Contains((int)b["style"]!, new[] { 1, 2 });
            Assert.InRange(((string)b["custom_id"]!).Length, 1, 100);
        });
        // A public answer: Source, 👍 and 👎, no Share.
        Assert.Equal(["Source", null, null], buttons.Select(b => (string?)b["label"]));
        Assert.Equal(["👍", "👎"], buttons.Skip(1).Select(b => (string)b["emoji"]!["name"]!));
        Assert.DoesNotContain(buttons, b => (string?)b["label"] == "Share");

        // Source: the whole article sentences, privately.
        var source = await PostAsync(bot, Click("786008729715212502", IdOf(data, AnswerAction.Source), MessageOf(data)));
        Assert.Equal(4, (int)source["type"]!);
        Assert.Equal(64, (int)source["data"]!["flags"]!);
        Assert.StartsWith("From the article", (string)source["data"]!["content"]!);
        var quoted = (string)source["data"]!["embeds"]![0]!["description"]!;
        Assert.StartsWith("> ", quoted);
        Assert.Contains("Corbyn", quoted);

        // 👍: recorded with the question, the kind and the fact-set entries, the person as an opaque id; thanked privately.
        var vote = await PostAsync(bot, Click("786008729715212503", IdOf(data, AnswerAction.Helpful), MessageOf(data)));
        Assert.Equal(64, (int)vote["data"]!["flags"]!);
        Assert.Contains("Thanks, noted", vote["data"]!.ToJsonString());
        var entry = Assert.Single(FeedbackLines());
        Assert.Equal("discord", (string)entry["platform"]!);
        Assert.True((bool)entry["helpful"]!);
        Assert.Equal("fact", (string)entry["answerKind"]!);
        Assert.Equal("/reaction corbyn", (string)entry["question"]!);
        Assert.Contains("corbyn", entry["topics"]!.ToJsonString());
        Assert.DoesNotContain(UserId, entry.ToJsonString());

        // Anything else: a private "expired", never an error.
        foreach (var (id, stale) in new[] { ("786008729715212504", "fb0.up|f|1||old"), ("786008729715212505", "someone-elses-button"), ("786008729715212506", "") })
        {
            var expired = await PostAsync(bot, Click(id, stale, MessageOf(data)));
            Assert.Equal(4, (int)expired["type"]!);
            Assert.Equal(64, (int)expired["data"]!["flags"]!);
            Assert.Contains("expired", expired["data"]!.ToJsonString());
        }

        Assert.Single(FeedbackLines());
        Assert.DoesNotContain(fake.Calls.Snapshot(), c => c.Path.StartsWith("/channels") || c.Path.StartsWith("/webhooks"));
    }

    [Fact]
    public async Task AVoteIsThankedWithinThreeSecondsEvenWhenTheStoreHangs()
    {
        await using var fake = await FakeDiscord.StartAsync();
        var store = new HangingFeedbackStore();
        await using var bot = await BotUnderTest.StartAsync(fake, gateway: false, http: true, extra: Settings(),
            services: s => s.AddSingleton<IFeedbackStore>(store));
        var answer = await PostAsync(bot, SlashCommand("786008729715212561", "who-left"));

        var started = System.Diagnostics.Stopwatch.StartNew();
        var vote = await PostAsync(bot, Click("786008729715212562", IdOf(answer["data"]!, AnswerAction.Helpful), MessageOf(answer["data"]!)));

        // The store still hangs (it would for 30 s), so the thanks came from the bounded wait, not the store.
        // The wait itself leaves Discord's 3 s deadline a margin; wall-clock overhead on a loaded CI
        // machine is not what this test is about, so the upper bound is only "well before the store".
        Assert.False(store.Release.Task.IsCompleted);
        Assert.InRange(started.Elapsed, ClickHandler.FeedbackWait, TimeSpan.FromSeconds(20));
        Assert.True(ClickHandler.FeedbackWait <= TimeSpan.FromSeconds(2), "the feedback wait must leave room in Discord's 3 s deadline");
        Assert.Contains("Thanks, noted", vote["data"]!.ToJsonString());
        Assert.Equal(64, (int)vote["data"]!["flags"]!);
        Assert.Equal(1, store.Adds);
        store.Release.SetResult();
    }

    private sealed class HangingFeedbackStore : IFeedbackStore
    {
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Adds;

        public async Task AddAsync(FeedbackEntry entry, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Adds);
            await Release.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        }

        public Task<IReadOnlyList<FeedbackEntry>> ReadSinceAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<FeedbackEntry>>([]);
    }

    [Fact]
    public async Task AClickWithAForgedOrStaleSignatureIsRefused()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await BotUnderTest.StartAsync(fake, gateway: false, http: true, extra: Settings());
        var answer = await PostAsync(bot, SlashCommand("786008729715212511", "who-left"));
        var body = Click("786008729715212512", IdOf(answer["data"]!, AnswerAction.NotHelpful), MessageOf(answer["data"]!)).ToJsonString();
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString();

        async Task<HttpStatusCode> Send(string signature, string signedTimestamp)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/discord/interactions") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
            request.Headers.Add("X-Signature-Ed25519", signature);
            request.Headers.Add("X-Signature-Timestamp", signedTimestamp);
            return (await bot.Http.SendAsync(request)).StatusCode;
        }

        var good = BotUnderTest.Sign(timestamp, body);
        Assert.Equal(HttpStatusCode.Unauthorized, await Send(good[..^2] + (good[^2..] == "00" ? "11" : "00"), timestamp));
        Assert.Equal(HttpStatusCode.Unauthorized, await Send(BotUnderTest.Sign(timestamp, body.Replace("Mason", "Masom")), timestamp));
        // Signed for another timestamp than the one sent (a replayed signature).
        Assert.Equal(HttpStatusCode.Unauthorized, await Send(good, (long.Parse(timestamp) - 600).ToString()));
        Assert.Empty(FeedbackLines());

        Assert.Equal(HttpStatusCode.OK, await Send(good, timestamp));
        Assert.False((bool)Assert.Single(FeedbackLines())["helpful"]!);
    }

    [Fact]
    public async Task AskTheFactBotAnswersTheMessagesTextPrivatelyAndShareMakesItPublic()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await BotUnderTest.StartAsync(fake, gateway: false, http: true, extra: Settings());

        var asked = await PostAsync(bot, AskAboutMessage("786008729715212521", "what did corbyn say about it?"));
        Assert.Equal(4, (int)asked["type"]!);
        var data = asked["data"]!;
        Assert.Equal(64, (int)data["flags"]!);
        Assert.Contains("Corbyn", data["embeds"]!.ToJsonString());
        var share = Buttons(data).Single(b => (string?)b["label"] == "Share");
        Assert.Equal(1, (int)share["style"]!);
        Assert.True(AnswerActions.TryRead((string)share["custom_id"]!, out var carried));
        Assert.Equal("what did corbyn say about it?", carried.Question);

        var shared = await PostAsync(bot, Click("786008729715212522", (string)share["custom_id"]!, MessageOf(data)));
        Assert.Equal(4, (int)shared["type"]!);
        var posted = shared["data"]!;
        Assert.Null(posted["flags"]);
        Assert.Equal(data["embeds"]!.ToJsonString(), posted["embeds"]!.ToJsonString());
        Assert.Equal((string)data["content"]!, (string)posted["content"]!);
        Assert.Equal("[]", posted["allowed_mentions"]!["parse"]!.ToJsonString());
        Assert.DoesNotContain(Buttons(posted), b => (string?)b["label"] == "Share");
        Assert.Contains(Buttons(posted), b => (string?)b["label"] == "Source");

        // A message with no text (an image, an embed): said privately, not guessed at.
        var empty = await PostAsync(bot, AskAboutMessage("786008729715212523", "   "));
        Assert.Equal(64, (int)empty["data"]!["flags"]!);
        Assert.Contains("no text", (string)empty["data"]!["content"]!);
    }

    [Fact]
    public async Task ClicksOverTheGatewayAreAckedThroughTheCallback()
    {
        var (fake, bot, connection) = await GatewayTests.ConnectedAsync(extra: Settings());
        await using var _ = fake;
        await using var __ = bot;

        await connection.DispatchAsync("INTERACTION_CREATE", AskAboutMessage("786008729715212531", "who quit?"));
        var first = await fake.Calls.WaitAsync(c => c.Path == "/interactions/786008729715212531/token-786008729715212531/callback", what: "the message command's callback");
        Assert.Equal(64, (int)first.Body!["data"]!["flags"]!);
        var data = first.Body["data"]!;
        if ((int)first.Body["type"]! == 5)
        {
            // Deferred: on a busy machine the first question can outlast the wait while the sentence model loads; the
            // answer then comes as the edit of the (already private) deferral.
            data = (await fake.Calls.WaitAsync(c => c.Method == "PATCH" && c.Path.Contains("/token-786008729715212531/", StringComparison.Ordinal), what: "the deferred answer")).Body!;
        }

        foreach (var name in Names.Seven)
        {
            Assert.Contains(name, data["embeds"]!.ToJsonString());
        }

        var clicked = DateTimeOffset.UtcNow;
        await connection.DispatchAsync("INTERACTION_CREATE", Click("786008729715212532", IdOf(data, AnswerAction.Source), MessageOf(data)));
        var source = await fake.Calls.WaitAsync(c => c.Path == "/interactions/786008729715212532/token-786008729715212532/callback", what: "the Source click's callback");
        // Acknowledged (answered) well within the 3 s Discord allows.
        Assert.InRange(source.At - clicked, TimeSpan.Zero, TimeSpan.FromSeconds(3));
        Assert.Equal("POST", source.Method);
        Assert.Equal(4, (int)source.Body!["type"]!);
        Assert.Equal(64, (int)source.Body["data"]!["flags"]!);
        Assert.StartsWith("> ", (string)source.Body["data"]!["embeds"]![0]!["description"]!);

        await connection.DispatchAsync("INTERACTION_CREATE", Click("786008729715212533", IdOf(data, AnswerAction.Share), MessageOf(data)));
        var shared = await fake.Calls.WaitAsync(c => c.Path == "/interactions/786008729715212533/token-786008729715212533/callback", what: "the Share click's callback");
        Assert.Equal(4, (int)shared.Body!["type"]!);
        Assert.Null(shared.Body["data"]!["flags"]);
        Assert.Equal(data["embeds"]!.ToJsonString(), shared.Body["data"]!["embeds"]!.ToJsonString());

        await connection.DispatchAsync("INTERACTION_CREATE", Click("786008729715212534", IdOf(data, AnswerAction.NotHelpful), MessageOf(data), Place.BotDm));
        var thanks = await fake.Calls.WaitAsync(c => c.Path == "/interactions/786008729715212534/token-786008729715212534/callback", what: "the 👎 click's callback");
        Assert.Equal(64, (int)thanks.Body!["data"]!["flags"]!);
        Assert.Contains("Thanks, noted", thanks.Body.ToJsonString());
        var entry = Assert.Single(FeedbackLines());
        Assert.False((bool)entry["helpful"]!);
        Assert.Equal("who quit?", (string)entry["question"]!);

        // The answers reached Discord only through the interactions: their callbacks (and the edit of a deferred one).
        Assert.DoesNotContain(fake.Calls.Snapshot(), c => c.Path.StartsWith("/channels")
            || (c.Path.StartsWith("/webhooks") && !c.Path.EndsWith("/token-786008729715212531/messages/@original", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task MentionRepliesCarryAPublicAnswersButtons()
    {
        var (fake, bot, connection) = await GatewayTests.ConnectedAsync(extra: Settings());
        await using var _ = fake;
        await using var __ = bot;

        await connection.DispatchAsync("MESSAGE_CREATE", GatewayTests.Mention("1168345123456780001", "what did corbyn say?"));

        var reply = await fake.Delivered.WaitAsync(c => c.Method == "POST" && c.Path.EndsWith("/messages"), what: "the mention's reply");
        var buttons = Buttons(reply.Body!);
        Assert.Equal("Source", (string?)buttons[0]["label"]);
        Assert.Equal(["👍", "👎"], buttons.Skip(1).Select(b => (string)b["emoji"]!["name"]!));
        Assert.True(AnswerActions.TryRead((string)buttons[1]["custom_id"]!, out var vote));
        Assert.Equal("what did corbyn say?", vote.Question);
    }

    [Theory]
    [InlineData("de", "Was ich kann", "/reaction <who>: Was eine Person oder Gruppe dazu gesagt hat")]
    [InlineData("fr", "Ce que je sais faire", "/summary: Un court résumé de l'article")]
    [InlineData("en-GB", "What I can do", "/reaction <who>: What a person or group said about it")]
    [InlineData("ja", "What I can do", "/summary: A short summary of the article")]
    [InlineData(null, "What I can do", "/help: List the commands")]
    public async Task HelpIsGivenInTheInteractionsLocale(string? locale, string title, string line)
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await BotUnderTest.StartAsync(fake, gateway: false, http: true, extra: Settings());

        var help = await PostAsync(bot, SlashCommand("786008729715212541", "help", locale: locale));

        Assert.Equal(title, (string)help["data"]!["content"]!);
        Assert.Contains(EmbedRenderer.Escape(line), (string)help["data"]!["embeds"]![0]!["description"]!);
    }

    [Fact]
    public async Task AUserInstalledAppIsAnsweredThroughTheInteractionWebhookOnly()
    {
        await using var fake = await FakeDiscord.StartAsync();
        var engine = new GatedEngine();
        await using var bot = await BotUnderTest.StartAsync(fake, gateway: false, http: true, engine: engine,
            extra: Settings(new() { ["Discord:DeferAfterMs"] = "200" }));

        // In a server where only the person installed the app (no bot there): a slow answer is deferred, then edited
        // in through the interaction webhook: never a channel route, never a follow-up.
        var deferred = await PostAsync(bot, SlashCommand("786008729715212551", "summary", Place.UserInstallInAServer));
        Assert.Equal(5, (int)deferred["type"]!);
        // "Ask the fact bot" in a DM: deferred privately (flags on the deferral), then edited in.
        var privately = await PostAsync(bot, AskAboutMessage("786008729715212552", "who quit?", Place.BotDm));
        Assert.Equal(5, (int)privately["type"]!);
        Assert.Equal(64, (int)privately["data"]!["flags"]!);

        engine.Release();
        var edit = await fake.Calls.WaitAsync(c => c.Method == "PATCH" && c.Path.Contains("token-786008729715212551"), what: "the user install's edit");
        Assert.Equal($"/webhooks/{FakeDiscord.ApplicationId}/token-786008729715212551/messages/@original", edit.Path);
        Assert.Contains("Slow but sure", edit.Body!.ToJsonString());
        // The deferral was public: the edit offers 👍/👎, not Share.
        Assert.Equal(["👍", "👎"], Buttons(edit.Body).Select(b => (string)b["emoji"]!["name"]!));
        Assert.True(string.IsNullOrEmpty(edit.Authorization));
        var dmEdit = await fake.Calls.WaitAsync(c => c.Method == "PATCH" && c.Path.Contains("token-786008729715212552"), what: "the DM's edit");
        Assert.Null(dmEdit.Body!["flags"]);
        Assert.Contains(Buttons(dmEdit.Body), b => (string?)b["label"] == "Share");

        // A quick answer in a DM: in the response itself.
        var dm = await PostAsync(bot, SlashCommand("786008729715212553", "summary", Place.BotDm));
        Assert.Equal(4, (int)dm["type"]!);

        await Task.Delay(300);
        var calls = fake.Calls.Snapshot();
        Assert.Equal(2, calls.Count(c => c.Method == "PATCH"));
        Assert.DoesNotContain(calls, c => c.Path.StartsWith("/channels") || c.Path.StartsWith("/guilds"));
        Assert.DoesNotContain(calls, c => c.Method == "POST" && c.Path.StartsWith("/webhooks"));
    }
}
