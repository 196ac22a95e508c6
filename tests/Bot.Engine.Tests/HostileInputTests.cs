using Bot.Engine.Answers;
using Bot.Engine.Commands;

namespace Bot.Engine.Tests;

public class HostileInputTests
{
    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("@everyone")]
    [InlineData("<@U123> <!channel>")]
    [InlineData("\u0000\u0007\u001b[31m")]
    [InlineData("'; DROP TABLE facts; --")]
    [InlineData("{{7*7}} ${jndi:ldap://x}")]
    public void Markup_and_control_characters_are_never_reflected(string hostile)
    {
        foreach (var request in new[] { BotRequest.ForMention(hostile), BotRequest.ForCommand("reaction", hostile), BotRequest.ForCommand("who-left", hostile), BotRequest.ForCommand(hostile, hostile) })
        {
            var text = PlainTextRenderer.Render(Shipped.Engine.Answer(request));

            Assert.DoesNotContain("<script", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("@everyone", text);
            Assert.DoesNotContain("<@U123>", text);
            Assert.DoesNotContain("<!channel>", text);
            Assert.DoesNotContain("${", text);
            Assert.DoesNotContain("{{", text);
            Assert.DoesNotContain(text, c => char.IsControl(c) && c != '\n');
        }
    }

    [Fact]
    public void Overlong_text_is_answered_from_its_start_and_never_echoed_in_full()
    {
        var tail = string.Concat(Enumerable.Repeat("zebra ", 2000));
        var longQuestion = "why did they quit? " + tail;

        var answer = Shipped.Engine.Answer(BotRequest.ForMention(longQuestion));
        var reaction = PlainTextRenderer.Render(Shipped.Engine.Answer(BotRequest.ForCommand("reaction", tail)));

        Assert.Contains("Brexit", PlainTextRenderer.Render(answer));
        Assert.True(reaction.Length < 1000, $"echoed {reaction.Length} characters");
    }

    [Fact]
    public void Empty_and_whitespace_input_get_a_useful_answer()
    {
        Assert.Equal("Summary", Shipped.Answer("   ").Title);
        Assert.Equal(AnswerKind.Help, Shipped.Engine.Answer(BotRequest.ForCommand("", null)).Kind);
        Assert.Equal("Summary", Shipped.Engine.Answer(BotRequest.ForMention("???")).Title);
    }

    [Fact]
    public void Unicode_lookalikes_and_emoji_do_not_break_anything()
    {
        Assert.Contains("disappointment", Shipped.Text("/reaction Corbyn 🙄"));
        Assert.Contains("disappointment", Shipped.Text("/reaction ＣＯＲＢＹＮ"));
        // Emoji alone are no name: the same as no argument, never "a reaction from ." with nothing in it.
        Assert.Equal(Shipped.Text("/reaction"), Shipped.Text("/reaction 🙄🙄🙄"));
    }
}
