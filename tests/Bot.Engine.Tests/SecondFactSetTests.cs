using Bot.Engine.Answers;
using Bot.Engine.Commands;

namespace Bot.Engine.Tests;

/// <summary>The engine knows nothing of the Labour story: swap responses/ and it answers about another article.</summary>
public class SecondFactSetTests
{
    private static readonly AnswerEngine Harbour = AnswerEngine.Load(Path.Combine(AppContext.BaseDirectory, "TestData", "harbour"));

    private static string Ask(string line) => PlainTextRenderer.Render(Harbour.Answer(BotRequest.Parse(line)));

    [Fact]
    public void Who_left_comes_from_the_other_article()
    {
        var text = Ask("/who-left");

        Assert.Contains("Rosa Quint", text);
        Assert.Contains("Tomas Varga", text);
        Assert.Contains("Ilse Brandt", text);
        Assert.Contains("March 3", text);
        Assert.DoesNotContain("Labour", text);
        Assert.Contains("Yes", Ask("/who-left varga"));
        Assert.StartsWith("No", Harbour.Answer(BotRequest.Parse("/who-left Edwin Marsh")).Title);
    }

    [Fact]
    public void Reactions_come_from_the_other_article()
    {
        Assert.Contains("sorry to lose", Ask("/reaction marsh"));
        Assert.Contains("sorry to lose", Ask("/reaction the chair"));
        Assert.Contains("public vote", Ask("/reaction fishermen"));
        Assert.Contains("doesn't report a reaction from Corbyn", Ask("/reaction corbyn"));
        Assert.Contains(Harbour.Complete("reaction", "who", "ma"), c => c.Name == "Edwin Marsh");
    }

    [Fact]
    public void Questions_are_understood_with_the_same_lexicon()
    {
        Assert.Contains("waterfront", Ask("why did they resign?"));
        Assert.Contains("sorry to lose", Ask("what did the chair say?"));
        Assert.Contains("doesn't say what the pier would sell for", Ask("how much money will the pier sell for?"));
        Assert.Contains("March 3", Ask("when did they step down?"));
    }
}
