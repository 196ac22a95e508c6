using System.Net;
using System.Text.Json.Nodes;
using Bot.Engine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Bot.Discord.Tests;

/// <summary>The real host against the fake gateway and REST API, end to end.</summary>
public class GatewayTests
{
    internal const string GuildId = "439103874612675485";
    internal const string ChannelId = "435923868503506954";
    internal const string UserId = "560661188019488714";

    internal static int Op(JsonObject frame) => (int)frame["op"]!;

    /// <summary>Starts both and waits for the first IDENTIFY (READY follows on the same socket).</summary>
    internal static async Task<(FakeDiscord Fake, BotUnderTest Bot, GatewayConnection Connection)> ConnectedAsync(
        Action<FakeDiscord>? setup = null, IAnswerEngine? engine = null, Dictionary<string, string?>? extra = null)
    {
        var fake = await FakeDiscord.StartAsync();
        fake.HeartbeatIntervalMs = 1000;
        setup?.Invoke(fake);
        var bot = await BotUnderTest.StartAsync(fake, engine: engine, extra: extra);
        var connection = await fake.Connections.WaitAsync(_ => true, what: "a gateway connection");
        await connection.Frames.WaitAsync(f => Op(f) == 2, what: "IDENTIFY");
        if (fake.HoldReady is null && fake.OnIdentify is null)
        {
            // Events sent after READY reach the bot after it, so it knows its own user id by then.
            await connection.SessionStarted.WaitAsync(Recorder<string>.DefaultTimeout);
        }

        return (fake, bot, connection);
    }

    internal static JsonObject Mention(string messageId, string text, string channelId = ChannelId, int? channelType = 0, bool guild = true, bool authorIsBot = false, string authorId = UserId)
    {
        var message = new JsonObject
        {
            ["type"] = 0,
            ["tts"] = false,
            ["timestamp"] = "2022-10-07T19:44:07.295000+00:00",
            ["mentions"] = new JsonArray(new JsonObject { ["id"] = FakeDiscord.BotUserId, ["username"] = "ArticleBot", ["bot"] = true }),
            ["mention_roles"] = new JsonArray(),
            ["mention_everyone"] = false,
            ["id"] = messageId,
            ["flags"] = 0,
            ["embeds"] = new JsonArray(),
            ["content"] = $"<@{FakeDiscord.BotUserId}> {text}",
            ["components"] = new JsonArray(),
            ["channel_id"] = channelId,
            ["author"] = new JsonObject { ["username"] = "GoodUser", ["id"] = authorId, ["discriminator"] = "4443", ["bot"] = authorIsBot },
            ["attachments"] = new JsonArray(),
        };
        if (guild)
        {
            message["guild_id"] = GuildId;
        }

        if (channelType is { } type)
        {
            message["channel_type"] = type;
        }

        return message;
    }

    internal static JsonObject SlashCommand(string id, string name) => new()
    {
        ["id"] = id,
        ["application_id"] = FakeDiscord.ApplicationId,
        ["type"] = 2,
        ["token"] = "token-" + id,
        ["version"] = 1,
        ["guild_id"] = GuildId,
        ["channel_id"] = ChannelId,
        ["member"] = new JsonObject { ["user"] = new JsonObject { ["id"] = UserId, ["username"] = "GoodUser" } },
        ["data"] = new JsonObject { ["id"] = "771825006014889984", ["name"] = name, ["type"] = 1 },
    };

    [Fact]
    public async Task IdentifyCarriesIntentsAndHeartbeatsAreAcked()
    {
        // Three seconds between beats: at one, an ack held up on a busy two-core CI machine looked like a zombie connection,
        // and the second beat went to a new connection (a flake, not a fault).
        var (fake, bot, connection) = await ConnectedAsync(f => f.HeartbeatIntervalMs = 3000);
        await using var _ = fake;
        await using var __ = bot;

        var identify = await connection.Frames.WaitAsync(f => Op(f) == 2);
        Assert.Equal(4609, (int)identify["d"]!["intents"]!);
        Assert.Equal("test-token", (string?)identify["d"]!["token"]);
        Assert.StartsWith("/gateway?v=10&encoding=json", connection.Path);

        // Two heartbeats: the second is only sent if the first was acknowledged.
        var first = await connection.Frames.WaitAsync(f => Op(f) == 1, what: "a heartbeat");
        await connection.Frames.WaitAsync(f => Op(f) == 1 && !ReferenceEquals(f, first), what: "a second heartbeat");
        Assert.True(connection.HeartbeatAcks >= 1);
        Assert.Equal(1, fake.Connections.Count);
    }

    [Fact]
    public async Task ServerHeartbeatRequestIsAnsweredAtOnce()
    {
        var (fake, bot, connection) = await ConnectedAsync(f => f.HeartbeatIntervalMs = 60_000);
        await using var _ = fake;
        await using var __ = bot;

        var before = connection.Frames.Count;
        await connection.SendAsync(new JsonObject { ["op"] = 1, ["d"] = null });
        var beat = await connection.Frames.WaitAsync(f => Op(f) == 1, skip: before, what: "a heartbeat");
        Assert.Equal(1, (long)beat["d"]!);
    }

    [Fact]
    public async Task WhoLeftOverTheGatewayCallsBackWithTheSevenNames()
    {
        var (fake, bot, connection) = await ConnectedAsync();
        await using var _ = fake;
        await using var __ = bot;

        await connection.DispatchAsync("INTERACTION_CREATE", SlashCommand("786008729715212400", "who-left"));

        var callback = await fake.Calls.WaitAsync(c => c.Path.Contains("/callback"), what: "the interaction callback");
        Assert.Equal("POST", callback.Method);
        Assert.Equal("/interactions/786008729715212400/token-786008729715212400/callback", callback.Path);
        Assert.Equal(4, (int)callback.Body!["type"]!);
        var text = callback.Body.ToJsonString();
        foreach (var name in Names.Seven)
        {
            Assert.Contains(name, text);
        }

        Assert.StartsWith("DiscordBot (", callback.UserAgent);
    }

    [Fact]
    public async Task MentionInAThreadIsAnsweredInThatThread()
    {
        var (fake, bot, connection) = await ConnectedAsync();
        await using var _ = fake;
        await using var __ = bot;
        const string threadId = "1028029980795470001";

        await connection.DispatchAsync("MESSAGE_CREATE", Mention("1028029980795478001", "who left?", channelId: threadId, channelType: 11));

        var post = await fake.Calls.WaitAsync(c => c.Method == "POST" && c.Path.EndsWith("/messages"), what: "the reply");
        Assert.Equal($"/channels/{threadId}/messages", post.Path);
        Assert.Equal("1028029980795478001", (string?)post.Body!["message_reference"]!["message_id"]);
        Assert.Equal("[]", post.Body!["allowed_mentions"]!["parse"]!.ToJsonString());
        Assert.Equal("Bot test-token", post.Authorization);
        Assert.Equal("m1028029980795478001", (string?)post.Body!["nonce"]);
        Assert.True((bool)post.Body!["enforce_nonce"]!);
        Assert.Contains("Umunna", post.Body.ToJsonString());
        Assert.DoesNotContain(fake.Calls.Snapshot(), c => c.Path.EndsWith("/threads"));
    }

    [Fact]
    public async Task MentionInAChannelStartsAThreadAndAnswersInside()
    {
        var (fake, bot, connection) = await ConnectedAsync();
        await using var _ = fake;
        await using var __ = bot;
        const string messageId = "1028029980795478002";

        await connection.DispatchAsync("MESSAGE_CREATE", Mention(messageId, "who left?"));

        var thread = await fake.Calls.WaitAsync(c => c.Path.EndsWith("/threads"), what: "thread creation");
        Assert.Equal($"/channels/{ChannelId}/messages/{messageId}/threads", thread.Path);
        Assert.False(string.IsNullOrWhiteSpace((string?)thread.Body!["name"]));
        var post = await fake.Calls.WaitAsync(c => c.Method == "POST" && c.Path == $"/channels/{messageId}/messages", what: "the answer in the thread");
        Assert.Contains("Umunna", post.Body!.ToJsonString());
    }

    [Fact]
    public async Task WithoutThreadPermissionTheBotRepliesInTheChannel()
    {
        var (fake, bot, connection) = await ConnectedAsync();
        await using var _ = fake;
        await using var __ = bot;
        fake.RespondOnce("POST", "/threads", 403, """{"message":"Missing Permissions","code":50013}""");
        const string messageId = "1028029980795478003";

        await connection.DispatchAsync("MESSAGE_CREATE", Mention(messageId, "summary"));

        var post = await fake.Calls.WaitAsync(c => c.Method == "POST" && c.Path.EndsWith("/messages"), what: "the fallback reply");
        Assert.Equal($"/channels/{ChannelId}/messages", post.Path);
        Assert.Equal(messageId, (string?)post.Body!["message_reference"]!["message_id"]);
    }

    [Fact]
    public async Task DirectMessagesGetAReplyAndBotsAreIgnored()
    {
        var (fake, bot, connection) = await ConnectedAsync();
        await using var _ = fake;
        await using var __ = bot;
        const string dmChannel = "1028029980795470009";

        await connection.DispatchAsync("MESSAGE_CREATE", Mention("1028029980795478010", "who left?", authorIsBot: true));
        await connection.DispatchAsync("MESSAGE_CREATE", Mention("1028029980795478011", "who left?", authorId: FakeDiscord.BotUserId));
        await connection.DispatchAsync("MESSAGE_CREATE", Mention("1028029980795478012", "help", channelId: dmChannel, channelType: 1, guild: false));

        var post = await fake.Calls.WaitAsync(c => c.Method == "POST" && c.Path.EndsWith("/messages"), what: "the DM reply");
        Assert.Equal($"/channels/{dmChannel}/messages", post.Path);
        // The bots' messages were dispatched first; skipping them takes no I/O, so a wrong answer to them would show here.
        Assert.Single(fake.Calls.Snapshot(), c => c.Method == "POST");
    }

    [Fact]
    public async Task AfterADropTheBotResumesAndAnswersTheNextEventOnce()
    {
        var (fake, bot, connection) = await ConnectedAsync();
        await using var _ = fake;
        await using var __ = bot;
        var first = Mention("1028029980795478020", "who left?", channelType: 11, channelId: "1028029980795470020");
        await connection.DispatchAsync("MESSAGE_CREATE", first);
        await fake.Calls.WaitAsync(c => c.Path == "/channels/1028029980795470020/messages", what: "the first answer");
        var seqBeforeCut = fake.Sequence;

        connection.Abort();

        var resumed = await fake.Connections.WaitAsync(c => c != connection, what: "a new connection");
        var resume = await resumed.Frames.WaitAsync(f => Op(f) == 6 || Op(f) == 2, what: "RESUME");
        Assert.Equal(6, Op(resume));
        Assert.StartsWith("/resume", resumed.Path);
        Assert.Equal(FakeDiscord.SessionId, (string?)resume["d"]!["session_id"]);
        Assert.Equal(seqBeforeCut, (long)resume["d"]!["seq"]!);
        Assert.Equal("test-token", (string?)resume["d"]!["token"]);

        // Discord may replay what was already handled; then a new event arrives.
        await resumed.DispatchAsync("MESSAGE_CREATE", (JsonObject)first.DeepClone());
        await resumed.DispatchAsync("MESSAGE_CREATE", Mention("1028029980795478021", "summary", channelType: 11, channelId: "1028029980795470021"));
        await fake.Calls.WaitAsync(c => c.Path == "/channels/1028029980795470021/messages", what: "the answer after resuming");
        Assert.Single(fake.Calls.Snapshot(), c => c.Path == "/channels/1028029980795470020/messages");
        Assert.Single(fake.Calls.Snapshot(), c => c.Path == "/channels/1028029980795470021/messages");
    }

    [Fact]
    public async Task ReconnectRequestResumesOnTheResumeUrl()
    {
        var (fake, bot, connection) = await ConnectedAsync();
        await using var _ = fake;
        await using var __ = bot;
        await connection.DispatchAsync("GUILD_CREATE", new JsonObject { ["id"] = GuildId });

        await connection.SendAsync(new JsonObject { ["op"] = 7, ["d"] = null });

        var next = await fake.Connections.WaitAsync(c => c != connection, what: "a new connection");
        var resume = await next.Frames.WaitAsync(f => Op(f) is 2 or 6, what: "RESUME");
        Assert.Equal(6, Op(resume));
        Assert.Equal(2, (long)resume["d"]!["seq"]!);
        await connection.Closed.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.NotEqual(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, connection.ClientCloseStatus);
    }

    [Fact]
    public async Task InvalidSessionResumesOrIdentifiesAgain()
    {
        var (fake, bot, connection) = await ConnectedAsync();
        await using var _ = fake;
        await using var __ = bot;

        await connection.SendAsync(new JsonObject { ["op"] = 9, ["d"] = true });
        var second = await fake.Connections.WaitAsync(c => c != connection, what: "a second connection");
        Assert.Equal(6, Op(await second.Frames.WaitAsync(f => Op(f) is 2 or 6, what: "RESUME")));
        await second.SessionStarted.WaitAsync(Recorder<string>.DefaultTimeout);

        await second.SendAsync(new JsonObject { ["op"] = 9, ["d"] = false });
        var third = await fake.Connections.WaitAsync(c => c != connection && c != second, what: "a third connection");
        Assert.Equal(2, Op(await third.Frames.WaitAsync(f => Op(f) is 2 or 6, what: "IDENTIFY")));
        Assert.StartsWith("/gateway", third.Path);
    }

    [Fact]
    public async Task MissedHeartbeatAckMeansZombieAndResume()
    {
        var (fake, bot, connection) = await ConnectedAsync(f =>
        {
            f.HeartbeatIntervalMs = 300;
            f.AckHeartbeats = false;
        });
        await using var _ = fake;
        await using var __ = bot;

        var next = await fake.Connections.WaitAsync(c => c != connection, what: "a reconnection");
        Assert.Equal(6, Op(await next.Frames.WaitAsync(f => Op(f) is 2 or 6, what: "RESUME")));
    }

    [Fact]
    public async Task RejectedTokenStopsTheAdapterWithAPlainLogLine()
    {
        var (fake, bot, _) = await ConnectedAsync(f => f.OnIdentify = c => c.CloseAsync(4004, "Authentication failed."));
        await using var __ = fake;
        await using var ___ = bot;

        await bot.Logs.WaitAsync(l => l.Contains("Discord rejected the bot token (4004)"), what: "the log line");
        var gateway = bot.App.Services.GetServices<IHostedService>().OfType<GatewayClient>().Single();
        await gateway.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(1, fake.Connections.Count);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await bot.Http.GetAsync("/readyz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bot.Http.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task ReadyzTurnsReadyOnlyAfterReady()
    {
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (fake, bot, _) = await ConnectedAsync(f => f.HoldReady = hold);
        await using var __ = fake;
        await using var ___ = bot;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await bot.Http.GetAsync("/readyz")).StatusCode);
        hold.SetResult();

        var deadline = DateTime.UtcNow.AddSeconds(20);
        HttpStatusCode status;
        while ((status = (await bot.Http.GetAsync("/readyz")).StatusCode) != HttpStatusCode.OK && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task RateLimitedPostIsRetriedAfterRetryAfter()
    {
        var (fake, bot, connection) = await ConnectedAsync();
        await using var _ = fake;
        await using var __ = bot;
        fake.RespondOnce("POST", "/channels/1028029980795470030/messages", 429,
            """{"message":"You are being rate limited.","retry_after":0.4,"global":false}""",
            ("Retry-After", "1"), ("X-RateLimit-Scope", "user"));

        await connection.DispatchAsync("MESSAGE_CREATE", Mention("1028029980795478030", "who left?", channelType: 11, channelId: "1028029980795470030"));

        var posts = new List<RestCall>();
        await fake.Calls.WaitAsync(c => c.Path == "/channels/1028029980795470030/messages", what: "the first try");
        var second = await fake.Calls.WaitAsync(c => c.Path == "/channels/1028029980795470030/messages" && fake.Calls.Snapshot().Count(x => x.Path == c.Path) >= 2, what: "the retry");
        posts.AddRange(fake.Calls.Snapshot().Where(c => c.Path == second.Path));
        Assert.Equal(2, posts.Count);
        Assert.True(posts[1].At - posts[0].At >= TimeSpan.FromMilliseconds(380), $"retried after {(posts[1].At - posts[0].At).TotalMilliseconds} ms");
    }

    [Fact]
    public async Task CommandsAreRegisteredAtStartOnlyWhenChanged()
    {
        var (fake, bot, _) = await ConnectedAsync();
        await using var __ = fake;
        await bot.Logs.WaitAsync(l => l.Contains("slash commands updated"), what: "the registration log");
        await bot.DisposeAsync();

        await using var again = await BotUnderTest.StartAsync(fake);
        await again.Logs.WaitAsync(l => l.Contains("slash commands unchanged"), what: "the unchanged log");
        Assert.Single(fake.Calls.Snapshot(), c => c.Method == "PUT");
        Assert.Contains(bot.Logs.Snapshot(), l => l.Contains("permissions=309237713920"));
    }

    [Fact]
    public async Task WithoutAGatewayUrlTheBotAsksDiscordForOne()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await BotUnderTest.StartAsync(fake, extra: new() { ["Discord:GatewayUrl"] = "" });

        var connection = await fake.Connections.WaitAsync(_ => true, what: "a gateway connection");
        await connection.Frames.WaitAsync(f => Op(f) == 2, what: "IDENTIFY");
        var ask = Assert.Single(fake.Calls.Snapshot(), c => c.Path == "/gateway/bot");
        Assert.Equal("Bot test-token", ask.Authorization);
    }

    [Fact]
    public async Task ARejectedTokenOnGatewayBotStopsTheAdapter()
    {
        await using var fake = await FakeDiscord.StartAsync();
        fake.RespondOnce("GET", "/gateway/bot", 401, """{"message":"401: Unauthorized","code":0}""");
        await using var bot = await BotUnderTest.StartAsync(fake, extra: new() { ["Discord:GatewayUrl"] = "" });

        await bot.Logs.WaitAsync(l => l.Contains("Discord rejected the bot token (401"), what: "the log line");
        var gateway = bot.App.Services.GetServices<IHostedService>().OfType<GatewayClient>().Single();
        await gateway.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(0, fake.Connections.Count);
        Assert.DoesNotContain(bot.Logs.Snapshot(), l => l.Contains("test-token"));
    }

    [Fact]
    public async Task ASlowGatewayCommandIsDeferredThenEdited()
    {
        var fake = await FakeDiscord.StartAsync();
        await using var _ = fake;
        var engine = new GatedEngine();
        await using var bot = await BotUnderTest.StartAsync(fake, engine: engine, extra: new() { ["Discord:DeferAfterMs"] = "200" });
        var connection = await fake.Connections.WaitAsync(_ => true, what: "a gateway connection");
        await connection.SessionStarted.WaitAsync(Recorder<string>.DefaultTimeout);

        await connection.DispatchAsync("INTERACTION_CREATE", SlashCommand("786008729715212500", "summary"));

        var callback = await fake.Calls.WaitAsync(c => c.Path.EndsWith("/callback"), what: "the deferral");
        Assert.Equal(5, (int)callback.Body!["type"]!);
        engine.Release();
        var edit = await fake.Calls.WaitAsync(c => c.Method == "PATCH", what: "the @original edit");
        Assert.Equal($"/webhooks/{FakeDiscord.ApplicationId}/token-786008729715212500/messages/@original", edit.Path);
        Assert.Contains("Slow but sure", edit.Body!.ToJsonString());
    }

    [Fact]
    public async Task AnExistingThreadIsUsedAndARefusedEmbedFallsBackToPlainText()
    {
        var (fake, bot, connection) = await ConnectedAsync();
        await using var _ = fake;
        await using var __ = bot;
        const string messageId = "1028029980795478040";
        fake.RespondOnce("POST", "/threads", 400, """{"message":"A thread has already been created for this message","code":160004}""");
        fake.RespondOnce("POST", $"/channels/{messageId}/messages", 400, """{"message":"Invalid Form Body","code":50035}""");

        await connection.DispatchAsync("MESSAGE_CREATE", Mention(messageId, "who left?"));

        await fake.Calls.WaitAsync(c => c.Path == $"/channels/{messageId}/messages", what: "the embed try");
        var plain = await fake.Calls.WaitAsync(c => c.Path == $"/channels/{messageId}/messages" && c.Body!["embeds"] is null, what: "the plain retry");
        Assert.Contains("Umunna", (string)plain.Body!["content"]!);
        Assert.Equal("[]", plain.Body!["allowed_mentions"]!["parse"]!.ToJsonString());
    }

    [Fact]
    public async Task DiscordWorksBesideSlackInOneProcess()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await BotUnderTest.StartAsync(fake, http: true, extra: new()
        {
            ["Slack:BotToken"] = "xoxb-test",
            ["Slack:SigningSecret"] = "8f742231b10e8888abcd99yyyzzz85a5",
            ["Slack:ApiBaseUrl"] = fake.BaseUrl + "/slack-api/",
        });
        var connection = await fake.Connections.WaitAsync(_ => true, what: "a gateway connection");
        await connection.SessionStarted.WaitAsync(Recorder<string>.DefaultTimeout);

        await connection.DispatchAsync("INTERACTION_CREATE", SlashCommand("786008729715212600", "who-left"));
        var callback = await fake.Calls.WaitAsync(c => c.Path.EndsWith("/callback"), what: "the callback");
        Assert.Contains("Shuker", callback.Body!.ToJsonString());

        var pong = await bot.PostInteractionAsync("""{"id":"1","token":"t","type":1,"version":1}""");
        Assert.Equal(HttpStatusCode.OK, pong.StatusCode);

        // And the same process answers a signed Slack slash command.
        var form = "command=%2Fwho-left&text=&user_id=U1&channel_id=C1&response_url=https%3A%2F%2Fhooks.slack.invalid%2Fx";
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var mac = System.Security.Cryptography.HMACSHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes("8f742231b10e8888abcd99yyyzzz85a5"),
            System.Text.Encoding.UTF8.GetBytes($"v0:{timestamp}:{form}"));
        using var slack = new HttpRequestMessage(HttpMethod.Post, "/slack/events")
        {
            Content = new StringContent(form, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        slack.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        slack.Headers.Add("X-Slack-Signature", "v0=" + Convert.ToHexStringLower(mac));
        var slackAnswer = await bot.Http.SendAsync(slack);
        Assert.Equal(HttpStatusCode.OK, slackAnswer.StatusCode);
        Assert.Contains("Shuker", await slackAnswer.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AGatewayThatNeverSaysHelloIsDroppedAndDialledAgain()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var fake = await FakeDiscord.StartAsync();
        fake.SilentConnections = 1;
        await using var bot = await BotUnderTest.StartAsync(fake, services: s => s.AddSingleton<TimeProvider>(clock));
        await fake.Connections.WaitAsync(_ => true, what: "the first connection");

        // The gateway's clock moves; after HelloTimeout with no HELLO the bot gives up on that socket and dials again.
        var deadline = DateTime.UtcNow + Recorder<string>.DefaultTimeout;
        while (fake.Connections.Count < 2)
        {
            Assert.True(DateTime.UtcNow < deadline, "no second connection");
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5);
        }

        Assert.True(clock.GetUtcNow() - clock.Start >= GatewayShardConnection.HelloTimeout);
        var second = fake.Connections.Snapshot()[1];
        await second.SessionStarted.WaitAsync(Recorder<string>.DefaultTimeout);
        await bot.Logs.WaitAsync(l => l.Contains("sent no HELLO or READY in time", StringComparison.Ordinal), what: "the log line");
    }
}
