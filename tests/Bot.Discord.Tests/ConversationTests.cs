using System.Net;
using System.Text.Json.Nodes;
using Bot.TestSupport;

namespace Bot.Discord.Tests;

/// <summary>Which conversation key reaches the engine: one per place the bot answers in (a thread, a DM), /ask one per channel and user.</summary>
public class ConversationTests
{
    private const string OtherThread = "1028029980795470002";
    private const string DmChannel = "1028029980795470009";

    [Fact]
    public async Task Mentions_share_a_key_where_the_bot_answers_them_and_nowhere_else()
    {
        var engine = new RecordingEngine();
        var (fake, bot, connection) = await GatewayTests.ConnectedAsync(engine: engine);
        await using var _ = fake;
        await using var __ = bot;

        // (message id, channel id, channel type, in a server): a channel mention (the bot starts a thread with the
        // message's id), a follow-up inside that thread, a mention in another thread, a second channel mention, two DMs.
        (string Id, string Channel, int Type, bool Guild)[] mentions =
        [
            ("1028029980795478101", GatewayTests.ChannelId, 0, true),
            ("1028029980795478102", "1028029980795478101", 11, true),
            ("1028029980795478103", OtherThread, 11, true),
            ("1028029980795478104", GatewayTests.ChannelId, 0, true),
            ("1028029980795478105", DmChannel, 1, false),
            ("1028029980795478106", DmChannel, 1, false),
        ];
        var answeredIn = new List<string>();
        foreach (var (id, channel, type, guild) in mentions)
        {
            // One at a time: mentions are answered concurrently, and the order of the keys is what is checked.
            await connection.DispatchAsync("MESSAGE_CREATE", GatewayTests.Mention(id, "what did corbyn say?", channelId: channel, channelType: type, guild: guild));
            var post = await fake.Calls.WaitAsync(c => c.Method == "POST" && (string?)c.Body?["nonce"] == "m" + id, what: $"the answer to {id}");
            answeredIn.Add(post.Path);
        }

        Assert.Equal(
            [
                "discord:1028029980795478101", "discord:1028029980795478101", $"discord:{OtherThread}",
                "discord:1028029980795478104", $"discord:{DmChannel}", $"discord:{DmChannel}",
            ],
            engine.Requests.Select(r => r.Conversation));
        // Each key names the channel (thread or DM) the answer went to.
        Assert.Equal(engine.Requests.Select(r => $"/channels/{r.Conversation!["discord:".Length..]}/messages"), answeredIn);
    }

    [Fact]
    public async Task Only_ask_among_slash_commands_has_a_key_of_channel_and_user()
    {
        var engine = new RecordingEngine();
        var (fake, bot, connection) = await GatewayTests.ConnectedAsync(engine: engine);
        await using var _ = fake;
        await using var __ = bot;

        var ask = GatewayTests.SlashCommand("786008729715212501", "ask");
        ask["data"]!["options"] = new JsonArray(new JsonObject { ["type"] = 3, ["name"] = "question", ["value"] = "what did corbyn say?" });
        var whoLeft = GatewayTests.SlashCommand("786008729715212502", "who-left");
        // In a DM the user is "user", not "member.user".
        var dmAsk = GatewayTests.SlashCommand("786008729715212503", "ask");
        dmAsk.Remove("guild_id");
        dmAsk.Remove("member");
        dmAsk["channel_id"] = DmChannel;
        dmAsk["user"] = new JsonObject { ["id"] = GatewayTests.UserId, ["username"] = "GoodUser" };

        foreach (var interaction in new[] { ask, whoLeft, dmAsk })
        {
            var id = (string)interaction["id"]!;
            await connection.DispatchAsync("INTERACTION_CREATE", interaction);
            await fake.Calls.WaitAsync(c => c.Path.StartsWith($"/interactions/{id}/", StringComparison.Ordinal), what: $"the callback of {id}");
        }

        Assert.Equal(
            [$"discord:{GatewayTests.ChannelId}:user:{GatewayTests.UserId}", null, $"discord:{DmChannel}:user:{GatewayTests.UserId}"],
            engine.Requests.Select(r => r.Conversation));
    }

    [Fact]
    public async Task Ask_over_http_interactions_gets_the_same_key()
    {
        await using var fake = await FakeDiscord.StartAsync();
        var engine = new RecordingEngine();
        await using var bot = await BotUnderTest.StartAsync(fake, gateway: false, http: true, engine: engine);

        using var response = await bot.PostInteractionAsync(HttpInteractionTests.Command("786008729715212601", "ask", "question", "and khan?"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("discord:645027906669510667:user:53908232506183680", Assert.Single(engine.Requests).Conversation);
    }
}
