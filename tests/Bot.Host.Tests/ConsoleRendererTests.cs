using Bot.Engine.Answers;

namespace Bot.Host.Tests;

/// <summary>The console chat's answers: quotes set apart from the "> " prompt, and each thing said once.</summary>
public class ConsoleRendererTests
{
    private const string Quote = "Corbyn expressed his disappointment at the MPs' decision";

    [Fact]
    public void A_quote_is_indented_in_quotation_marks_not_marked_like_the_prompt()
    {
        var answer = new Answer(AnswerKind.Fact, "Jeremy Corbyn's reaction", [AnswerBlock.Paragraph("He was disappointed."), AnswerBlock.Quote(Quote)], [new SourceRef(11, Quote)], ["/reaction cable"]);

        var lines = ConsoleRenderer.Render(answer).Split('\n');

        Assert.DoesNotContain(lines, l => l.StartsWith('>'));
        Assert.Contains($"{ConsoleRenderer.QuoteIndent}“{Quote}”", lines);
        Assert.Single(lines, l => l.Contains("disappointment at the MPs", StringComparison.Ordinal));
        Assert.Single(lines, l => l == "Source: article sentence 11");
    }

    [Theory]
    [InlineData(AnswerKind.NotFound, "The article doesn't give a name for the new group.")]
    [InlineData(AnswerKind.Error, "I couldn't answer that one. Try /who-left, /summary, or help.")]
    public void A_reply_says_what_to_try_once(AnswerKind kind, string body)
    {
        var answer = new Answer(kind, "Not in the article", [AnswerBlock.Paragraph(body)], [], ["/summary", "help"]);

        Assert.Single(ConsoleRenderer.Render(answer).Split('\n'), l => l.Contains("Try", StringComparison.Ordinal));
    }

    [Fact]
    public void A_source_line_the_body_already_has_is_not_added_again()
    {
        // Several questions in one message: the engine writes each part's source into the body.
        var answer = new Answer(
            AnswerKind.Fact,
            "Two answers",
            [AnswerBlock.Paragraph("First:"), AnswerBlock.Paragraph("Seven left."), AnswerBlock.Paragraph("Source: article sentences 1, 2")],
            [new SourceRef(1, "a"), new SourceRef(2, "b")],
            []);

        Assert.Single(ConsoleRenderer.Render(answer).Split('\n'), l => l.StartsWith("Source:", StringComparison.Ordinal));
    }
}
