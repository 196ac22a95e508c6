using System.Net;
using Bot.Engine.Commands;
using Bot.TestSupport;

namespace Bot.Slack.Tests;

/// <summary>Which conversation key reaches the engine: mentions in one thread share one, other threads and channels do not.</summary>
public class ConversationTests
{
    private const string Parent = "1610241741.000200";
    private const string OtherParent = "1610241900.000500";

    [Fact]
    public async Task Socket_mode_mentions_in_one_thread_share_a_key_and_another_thread_gets_its_own()
    {
        await using var fake = await FakeSlack.StartAsync();
        var engine = new RecordingEngine();
        await using var host = await TestHost.StartAsync(fake, engine: engine);
        var socket = await TestHost.Within(fake.Connections.Reader.ReadAsync().AsTask());

        // A top-level mention (its reply starts a thread on it), a follow-up inside that thread, a mention in another
        // thread, and one in another channel with the same ts.
        await socket.SendAsync(Payloads.EventsEnvelope("e1", Payloads.AppMentionCallback("Ev1", "<@U0BOT> what did corbyn say?", ts: Parent)));
        await socket.SendAsync(Payloads.EventsEnvelope("e2", Payloads.AppMentionCallback("Ev2", "<@U0BOT> and unison?", ts: "1610241800.000300", threadTs: Parent)));
        await socket.SendAsync(Payloads.EventsEnvelope("e3", Payloads.AppMentionCallback("Ev3", "<@U0BOT> and unison?", ts: "1610241950.000600", threadTs: OtherParent)));
        await socket.SendAsync(Payloads.EventsEnvelope("e4", Payloads.AppMentionCallback("Ev4", "<@U0BOT> and unison?", ts: Parent, channel: "C222")));

        var posts = new[] { await TestHost.NextPostAsync(fake), await TestHost.NextPostAsync(fake), await TestHost.NextPostAsync(fake), await TestHost.NextPostAsync(fake) };
        var keys = engine.Requests.Select(r => r.Conversation).ToList();

        // Each channel is answered in order; channels side by side, so C222's may come before or after C111's.
        var inC111 = keys.Where(k => k!.Contains(":C111:", StringComparison.Ordinal)).ToList();
        Assert.Equal([$"slack:T111:C111:{Parent}", $"slack:T111:C111:{Parent}", $"slack:T111:C111:{OtherParent}"], inC111);
        Assert.Contains($"slack:T111:C222:{Parent}", keys);
        Assert.Equal(3, keys.Distinct().Count());
        // The key names the thread the answer went to.
        Assert.Equal(
            [Parent, Parent, OtherParent],
            posts.Where(p => p["channel"]!.GetValue<string>() == "C111").Select(p => p["thread_ts"]!.GetValue<string>()));
        Assert.Equal(Parent, posts.Single(p => p["channel"]!.GetValue<string>() == "C222")["thread_ts"]!.GetValue<string>());
        Assert.All(engine.Requests, r => Assert.Equal(BotRequestKind.Mention, r.Kind));
    }

    [Fact]
    public async Task Http_events_mentions_get_the_same_keys_as_socket_mode()
    {
        await using var fake = await FakeSlack.StartAsync();
        var engine = new RecordingEngine();
        await using var host = await TestHost.StartAsync(fake, socketMode: false, httpMode: true, engine: engine);

        foreach (var callback in new[]
        {
            Payloads.AppMentionCallback("EvA", "<@U0BOT> what did corbyn say?", ts: Parent),
            Payloads.AppMentionCallback("EvB", "<@U0BOT> and khan?", ts: "1610241800.000300", threadTs: Parent),
            Payloads.AppMentionCallback("EvC", "<@U0BOT> and khan?", ts: OtherParent),
        })
        {
            using var response = await host.PostSignedAsync(callback, "application/json");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        for (var i = 0; i < 3; i++)
        {
            await TestHost.NextPostAsync(fake);
        }

        Assert.Equal(
            [$"slack:T111:C111:{Parent}", $"slack:T111:C111:{Parent}", $"slack:T111:C111:{OtherParent}"],
            engine.Requests.Select(r => r.Conversation));
    }

    [Fact]
    public async Task Only_ask_among_slash_commands_has_a_key_of_channel_and_user()
    {
        await using var fake = await FakeSlack.StartAsync();
        var engine = new RecordingEngine();
        await using var host = await TestHost.StartAsync(fake, socketMode: true, httpMode: true, engine: engine);
        var socket = await TestHost.Within(fake.Connections.Reader.ReadAsync().AsTask());

        await socket.SendAsync(Payloads.SlashCommandEnvelope("s1", "/ask", "what did corbyn say?"));
        await socket.NextAsync();
        await socket.SendAsync(Payloads.SlashCommandEnvelope("s2", "/who-left", ""));
        await socket.NextAsync();
        using (var response = await host.PostSignedAsync(Payloads.CommandForm("/ask", "and khan?"), "application/x-www-form-urlencoded"))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(["slack:T111:C111:user:U111", null, "slack:T1DC2JH3J:G8PSS9T3V:user:U2CERLKJA"], engine.Requests.Select(r => r.Conversation));
    }
}
