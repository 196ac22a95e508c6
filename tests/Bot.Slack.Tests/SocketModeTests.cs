using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Slack.Tests;

public class SocketModeTests
{
    public static readonly string[] SevenSurnames = ["Umunna", "Berger", "Gapes", "Leslie", "Coffey", "Smith", "Shuker"];

    private static async Task<FakeSocket> NextConnectionAsync(FakeSlack fake) =>
        await TestHost.Within(fake.Connections.Reader.ReadAsync().AsTask());

    [Fact]
    public async Task Slash_command_is_acked_with_the_answer_naming_the_seven()
    {
        await using var fake = await FakeSlack.StartAsync();
        await using var host = await TestHost.StartAsync(fake);
        var socket = await NextConnectionAsync(fake);

        await socket.SendAsync(Payloads.SlashCommandEnvelope("1d3c79ab-0ffb-41f3-a080-d19e85f53649", "/who-left", ""));
        var ack = await socket.NextAsync();

        Assert.Equal("1d3c79ab-0ffb-41f3-a080-d19e85f53649", ack["envelope_id"]!.GetValue<string>());
        var payload = ack["payload"]!.AsObject();
        Assert.Equal("in_channel", payload["response_type"]!.GetValue<string>());
        Assert.NotEmpty(payload["blocks"]!.AsArray());
        var text = payload.ToJsonString();
        Assert.All(SevenSurnames, name => Assert.Contains(name, text));
    }

    [Fact]
    public async Task App_mention_is_acked_then_answered_in_its_thread()
    {
        await using var fake = await FakeSlack.StartAsync();
        await using var host = await TestHost.StartAsync(fake);
        var socket = await NextConnectionAsync(fake);

        await socket.SendAsync(Payloads.EventsEnvelope("cda4159a-72a5-4744-aba3-4d66eb52682b", Payloads.AppMentionCallback("Ev111", "<@U0BOT> who left?")));
        var ack = await socket.NextAsync();
        Assert.Equal("""{"envelope_id":"cda4159a-72a5-4744-aba3-4d66eb52682b"}""", ack.ToJsonString());

        var post = await TestHost.NextPostAsync(fake);
        Assert.Equal("C111", post["channel"]!.GetValue<string>());
        Assert.Equal("1610241741.000200", post["thread_ts"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(post["text"]!.GetValue<string>()));
        Assert.NotEmpty(post["blocks"]!.AsArray());

        // A mention inside a thread replies to the thread's parent, not to the reply.
        await socket.SendAsync(Payloads.EventsEnvelope("env-2", Payloads.AppMentionCallback("Ev112", "<@U0BOT> summary", ts: "1610241800.000300", threadTs: "1610241700.000100")));
        Assert.Equal("env-2", (await socket.NextAsync())["envelope_id"]!.GetValue<string>());
        var threaded = await TestHost.NextPostAsync(fake);
        Assert.Equal("1610241700.000100", threaded["thread_ts"]!.GetValue<string>());
    }

    [Fact]
    public async Task Own_and_other_bots_messages_and_redeliveries_are_not_answered()
    {
        await using var fake = await FakeSlack.StartAsync();
        await using var host = await TestHost.StartAsync(fake);
        var socket = await NextConnectionAsync(fake);

        await socket.SendAsync(Payloads.EventsEnvelope("e1", Payloads.AppMentionCallback("EvBot", "<@U0BOT> hi", botId: "B999")));
        await socket.SendAsync(Payloads.EventsEnvelope("e2", Payloads.AppMentionCallback("EvSelf", "<@U0BOT> hi", user: FakeSlack.BotUserId)));
        await socket.SendAsync(Payloads.EventsEnvelope("e3", Payloads.AppMentionCallback("EvReal", "<@U0BOT> who left?", ts: "1.1")));
        await socket.SendAsync(Payloads.EventsEnvelope("e4", Payloads.AppMentionCallback("EvReal", "<@U0BOT> who left?", ts: "1.1"), retryAttempt: 1));
        await socket.SendAsync(Payloads.EventsEnvelope("e5", Payloads.AppMentionCallback("EvLast", "<@U0BOT> summary", ts: "2.2")));

        var acked = new HashSet<string>();
        for (var i = 0; i < 5; i++)
        {
            acked.Add((await socket.NextAsync())["envelope_id"]!.GetValue<string>());
        }

        Assert.Equal(["e1", "e2", "e3", "e4", "e5"], acked.Order());
        // Events are worked off in order, so once the last one is posted the others are settled.
        Assert.Equal("1.1", (await TestHost.NextPostAsync(fake))["thread_ts"]!.GetValue<string>());
        Assert.Equal("2.2", (await TestHost.NextPostAsync(fake))["thread_ts"]!.GetValue<string>());
        Assert.False(fake.Posts.Reader.TryRead(out _));
    }

    [Fact]
    public async Task Refresh_requested_opens_the_new_connection_before_closing_the_old()
    {
        await using var fake = await FakeSlack.StartAsync();
        await using var host = await TestHost.StartAsync(fake);
        var first = await NextConnectionAsync(fake);
        await host.WaitForReadyzAsync(200);

        await first.SendAsync(Payloads.Disconnect("refresh_requested"));
        var second = await NextConnectionAsync(fake);
        await first.Closed.Task.WaitAsync(TestHost.Timeout);
        Assert.True(second.OpenedAt < first.ClosedAt, "the old connection closed before the new one opened");
        Assert.NotEqual(first.Ticket, second.Ticket);
        Assert.Equal(2, fake.CountCalls("apps.connections.open"));

        await second.SendAsync(Payloads.SlashCommandEnvelope("after-refresh", "/help", ""));
        var ack = await second.NextAsync();
        Assert.Equal("after-refresh", ack["envelope_id"]!.GetValue<string>());
        Assert.NotNull(ack["payload"]!["blocks"]);

        using var ready = await host.Http.GetAsync("/readyz");
        Assert.Equal(200, (int)ready.StatusCode);
    }

    [Fact]
    public async Task Host_stop_closes_the_socket_with_a_normal_close()
    {
        await using var fake = await FakeSlack.StartAsync();
        var host = await TestHost.StartAsync(fake);
        var socket = await NextConnectionAsync(fake);
        await host.WaitForReadyzAsync(200);

        await host.DisposeAsync();
        await socket.Closed.Task.WaitAsync(TestHost.Timeout);
        Assert.Equal(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, socket.CloseStatus);
    }

    [Fact]
    public async Task Dropped_socket_reconnects()
    {
        await using var fake = await FakeSlack.StartAsync();
        await using var host = await TestHost.StartAsync(fake);
        var first = await NextConnectionAsync(fake);
        await first.SendAsync(Payloads.Disconnect("too_many_websockets"));
        var second = await NextConnectionAsync(fake);
        await second.SendAsync(Payloads.SlashCommandEnvelope("after-drop", "/summary", ""));
        Assert.Equal("after-drop", (await second.NextAsync())["envelope_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Readyz_is_ready_only_after_hello()
    {
        await using var fake = await FakeSlack.StartAsync();
        fake.AutoHello = false;
        await using var host = await TestHost.StartAsync(fake);
        var socket = await NextConnectionAsync(fake);

        using (var before = await host.Http.GetAsync("/readyz"))
        {
            Assert.Equal(503, (int)before.StatusCode);
        }

        using (var health = await host.Http.GetAsync("/healthz"))
        {
            Assert.Equal(200, (int)health.StatusCode);
        }

        await socket.SendHelloAsync();
        await host.WaitForReadyzAsync(200);
    }

    [Fact]
    public async Task Link_disabled_stops_the_adapter_and_readiness_says_so()
    {
        await using var fake = await FakeSlack.StartAsync();
        await using var host = await TestHost.StartAsync(fake);
        var socket = await NextConnectionAsync(fake);
        await host.WaitForReadyzAsync(200);

        await socket.SendAsync(Payloads.Disconnect("link_disabled"));
        await socket.Closed.Task.WaitAsync(TestHost.Timeout);
        var readiness = host.App.Services.GetRequiredService<SlackReadiness>();
        await TestHost.WaitUntilAsync(() => readiness.StoppedReason is not null);
        Assert.Contains("link_disabled", readiness.StoppedReason);
        await host.WaitForReadyzAsync(503);
        Assert.Equal(1, fake.CountCalls("apps.connections.open"));
    }

    [Fact]
    public async Task Rate_limited_post_is_retried_once_after_retry_after()
    {
        await using var fake = await FakeSlack.StartAsync();
        fake.RateLimitNextPosts = 1;
        await using var host = await TestHost.StartAsync(fake);
        var socket = await NextConnectionAsync(fake);

        await socket.SendAsync(Payloads.EventsEnvelope("e1", Payloads.AppMentionCallback("Ev429", "<@U0BOT> who left?")));
        var post = await TestHost.NextPostAsync(fake);
        Assert.Equal("C111", post["channel"]!.GetValue<string>());
        Assert.Equal(2, fake.CountCalls("chat.postMessage"));
        Assert.False(fake.Posts.Reader.TryRead(out _));
    }

    [Fact]
    public async Task Web_api_calls_carry_the_right_token_and_charset()
    {
        await using var fake = await FakeSlack.StartAsync();
        await using var host = await TestHost.StartAsync(fake);
        var socket = await NextConnectionAsync(fake);
        await socket.SendAsync(Payloads.EventsEnvelope("e1", Payloads.AppMentionCallback("EvTok", "<@U0BOT> hi")));
        await TestHost.NextPostAsync(fake);

        Assert.All(fake.Calls.Where(c => c.Method == "apps.connections.open"), c => Assert.Equal("Bearer " + FakeSlack.AppToken, c.Authorization));
        Assert.All(fake.Calls.Where(c => c.Method != "apps.connections.open"), c => Assert.Equal("Bearer " + FakeSlack.BotToken, c.Authorization));
        var post = fake.Calls.Single(c => c.Method == "chat.postMessage");
        Assert.Equal("application/json; charset=utf-8", post.ContentType);
        Assert.Contains(fake.Calls, c => c.Method == "auth.test");
    }
}

public class SocketModeIdleTests
{
    [Fact]
    public async Task Idle_socket_is_swapped_for_a_fresh_one_without_a_gap()
    {
        await using var fake = await FakeSlack.StartAsync();
        await using var host = await TestHost.StartAsync(fake, extra: new Dictionary<string, string?> { ["Slack:SocketIdleTimeout"] = "00:00:01" });
        var first = await TestHost.Within(fake.Connections.Reader.ReadAsync().AsTask());
        var second = await TestHost.Within(fake.Connections.Reader.ReadAsync().AsTask());
        await first.Closed.Task.WaitAsync(TestHost.Timeout);
        Assert.True(second.OpenedAt < first.ClosedAt);
    }
}

public class SocketModeStartTests
{
    [Fact]
    public async Task Link_disabled_before_hello_stops_without_retrying()
    {
        await using var fake = await FakeSlack.StartAsync();
        fake.AutoHello = false;
        await using var host = await TestHost.StartAsync(fake);
        var socket = await TestHost.Within(fake.Connections.Reader.ReadAsync().AsTask());
        await socket.SendAsync(Payloads.Disconnect("link_disabled"));
        await socket.Closed.Task.WaitAsync(TestHost.Timeout);
        var readiness = host.App.Services.GetRequiredService<SlackReadiness>();
        await TestHost.WaitUntilAsync(() => readiness.StoppedReason is not null);
        Assert.Contains("link_disabled", readiness.StoppedReason);
        await host.WaitForReadyzAsync(503);
        Assert.Equal(1, fake.CountCalls("apps.connections.open"));
    }
}
