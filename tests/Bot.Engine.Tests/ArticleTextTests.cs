using Bot.Engine.Content;

namespace Bot.Engine.Tests;

public class ArticleTextTests
{
    [Fact]
    public void Typographic_quotes_and_odd_spaces_are_normalised()
    {
        Assert.Equal("Labour's \"long and hard look\" friends, but", ArticleText.Normalize("Labour\u2019s \u201Clong and hard look\u201D friends,\u00A0 but"));
    }

    [Fact]
    public void Sentences_split_at_full_stops_but_not_at_titles()
    {
        var article = ArticleText.Parse("Mr. Smith left on May 2. He said \u201Cno.\u201D Then he went home.\n\nA new paragraph.");

        Assert.Equal(["Mr. Smith left on May 2.", "He said \"no.\"", "Then he went home.", "A new paragraph."], article.Sentences);
    }
}
