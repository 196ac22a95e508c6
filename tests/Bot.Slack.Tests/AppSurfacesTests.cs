using System.Net;
using System.Text.Json.Nodes;
using Bot.Engine;
using Bot.Engine.Commands;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Slack.Tests;

/// <summary>The App Home tab and the assistant pane, driven by the events Slack sends.</summary>
public class AppSurfacesTests
{
    private static readonly System.Text.Json.JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static async Task<FakeSocket> ConnectAsync(FakeSlack fake) => await TestHost.Within(fake.Connections.Reader.ReadAsync().AsTask());

    private static async Task SendAckedAsync(FakeSocket socket, string envelopeId, string callback)
    {
        await socket.SendAsync(Payloads.EventsEnvelope(envelopeId, callback));
        Assert.Equal(envelopeId, (string?)(await socket.NextAsync())["envelope_id"]);
    }

    [Fact]
    public async Task App_home_is_published_on_open_with_the_headline_commands_and_examples_once_per_user()
    {
        await using var fake = await FakeSlack.StartAsync();
        await using var host = await TestHost.StartAsync(fake);
        var socket = await ConnectAsync(fake);
        var overview = host.App.Services.GetRequiredService<IAnswerEngine>().Overview;

        await SendAckedAsync(socket, "e-home", Payloads.AppHomeOpened("EvHome1"));
        await TestHost.WaitUntilAsync(() => fake.CountCalls("views.publish") == 1);
        var publish = fake.BodiesOf("views.publish").Single();
        Assert.Equal("U222", (string?)publish["user_id"]);
        var view = publish["view"]!.AsObject();
        Assert.Equal("home", (string?)view["type"]);
        var shown = view.ToJsonString(Relaxed);
        Assert.Contains(SlackBlockKit.Escape(overview.Headline), shown);
        Assert.All(CommandCatalog.All, c => Assert.Contains(SlackBlockKit.Escape(c.Usage), shown));
        Assert.NotEmpty(overview.Examples);
        Assert.All(overview.Examples, e => Assert.Contains(SlackBlockKit.Escape(e), shown));

        // Opened again soon after, and the Messages tab: nothing to publish. A mention after them is answered, so they were handled.
        await SendAckedAsync(socket, "e-home-2", Payloads.AppHomeOpened("EvHome2"));
        await SendAckedAsync(socket, "e-messages", Payloads.AppHomeOpened("EvHome3", tab: "messages", user: "U999"));
        await SendAckedAsync(socket, "e-sentinel", Payloads.AppMentionCallback("EvSentinel", "<@U0BOT> summary", channel: "D111"));
        await TestHost.NextPostAsync(fake);
        Assert.Equal(1, fake.CountCalls("views.publish"));

        // Someone else opening it gets it too.
        await SendAckedAsync(socket, "e-home-other", Payloads.AppHomeOpened("EvHome4", user: "U333"));
        await TestHost.WaitUntilAsync(() => fake.CountCalls("views.publish") == 2);
        Assert.Equal("U333", (string?)fake.BodiesOf("views.publish")[1]["user_id"]);
    }

    [Fact]
    public async Task Assistant_thread_gets_suggested_prompts_a_status_then_the_answer_in_the_thread()
    {
        await using var fake = await FakeSlack.StartAsync();
        await using var host = await TestHost.StartAsync(fake);
        var socket = await ConnectAsync(fake);
        var overview = host.App.Services.GetRequiredService<IAnswerEngine>().Overview;

        await SendAckedAsync(socket, "e-start", Payloads.AssistantThread("EvStart"));
        await TestHost.WaitUntilAsync(() => fake.CountCalls("assistant.threads.setSuggestedPrompts") == 1);
        var suggested = fake.BodiesOf("assistant.threads.setSuggestedPrompts").Single();
        Assert.Equal("D111", (string?)suggested["channel_id"]);
        Assert.Equal("1729999327.187299", (string?)suggested["thread_ts"]);
        var prompts = suggested["prompts"]!.AsArray();
        Assert.InRange(prompts.Count, 1, 4);
        Assert.Equal(overview.Examples.Take(4), prompts.Select(p => (string?)p!["message"]));
        Assert.All(prompts, p => Assert.False(string.IsNullOrWhiteSpace((string?)p!["title"])));

        // The user moves to another channel: acknowledged, nothing called.
        await SendAckedAsync(socket, "e-context", Payloads.AssistantThread("EvContext", type: "assistant_thread_context_changed"));

        await SendAckedAsync(socket, "e-q1", Payloads.AssistantMessage("EvQ1", "who quit?", ts: "1729999330.000100"));
        var answer = await TestHost.NextPostAsync(fake);
        Assert.Equal("D111", (string?)answer["channel"]);
        Assert.Equal("1729999327.187299", (string?)answer["thread_ts"]);
        Assert.All(SocketModeTests.SevenSurnames, name => Assert.Contains(name, answer.ToJsonString()));
        Assert.NotNull(InteractivityTests.Button(answer, "factbot_helpful"));

        var status = Assert.Single(fake.BodiesOf("assistant.threads.setStatus"));
        Assert.Equal(SlackBot.LookingItUp, (string?)status["status"]);
        Assert.Equal("1729999327.187299", (string?)status["thread_ts"]);
        var title = Assert.Single(fake.BodiesOf("assistant.threads.setTitle"));
        Assert.Equal("who quit?", (string?)title["title"]);
        var order = fake.Calls.Select(c => c.Method).Where(m => m is "assistant.threads.setStatus" or "chat.postMessage").ToList();
        Assert.Equal(["assistant.threads.setStatus", "chat.postMessage"], order);

        // Our own reply comes back as message.im: never answered. A follow-up is, in the same conversation, and not retitled.
        await SendAckedAsync(socket, "e-echo", Payloads.AssistantMessage("EvEcho", "Seven MPs left", ts: "1729999331.000100", user: FakeSlack.BotUserId, botId: FakeSlack.BotId));
        await SendAckedAsync(socket, "e-q2", Payloads.AssistantMessage("EvQ2", "what did corbyn say?", ts: "1729999332.000100"));
        var second = await TestHost.NextPostAsync(fake);
        Assert.Contains("Corbyn", second.ToJsonString());
        Assert.Equal("1729999327.187299", (string?)second["thread_ts"]);
        Assert.False(fake.Posts.Reader.TryRead(out _));
        Assert.Equal(2, fake.CountCalls("assistant.threads.setStatus"));
        Assert.Equal(1, fake.CountCalls("assistant.threads.setTitle"));
    }

    [Fact]
    public async Task A_direct_message_outside_the_assistant_pane_is_answered_in_the_dm_without_a_status()
    {
        await using var fake = await FakeSlack.StartAsync();
        await using var host = await TestHost.StartAsync(fake);
        var socket = await ConnectAsync(fake);

        await SendAckedAsync(socket, "e-dm", Payloads.AssistantMessage("EvDm", "who quit?", ts: "1729999340.000100", threadTs: null));
        var answer = await TestHost.NextPostAsync(fake);
        Assert.Equal("D111", (string?)answer["channel"]);
        Assert.Null(answer["thread_ts"]);
        Assert.All(SocketModeTests.SevenSurnames, name => Assert.Contains(name, answer.ToJsonString()));
        Assert.Equal(0, fake.CountCalls("assistant.threads.setStatus"));
        Assert.Equal(0, fake.CountCalls("assistant.threads.setTitle"));
    }

    [Fact]
    public async Task Assistant_events_over_http_are_verified_then_handled()
    {
        await using var fake = await FakeSlack.StartAsync();
        await using var host = await TestHost.StartAsync(fake, socketMode: false, httpMode: true);

        using (var forged = await host.PostSignedAsync(Payloads.AssistantThread("EvForged"), "application/json", signature: "v0=" + new string('0', 64)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        }

        using (var started = await host.PostSignedAsync(Payloads.AssistantThread("EvStarted"), "application/json"))
        {
            Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        }

        await TestHost.WaitUntilAsync(() => fake.CountCalls("assistant.threads.setSuggestedPrompts") == 1);
        Assert.Equal("D111", (string?)fake.BodiesOf("assistant.threads.setSuggestedPrompts").Single()["channel_id"]);
    }

    [Fact]
    public void Home_view_and_prompts_fit_slack_limits()
    {
        var overview = new ArticleOverview("A <b> & c", ["one?", "two?", "three?", "four?", "five?", new string('x', 200)]);
        var view = SlackBot.HomeView(overview);
        Assert.InRange(view["blocks"]!.AsArray().Count, 1, 100);
        Assert.Contains("A &lt;b&gt; &amp; c", view.ToJsonString(Relaxed));
        var prompts = SlackBot.SuggestedPrompts(overview);
        Assert.Equal(4, prompts.Count);
        Assert.Equal("One?", (string?)prompts[0]!["title"]);
        Assert.Equal("one?", (string?)prompts[0]!["message"]);

        var fallback = SlackBot.SuggestedPrompts(new ArticleOverview("h", []));
        Assert.Equal(["summary", "help"], fallback.Select(p => (string?)p!["message"]));
    }
}
