using Bot.Engine.Answers;
using Bot.Engine.Understanding;

namespace Bot.Engine.Tests;

public class WordsTests
{
    [Theory]
    [InlineData("London's Mayor", "london mayor")]
    [InlineData("anti-Semitic!", "anti semitic")]
    [InlineData("  Corbyn\u2019s   view ", "corbyn view")]
    [InlineData("haven't", "havent")]
    public void Split_normalises_case_possessives_and_punctuation(string text, string expected)
    {
        Assert.Equal(expected, string.Join(' ', Words.Split(text)));
    }

    [Theory]
    [InlineData("corbyn", "corbin", 1)]
    [InlineData("corbyn", "corbyyn", 1)]
    [InlineData("khan", "kahn", 1)]
    [InlineData("unison", "unite", 3)]
    [InlineData("abc", "abc", 0)]
    public void Distance_counts_edits_and_swaps(string a, string b, int expected)
    {
        Assert.Equal(expected, Words.Distance(a, b, 5));
    }

    [Fact]
    public void Echoed_text_is_capped()
    {
        Assert.Equal(61, Words.ForEcho(Enumerable.Repeat("abcdefghij", 20)).Length);
    }

    [Fact]
    public void Plain_text_rendering_shows_title_bullets_quotes_sources_and_suggestions()
    {
        var answer = new Answer(AnswerKind.Fact, "Title", [AnswerBlock.Paragraph("Para"), AnswerBlock.Bullets(["a", "b"]), AnswerBlock.Quote("q")],
            [new SourceRef(3, "q")], ["/summary"]);

        Assert.Equal("Title\nPara\n• a\n• b\n> q\nSource: article sentence 3\nTry: /summary", PlainTextRenderer.Render(answer));
    }
}
