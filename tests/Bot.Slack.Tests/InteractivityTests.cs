using System.Net;
using System.Text.Json.Nodes;
using Bot.Engine;
using Bot.Engine.Answers;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Slack.Tests;

/// <summary>The buttons under answers and the message shortcut, on the real wire: signed HTTP and Socket Mode.</summary>
public sealed class InteractivityTests : IDisposable
{
    private const string Form = "application/x-www-form-urlencoded";

    private readonly string _feedbackFile = Path.Combine(Path.GetTempPath(), $"factbot-feedback-{Guid.NewGuid():N}.jsonl");

    public void Dispose() => File.Delete(_feedbackFile);

    private Task<TestHost> StartAsync(FakeSlack fake, bool socketMode = false, bool httpMode = true) =>
        TestHost.StartAsync(fake, socketMode, httpMode, extra: new Dictionary<string, string?>
        {
            ["Feedback:Path"] = _feedbackFile,
            ["Logging:LogLevel:Bot.Slack.SlackBot"] = "Debug",
        });

    /// <summary>The button with <paramref name="actionId"/> in a message's actions block, or null.</summary>
    internal static JsonObject? Button(JsonObject message, string actionId) =>
        message["blocks"]?.AsArray()
            .Where(b => (string?)b!["type"] == "actions")
            .SelectMany(b => b!["elements"]!.AsArray())
            .Select(e => e!.AsObject())
            .FirstOrDefault(e => (string?)e["action_id"] == actionId);

    private static async Task<JsonObject> NextResponseUrlPostAsync(FakeSlack fake) =>
        await TestHost.Within(fake.ResponseUrlPosts.Reader.ReadAsync().AsTask());

    private static async Task<JsonObject> CommandAsync(TestHost host, string command, string text)
    {
        using var response = await host.PostSignedAsync(Payloads.CommandForm(command, text), Form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    /// <summary>
    /// A command's answer wherever it arrives: in the ack, or, when answering took longer than the ack's budget (the
    /// model still loading on a busy machine), in the follow-up to the response_url.
    /// </summary>
    private static async Task<JsonObject> AnswerAsync(TestHost host, FakeSlack fake, string command, string text)
    {
        var form = Payloads.CommandForm(command, text).Replace(
            "response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2F", "response_url=" + Uri.EscapeDataString(fake.Root + "/hooks/commands/"), StringComparison.Ordinal);
        using var response = await host.PostSignedAsync(form, Form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ack = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        return (string?)ack["text"] == "Working on it…" ? await NextResponseUrlPostAsync(fake) : ack;
    }

    [Fact]
    public async Task Command_answers_carry_source_and_feedback_buttons_and_private_ones_a_share_button()
    {
        await using var fake = await FakeSlack.StartAsync();
        await using var host = await StartAsync(fake);

        var who = await CommandAsync(host, "/who-left", "");
        Assert.Equal("in_channel", (string?)who["response_type"]);
        Assert.NotNull(Button(who, "factbot_source"));
        Assert.NotNull(Button(who, "factbot_helpful"));
        Assert.NotNull(Button(who, "factbot_not_helpful"));
        Assert.Null(Button(who, "factbot_share"));
        Assert.True(AnswerActions.TryRead((string?)Button(who, "factbot_helpful")!["value"], out var click));
        Assert.Equal("/who-left", click.Question);
        Assert.Equal("actions", (string?)who["blocks"]!.AsArray()[^1]!["type"]);

        // Private (ephemeral) answers can be shared.
        var usage = await CommandAsync(host, "/ask", "");
        Assert.Equal("ephemeral", (string?)usage["response_type"]);
        Assert.NotNull(Button(usage, "factbot_share"));
    }

    [Fact]
    public async Task Source_click_over_http_is_verified_acked_and_answered_privately_with_the_sentences()
    {
        await using var fake = await FakeSlack.StartAsync();
        await using var host = await StartAsync(fake);
        var answer = await CommandAsync(host, "/reaction", "corbyn");
        var value = (string)Button(answer, "factbot_source")!["value"]!;
        Assert.True(AnswerActions.TryRead(value, out var click));
        Assert.NotEmpty(click.Sentences);

        using var ack = await host.PostSignedAsync(Payloads.InteractionForm(Payloads.BlockActions(fake.ActionsResponseUrl(), "factbot_source", value)), Form);
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        Assert.Empty(await ack.Content.ReadAsStringAsync());

        var post = await NextResponseUrlPostAsync(fake);
        Assert.Equal("ephemeral", (string?)post["response_type"]);
        Assert.False(post["replace_original"]!.GetValue<bool>());
        var engine = host.App.Services.GetRequiredService<IAnswerEngine>();
        var passages = engine.Passages(click.Sentences);
        Assert.Equal(AnswerKind.Fact, passages.Kind);
        Assert.Equal((string?)SlackBlockKit.Render(passages)["text"], (string?)post["text"]);
        Assert.Contains("Corbyn", post.ToJsonString());
        Assert.Null(Button(post, "factbot_source"));
    }

    [Fact]
    public async Task Thumbs_up_over_socket_mode_is_acked_recorded_and_thanked_privately()
    {
        await using var fake = await FakeSlack.StartAsync();
        await using var host = await StartAsync(fake, socketMode: true, httpMode: false);
        var socket = await TestHost.Within(fake.Connections.Reader.ReadAsync().AsTask());

        // A mention's reply carries the buttons too.
        await socket.SendAsync(Payloads.EventsEnvelope("env-mention", Payloads.AppMentionCallback("EvUp", "<@U0BOT> who left?")));
        Assert.Equal("env-mention", (string?)(await socket.NextAsync())["envelope_id"]);
        var reply = await TestHost.NextPostAsync(fake);
        var up = Button(reply, "factbot_helpful");
        Assert.NotNull(up);

        await socket.SendAsync(Payloads.InteractiveEnvelope("env-click", Payloads.BlockActions(fake.ActionsResponseUrl(), "factbot_helpful", (string)up["value"]!)));
        Assert.Equal("""{"envelope_id":"env-click"}""", (await socket.NextAsync()).ToJsonString());

        var thanks = await NextResponseUrlPostAsync(fake);
        Assert.Equal("ephemeral", (string?)thanks["response_type"]);
        Assert.StartsWith("Thanks, noted", (string?)thanks["text"]);
        Assert.False(thanks["replace_original"]!.GetValue<bool>());

        var line = Assert.Single(await File.ReadAllLinesAsync(_feedbackFile));
        var entry = JsonNode.Parse(line)!.AsObject();
        Assert.Equal("slack", (string?)entry["platform"]);
        Assert.True(entry["helpful"]!.GetValue<bool>());
        Assert.Equal("who left?", (string?)entry["question"]);
        Assert.Equal("fact", (string?)entry["answerKind"]);
        Assert.NotEmpty(entry["topics"]!.AsArray());
        Assert.DoesNotContain("U222", line);
        Assert.Equal(Bot.Runtime.Feedback.FeedbackEntry.OpaqueUser("slack", "T111", "U222"), (string?)entry["user"]);
    }

    [Fact]
    public async Task Message_shortcut_answers_the_message_text_privately_with_a_share_button()
    {
        await using var fake = await FakeSlack.StartAsync();
        await using var host = await StartAsync(fake);

        using var ack = await host.PostSignedAsync(Payloads.InteractionForm(Payloads.MessageAction(fake.ActionsResponseUrl(), "<@U0BOT> who quit?")), Form);
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);

        var post = await NextResponseUrlPostAsync(fake);
        Assert.Equal("ephemeral", (string?)post["response_type"]);
        Assert.False(post["replace_original"]!.GetValue<bool>());
        Assert.All(SocketModeTests.SevenSurnames, name => Assert.Contains(name, post.ToJsonString()));
        var share = Button(post, "factbot_share");
        Assert.NotNull(share);
        Assert.True(AnswerActions.TryRead((string?)share["value"], out var click));
        Assert.Equal("who quit?", click.Question);

        // Another app's shortcut is acked and left alone: the next post is for ours.
        using (var other = await host.PostSignedAsync(Payloads.InteractionForm(Payloads.MessageAction(fake.ActionsResponseUrl(), "who quit?", callbackId: "someone_else")), Form))
        {
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        }

        using (var empty = await host.PostSignedAsync(Payloads.InteractionForm(Payloads.MessageAction(fake.ActionsResponseUrl(), "<@U0BOT>")), Form))
        {
            Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        }

        Assert.Contains("no text to ask about", (string?)(await NextResponseUrlPostAsync(fake))["text"]);
    }

    [Fact]
    public async Task Share_over_socket_mode_posts_the_answer_in_channel_and_deletes_the_private_copy()
    {
        await using var fake = await FakeSlack.StartAsync();
        await using var host = await StartAsync(fake, socketMode: true, httpMode: false);
        var socket = await TestHost.Within(fake.Connections.Reader.ReadAsync().AsTask());

        await socket.SendAsync(Payloads.InteractiveEnvelope("env-shortcut", Payloads.MessageAction(fake.ActionsResponseUrl("shortcut"), "what did sadiq khan say?")));
        Assert.Equal("env-shortcut", (string?)(await socket.NextAsync())["envelope_id"]);
        var mine = await NextResponseUrlPostAsync(fake);
        Assert.Equal("ephemeral", (string?)mine["response_type"]);
        var share = (string)Button(mine, "factbot_share")!["value"]!;

        await socket.SendAsync(Payloads.InteractiveEnvelope("env-share", Payloads.BlockActions(fake.ActionsResponseUrl("share"), "factbot_share", share, ephemeral: true)));
        Assert.Equal("env-share", (string?)(await socket.NextAsync())["envelope_id"]);

        var shared = await NextResponseUrlPostAsync(fake);
        Assert.Equal("in_channel", (string?)shared["response_type"]);
        Assert.False(shared["replace_original"]!.GetValue<bool>());
        Assert.Contains("Khan", shared.ToJsonString());
        Assert.Equal((string?)mine["text"], (string?)shared["text"]);
        // Shared, it is public: no second Share, still a source and feedback.
        Assert.Null(Button(shared, "factbot_share"));
        Assert.NotNull(Button(shared, "factbot_helpful"));

        var delete = await NextResponseUrlPostAsync(fake);
        Assert.True(delete["delete_original"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_click_under_the_longest_answer_fits_the_request_limit()
    {
        await using var fake = await FakeSlack.StartAsync();
        await using var host = await StartAsync(fake);
        // Several questions in one: the longest answers the bot gives, with every button.
        var answer = await AnswerAsync(
            host, fake, "/ask", "who left? what did corbyn say? what did sadiq khan say? what did unison say? why did they leave? what did vince cable say? why haven't they joined the lib dems?");
        answer["ts"] = "1548261231.000200";
        var value = (string)Button(answer, "factbot_source")!["value"]!;
        var body = Payloads.InteractionForm(Payloads.BlockActions(fake.ActionsResponseUrl(), "factbot_source", value, message: answer));
        Assert.True(body.Length > 4_000, $"the click should carry the whole answer ({body.Length} bytes)");

        using var ack = await host.PostSignedAsync(body, Form);
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        Assert.Equal("ephemeral", (string?)(await NextResponseUrlPostAsync(fake))["response_type"]);
    }

    [Fact]
    public async Task Forged_or_stale_signature_on_a_click_gets_401_and_a_forged_button_nothing()
    {
        await using var fake = await FakeSlack.StartAsync();
        await using var host = await StartAsync(fake);
        var answer = await CommandAsync(host, "/who-left", "");
        var value = (string)Button(answer, "factbot_helpful")!["value"]!;
        var click = Payloads.InteractionForm(Payloads.BlockActions(fake.ActionsResponseUrl(), "factbot_helpful", value));

        using (var forged = await host.PostSignedAsync(click, Form, signature: TestHost.Sign(TestHost.Now(), System.Text.Encoding.UTF8.GetBytes(click), "not-the-secret")))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        }

        var stale = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 6 * 60).ToString(System.Globalization.CultureInfo.InvariantCulture);
        using (var old = await host.PostSignedAsync(click, Form, timestamp: stale))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        }

        // Signed, but a button value we never made: acked, one Debug line, nothing else.
        var tampered = Payloads.InteractionForm(Payloads.BlockActions(fake.ActionsResponseUrl(), "factbot_helpful", "fb1.up|zz|1|x|hello"));
        using (var bogus = await host.PostSignedAsync(tampered, Form))
        {
            Assert.Equal(HttpStatusCode.OK, bogus.StatusCode);
        }

        using (var broken = await host.PostSignedAsync("payload=%7Bnot+json", Form))
        {
            Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        }

        Assert.Contains(host.Logs, l => l.StartsWith("Debug Bot.Slack.SlackBot", StringComparison.Ordinal) && l.Contains("not one of ours", StringComparison.Ordinal));

        // The first thing to reach the response_url is the answer to this genuine click: nothing came before it.
        using (var genuine = await host.PostSignedAsync(click, Form))
        {
            Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
        }

        Assert.StartsWith("Thanks, noted", (string?)(await NextResponseUrlPostAsync(fake))["text"]);
        Assert.Single(await File.ReadAllLinesAsync(_feedbackFile));
        Assert.False(fake.ResponseUrlPosts.Reader.TryRead(out _));
    }
}
