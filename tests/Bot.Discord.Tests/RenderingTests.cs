using System.Text.Json.Nodes;
using Bot.Engine.Answers;
using Bot.Engine.Commands;

namespace Bot.Discord.Tests;

public class RenderingTests
{
    private static int EmbedTotal(JsonNode embed) =>
        ((string?)embed["title"] ?? "").Length + ((string?)embed["description"] ?? "").Length
        + (embed["fields"]?.AsArray().Sum(f => ((string)f!["name"]!).Length + ((string)f["value"]!).Length) ?? 0);

    [Fact]
    public void HugeAnswersStayWithinDiscordLimits()
    {
        var answer = new Answer(
            AnswerKind.Fact,
            new string('T', 1000),
            [AnswerBlock.Bullets(Enumerable.Range(0, 200).Select(i => $"line {i} " + new string('x', 200))), AnswerBlock.Quote(new string('q', 3000))],
            Enumerable.Range(1, 100).Select(i => new SourceRef(i, new string('s', 100))).ToList(),
            Enumerable.Range(1, 100).Select(i => "/reaction someone" + i).ToList());

        var message = EmbedRenderer.Render(answer);
        var embed = message["embeds"]![0]!;
        Assert.True(((string)message["content"]!).Length <= EmbedRenderer.ContentMax);
        Assert.True(EmbedRenderer.RenderEmbed(answer)["title"]!.GetValue<string>().Length <= 256);
        Assert.True(((string)embed["description"]!).Length <= 4096);
        Assert.True(embed["fields"]!.AsArray().Count <= 25);
        Assert.All(embed["fields"]!.AsArray(), f => Assert.True(((string)f!["value"]!).Length <= 1024));
        Assert.True(EmbedTotal(embed) <= 6000, $"embed total {EmbedTotal(embed)}");
        Assert.EndsWith("…", (string)embed["description"]!);

        var plain = EmbedRenderer.RenderPlain(answer);
        Assert.True(((string)plain["content"]!).Length <= 2000);
    }

    [Fact]
    public void UserTextIsEscapedAndNeverPings()
    {
        var answer = new Answer(AnswerKind.NotFound, "No reaction from @everyone",
            [AnswerBlock.Paragraph("<@123> said **bold** _it_ ~~x~~ `code` @here [link](http://x)", "# heading", "> quote", "1. list")], [], []);

        var message = EmbedRenderer.Render(answer);
        var description = (string)message["embeds"]![0]!["description"]!;
        Assert.DoesNotContain("@everyone", (string)message["content"]!);
        Assert.Contains(@"\<@123>", description);
        Assert.Contains(@"\*\*bold\*\*", description);
        Assert.Contains(@"\_it\_", description);
        Assert.Contains(@"\`code\`", description);
        Assert.Contains(@"\[link\]", description);
        Assert.DoesNotContain("@here", description);
        Assert.Contains("\n\\# heading", description);
        Assert.Contains("\n\\> quote", description);
        Assert.Contains("1\\. list", description);
        Assert.Equal("[]", message["allowed_mentions"]!["parse"]!.ToJsonString());
    }

    [Fact]
    public void ErrorsAndPrivateAnswersAreEphemeral()
    {
        var error = new Answer(AnswerKind.Error, "Oops", [AnswerBlock.Paragraph("x")], [], []);
        var privateFact = new Answer(AnswerKind.Fact, "Psst", [AnswerBlock.Paragraph("x")], [], [], AnswerVisibility.Private);
        var publicFact = new Answer(AnswerKind.Fact, "Hi", [AnswerBlock.Paragraph("x")], [], []);

        Assert.Equal(64, (int)EmbedRenderer.Render(error)["flags"]!);
        Assert.Equal(64, (int)EmbedRenderer.Render(privateFact)["flags"]!);
        Assert.Null(EmbedRenderer.Render(publicFact)["flags"]);
    }

    [Fact]
    public void AutocompleteChoicesAreClampedToWhatDiscordAccepts()
    {
        var choices = Enumerable.Range(0, 40).Select(i => new Choice("name " + i, "value" + i))
            .Prepend(new Choice("  ", "blank"))
            .Prepend(new Choice(new string('n', 150), "long-name"))
            .Prepend(new Choice("long value", new string('v', 101)));

        var result = InteractionHandler.AutocompleteChoices(choices);

        Assert.Equal(25, result.Count);
        Assert.All(result, c => Assert.InRange(((string)c!["name"]!).Length, 1, 100));
        Assert.DoesNotContain(result, c => (string)c!["value"]! == "blank");
    }

    [Fact]
    public void RegistrationPayloadComesFromTheCatalog()
    {
        var all = CommandRegistrar.Payload();
        var payload = all.Where(c => (int)c!["type"]! == 1).ToList();

        Assert.Equal(CommandCatalog.All.Select(c => c.Name), payload.Select(c => (string)c!["name"]!));
        Assert.All(payload, c =>
        {
            Assert.Matches("^[-_'a-z0-9]{1,32}$", (string)c!["name"]!);
            Assert.InRange(((string)c["description"]!).Length, 1, 100);
            foreach (var (locale, text) in c["description_localizations"]!.AsObject())
            {
                Assert.Contains(locale, new[] { "de", "fr" });
                Assert.InRange(((string)text!).Length, 1, 100);
            }
        });
        var message = Assert.Single(all, c => (int)c!["type"]! == 3)!;
        Assert.Equal(CommandCatalog.AskAboutMessage.Name, (string)message["name"]!);
        Assert.Equal("", (string)message["description"]!);
        Assert.All(message["name_localizations"]!.AsObject(), l => Assert.InRange(((string)l.Value!).Length, 1, 32));
        Assert.Equal(all.Count, payload.Count + 1);
        var reaction = payload.Single(c => (string)c!["name"]! == "reaction")!;
        var who = reaction["options"]![0]!;
        Assert.Equal("who", (string)who["name"]!);
        Assert.Equal(3, (int)who["type"]!);
        Assert.True((bool)who["required"]!);
        Assert.True((bool)who["autocomplete"]!);
        var whoLeft = payload.Single(c => (string)c!["name"]! == "who-left")!;
        Assert.False((bool)whoLeft["options"]![0]!["required"]!);
    }

    [Fact]
    public void ButtonsGoFiveToARowAndTheirIdsFitDiscordsLimit()
    {
        var button = new AnswerButton(AnswerAction.Source, "Source", "fb1.src|f|1||");
        var rows = EmbedRenderer.Components([.. Enumerable.Repeat(button, 12)]);
        Assert.Equal([5, 5, 2], rows.Select(r => r!["components"]!.AsArray().Count));
        Assert.All(rows, r => Assert.Equal(1, (int)r!["type"]!));
        Assert.Equal(5, EmbedRenderer.Components([.. Enumerable.Repeat(button, 40)]).Count);

        var answer = new Answer(AnswerKind.Fact, "T", [], [new SourceRef(3, "q", "left-date"), new SourceRef(11, "q", "reaction:corbyn")], [], AnswerVisibility.Private);
        var message = EmbedRenderer.WithButtons(new JsonObject(), answer, "did 🌹 labour " + new string('x', 300) + " @everyone");
        var ids = message["components"]!.AsArray().SelectMany(r => r!["components"]!.AsArray()).Select(b => (string)b!["custom_id"]!).ToList();
        Assert.Equal(4, ids.Count);
        Assert.Equal(4, ids.Distinct().Count());
        Assert.All(ids, id =>
        {
            Assert.InRange(id.Length, 1, 100);
            Assert.True(AnswerActions.TryRead(id, out _));
        });
    }

    [Fact]
    public void InvitePermissionsAreTheFiveWeNeed()
    {
        Assert.Equal(1024UL + 2048UL + 274877906944UL + 34359738368UL + 65536UL, CommandRegistrar.InvitePermissions);
        Assert.Equal(309237713920UL, CommandRegistrar.InvitePermissions);
        Assert.Equal(
            "https://discord.com/oauth2/authorize?client_id=123&scope=bot%20applications.commands&permissions=309237713920",
            CommandRegistrar.InviteUrl("123"));
        Assert.Equal(
            "https://discord.com/oauth2/authorize?client_id=123&integration_type=1&scope=applications.commands",
            CommandRegistrar.UserInstallUrl("123"));
    }

    [Theory]
    [InlineData("POST", "/channels/435923868503506954/messages", "POST /channels/:id/messages 435923868503506954")]
    [InlineData("POST", "/interactions/786008729715212338/some-token/callback", "POST /interactions/:id/:token/callback")]
    [InlineData("PATCH", "/webhooks/123456789012/tok.en/messages/@original", "PATCH /webhooks/:id/:token/messages/@original 123456789012")]
    public void RouteKeysGroupRequestsLikeDiscordBuckets(string method, string path, string expected) =>
        Assert.Equal(expected, DiscordRestClient.RouteKey(new HttpMethod(method), path));

    [Fact]
    public void MentionIsStrippedFromTheText() =>
        Assert.Equal("who left?", MentionHandler.StripMention("<@42> who left? <@!42>", "42"));

    private const string Quote = "Corbyn expressed his disappointment at the MPs' decision";

    private static int Count(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    [Fact]
    public void A_reply_says_its_title_and_its_quote_once()
    {
        var answer = new Answer(
            AnswerKind.Fact,
            "Jeremy Corbyn's reaction",
            [AnswerBlock.Paragraph("Jeremy Corbyn was disappointed."), AnswerBlock.Quote(Quote)],
            [new SourceRef(11, Quote)],
            ["/reaction cable"]);

        var message = EmbedRenderer.Render(answer);
        var json = message.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

        Assert.Equal(1, Count(json, "Jeremy Corbyn's reaction"));
        Assert.Equal(1, Count(json, "disappointment at the MPs"));
        Assert.Contains("Sentence 11", json);
        Assert.Equal(1, Count(json, "/reaction cable"));
    }

    [Theory]
    [InlineData(AnswerKind.NotFound, "The article doesn't give a name for the new group.")]
    [InlineData(AnswerKind.Error, "I couldn't answer that one. Try /who-left, /summary, or help.")]
    public void A_reply_says_what_to_try_once(AnswerKind kind, string body)
    {
        var answer = new Answer(kind, "Not in the article", [AnswerBlock.Paragraph(body)], [], ["/summary", "help"]);

        var json = EmbedRenderer.Render(answer, allowEphemeral: false).ToJsonString();

        Assert.Equal(1, Count(json, "Try"));
    }
}
