using System.Text.Json.Nodes;
using Bot.Engine.Answers;

namespace Bot.Slack.Tests;

public class BlockKitTests
{
    private static IEnumerable<JsonObject> Blocks(JsonObject message) => message["blocks"]!.AsArray().Select(b => b!.AsObject());

    private static IEnumerable<string> AllTexts(JsonObject message) =>
        Blocks(message).SelectMany(b => b["type"]!.GetValue<string>() == "context"
            ? b["elements"]!.AsArray().Select(e => e!["text"]!.GetValue<string>())
            : [b["text"]!["text"]!.GetValue<string>()]).Append(message["text"]!.GetValue<string>());

    [Fact]
    public void Renders_header_sections_context_and_fallback()
    {
        var answer = new Answer(AnswerKind.Fact, "Who left", [AnswerBlock.Paragraph("Seven MPs left."), AnswerBlock.Bullets(["Chuka Umunna", "Luciana Berger"]), AnswerBlock.Quote("We have left")],
            [new SourceRef(1, "Seven MPs")], ["/reaction corbyn"]);
        var message = SlackBlockKit.Render(answer);
        var blocks = Blocks(message).ToList();
        Assert.Equal("header", blocks[0]["type"]!.GetValue<string>());
        Assert.Equal("plain_text", blocks[0]["text"]!["type"]!.GetValue<string>());
        Assert.Equal("Who left", blocks[0]["text"]!["text"]!.GetValue<string>());
        Assert.Equal("• Chuka Umunna\n• Luciana Berger", blocks[2]["text"]!["text"]!.GetValue<string>());
        Assert.Equal(">We have left", blocks[3]["text"]!["text"]!.GetValue<string>());
        Assert.Equal("context", blocks[^1]["type"]!.GetValue<string>());
        Assert.Contains("sentence 1", blocks[^1].ToJsonString());
        Assert.Contains("/reaction corbyn", blocks[^1].ToJsonString());
        Assert.StartsWith("Who left\nSeven MPs left.", message["text"]!.GetValue<string>());
    }

    [Fact]
    public void User_text_never_becomes_a_live_mention()
    {
        var hostile = "<!channel> <!everyone> <@U123> <https://evil.example|click> a & b";
        var answer = new Answer(AnswerKind.NotFound, hostile, [AnswerBlock.Paragraph(hostile), AnswerBlock.Quote(hostile)], [new SourceRef(2, hostile)], [hostile]);
        var message = SlackBlockKit.Render(answer);
        foreach (var text in AllTexts(message))
        {
            Assert.DoesNotContain("<", text);
            Assert.DoesNotContain("&lt;!channel&gt;".Replace("&lt;", "<", StringComparison.Ordinal), text);
            Assert.DoesNotContain(" & ", text);
        }

        Assert.Contains("&lt;!channel&gt; &lt;!everyone&gt; &lt;@U123&gt;", message["text"]!.GetValue<string>());
        Assert.Contains("a &amp; b", message["text"]!.GetValue<string>());
    }

    [Fact]
    public void Stays_within_slack_limits()
    {
        var longLine = string.Concat(Enumerable.Repeat("Jeremy & <Corbyn> ", 400)); // 7,200 chars, 10,800 escaped
        var body = Enumerable.Range(0, 80).Select(i => AnswerBlock.Paragraph($"Paragraph {i}", longLine)).ToList();
        var answer = new Answer(AnswerKind.Fact, new string('T', 400), body, Enumerable.Range(1, 30).Select(i => new SourceRef(i, longLine)).ToList(), ["/help"]);
        var message = SlackBlockKit.Render(answer);
        var blocks = Blocks(message).ToList();

        Assert.InRange(blocks.Count, 3, SlackBlockKit.MaxBlocks);
        Assert.InRange(blocks[0]["text"]!["text"]!.GetValue<string>().Length, 1, SlackBlockKit.MaxHeaderChars);
        foreach (var section in blocks.Where(b => b["type"]!.GetValue<string>() == "section"))
        {
            var text = section["text"]!["text"]!.GetValue<string>();
            Assert.InRange(text.Length, 1, SlackBlockKit.MaxSectionChars);
            // A split never leaves half an entity behind.
            Assert.DoesNotMatch("&[a-z]*$", text);
        }

        Assert.InRange(blocks[^1]["elements"]!.AsArray().Count, 1, SlackBlockKit.MaxContextElements);
        Assert.Contains("too long", blocks[^2].ToJsonString());
        Assert.InRange(message["text"]!.GetValue<string>().Length, 1, 4000);
        Assert.InRange(message.ToJsonString().Length, 1, 40_000);
    }

    [Fact]
    public void Escaped_header_is_cut_to_150()
    {
        var message = SlackBlockKit.Render(new Answer(AnswerKind.Fact, string.Concat(Enumerable.Repeat("<&>", 100)), [], [], []));
        var header = Blocks(message).First()["text"]!["text"]!.GetValue<string>();
        Assert.InRange(header.Length, 1, 150);
        Assert.DoesNotContain("<", header);
    }

    [Fact]
    public void Chunk_splits_long_lines_without_cutting_entities()
    {
        var chunks = SlackBlockKit.Chunk(["abc&amp;def"], 5).ToList();
        Assert.Equal("abc&amp;def", string.Concat(chunks));
        Assert.All(chunks, c => Assert.InRange(c.Length, 1, 5));
        Assert.Contains("&amp;", chunks);
    }

    [Fact]
    public void Blank_lines_never_make_empty_sections()
    {
        var message = SlackBlockKit.Render(new Answer(AnswerKind.Fact, "", [AnswerBlock.Paragraph("", "  "), AnswerBlock.Bullets([" "])], [], []));
        Assert.Null(message["blocks"]);
        Assert.False(string.IsNullOrWhiteSpace(message["text"]!.GetValue<string>()));
    }

    [Fact]
    public void Escape_and_unescape_round_trip() =>
        Assert.Equal("a & <b> &amp;", SlackBlockKit.Unescape(SlackBlockKit.Escape("a & <b> &amp;")));

    private const string Quote = "Corbyn expressed his disappointment at the MPs' decision";

    /// <summary>What Slack shows: the blocks (the `text` fallback is for notifications only).</summary>
    private static IEnumerable<string> ShownTexts(JsonObject message) =>
        Blocks(message).SelectMany(b => b["type"]!.GetValue<string>() == "context"
            ? b["elements"]!.AsArray().Select(e => e!["text"]!.GetValue<string>())
            : [b["text"]!["text"]!.GetValue<string>()]);

    private static int Count(IEnumerable<string> texts, string part) =>
        texts.Sum(t => (t.Length - t.Replace(part, "", StringComparison.Ordinal).Length) / part.Length);

    [Fact]
    public void A_reply_shows_its_quote_once_and_the_source_by_number()
    {
        var answer = new Answer(
            AnswerKind.Fact,
            "Jeremy Corbyn's reaction",
            [AnswerBlock.Paragraph("Jeremy Corbyn was disappointed."), AnswerBlock.Quote(Quote)],
            [new SourceRef(11, Quote)],
            ["/reaction cable"]);

        var texts = ShownTexts(SlackBlockKit.Render(answer)).ToList();

        Assert.Equal(1, Count(texts, "disappointment at the MPs"));
        Assert.Equal(1, Count(texts, "Source: article sentence 11"));
        Assert.Equal(1, Count(texts, "Jeremy Corbyn's reaction"));
    }

    [Fact]
    public void A_quote_the_body_does_not_show_is_still_given_with_its_source()
    {
        var answer = new Answer(AnswerKind.Fact, "Who left", [AnswerBlock.Paragraph("Seven MPs left.")], [new SourceRef(1, "Seven MPs resigned")], []);

        Assert.Contains(AllTexts(SlackBlockKit.Render(answer)), t => t.Contains("Source: article sentence 1 — “Seven MPs resigned”", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(AnswerKind.NotFound, "The article doesn't give a name for the new group.")]
    [InlineData(AnswerKind.Error, "I couldn't answer that one. Try /who-left, /summary, or help.")]
    public void A_reply_says_what_to_try_once(AnswerKind kind, string body)
    {
        var answer = new Answer(kind, "Not in the article", [AnswerBlock.Paragraph(body)], [], ["/summary", "help"]);

        Assert.Equal(1, Count(ShownTexts(SlackBlockKit.Render(answer)), "Try"));
    }

    [Fact]
    public void Buttons_go_last_in_one_actions_block_within_the_block_limit()
    {
        var body = Enumerable.Range(0, 80).Select(i => AnswerBlock.Paragraph($"Paragraph {i}")).ToList();
        var answer = new Answer(AnswerKind.Fact, "Many", body, [new SourceRef(3, "Seven MPs", "left-date")], ["/help"], AnswerVisibility.Private);
        var buttons = AnswerActions.For(answer, "who left?", AnswerActions.SlackValueLimit);
        var message = SlackBlockKit.Render(answer, buttons);
        var blocks = Blocks(message).ToList();

        Assert.InRange(blocks.Count, 3, SlackBlockKit.MaxBlocks);
        Assert.Equal("context", blocks[^2]["type"]!.GetValue<string>());
        var actions = blocks[^1];
        Assert.Equal("actions", actions["type"]!.GetValue<string>());
        var elements = actions["elements"]!.AsArray().Select(e => e!.AsObject()).ToList();
        Assert.Equal(["factbot_source", "factbot_share", "factbot_helpful", "factbot_not_helpful"], elements.Select(e => e["action_id"]!.GetValue<string>()));
        Assert.All(elements, e => Assert.Equal("button", e["type"]!.GetValue<string>()));
        Assert.All(elements, e => Assert.InRange(e["value"]!.GetValue<string>().Length, 1, AnswerActions.SlackValueLimit));
        Assert.Equal(buttons.Select(b => b.Id), elements.Select(e => e["value"]!.GetValue<string>()));
        Assert.Equal(["Source", "Share", "👍", "👎"], elements.Select(e => e["text"]!["text"]!.GetValue<string>()));

        // No buttons, no actions block.
        Assert.DoesNotContain(Blocks(SlackBlockKit.Render(answer)), b => b["type"]!.GetValue<string>() == "actions");
    }
}
