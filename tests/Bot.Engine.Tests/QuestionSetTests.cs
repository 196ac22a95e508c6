using Bot.Engine.Commands;

namespace Bot.Engine.Tests;

/// <summary>
/// Grounding of answers. How well questions are answered is measured over whole question sets (tests/eval),
/// with floors, in Bot.Host.Tests/AnswerQualityTests.
/// </summary>
public class QuestionSetTests
{
    [Theory]
    [InlineData("who quit?")]
    [InlineData("why did they leave?")]
    [InlineData("what did Sadiq Khan say?")]
    [InlineData("will more MPs join them?")]
    public void Factual_answers_cite_a_sentence_of_the_article(string question)
    {
        var answer = Shipped.Engine.Answer(BotRequest.ForMention(question));

        Assert.NotEmpty(answer.Sources);
        Assert.All(answer.Sources, s => Assert.Contains(s.Quote, Shipped.Engine.Facts.Article.Sentences[s.Sentence - 1], StringComparison.Ordinal));
    }
}

public class SeveralQuestionsTests
{
    [Theory]
    [InlineData("what did corbyn and cable say", "disappoint", "like-minded")]
    [InlineData("what did corbyn say and what did khan say?", "disappoint", "friends")]
    [InlineData("when did they leave and what year was it?", "February 18", "never says which year")]
    [InlineData("since nine MPs left, who was the ninth?", "says seven left", "Umunna")]
    [InlineData("why did the six MPs walk out?", "says seven left, not six", "anti-Semitic")]
    [InlineData("1) when were they elected 2) what did unison say", "June 2017", "long and hard look")]
    public void Each_part_is_answered_in_one_reply(string message, string first, string second)
    {
        var text = Shipped.Text(message);

        Assert.Contains(first, text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(second, text, StringComparison.OrdinalIgnoreCase);
    }
}
