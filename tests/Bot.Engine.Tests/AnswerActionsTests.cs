using Bot.Engine.Answers;

namespace Bot.Engine.Tests;

/// <summary>The buttons under an answer, and the state their ids carry for whichever replica gets the click.</summary>
public class AnswerActionsTests
{
    [Fact]
    public void A_public_fact_gets_source_and_feedback_but_no_share()
    {
        var answer = Shipped.Answer("/reaction corbyn");

        var buttons = AnswerActions.For(answer, "/reaction corbyn", AnswerActions.DiscordIdLimit);

        Assert.Equal([AnswerAction.Source, AnswerAction.Helpful, AnswerAction.NotHelpful], buttons.Select(b => b.Action));
    }

    [Fact]
    public void A_private_answer_can_be_shared_and_help_gets_no_feedback()
    {
        var answer = Shipped.Answer("/ask");

        var buttons = AnswerActions.For(answer, "/ask", AnswerActions.DiscordIdLimit);

        Assert.Equal(AnswerVisibility.Private, answer.Visibility);
        Assert.Equal([AnswerAction.Share], buttons.Select(b => b.Action));
    }

    [Fact]
    public void Feedback_carries_kind_sentences_topics_and_question()
    {
        var answer = Shipped.Answer("/reaction corbyn");
        var helpful = AnswerActions.For(answer, "/reaction corbyn", AnswerActions.SlackValueLimit).Single(b => b.Action == AnswerAction.Helpful);

        Assert.True(AnswerActions.TryRead(helpful.Id, out var click));

        Assert.Equal(AnswerAction.Helpful, click.Action);
        Assert.Equal(AnswerKind.Fact, click.AnswerKind);
        Assert.Equal(answer.Sources.Select(s => s.Sentence), click.Sentences);
        Assert.Contains("reaction:corbyn", click.Topics);
        Assert.Equal("/reaction corbyn", click.Question);
    }

    [Fact]
    public void Every_id_fits_the_platform_limit_and_still_reads()
    {
        var question = "why did they leave " + string.Concat(Enumerable.Repeat("and what did everyone say about it 🙂 ", 20));
        var answer = Shipped.Answer("/summary");

        foreach (var button in AnswerActions.For(answer, question, AnswerActions.DiscordIdLimit))
        {
            Assert.True(button.Id.Length <= AnswerActions.DiscordIdLimit, button.Id);
            Assert.True(AnswerActions.TryRead(button.Id, out var click), button.Id);
            Assert.False(char.IsHighSurrogate(click.Question.LastOrDefault()));
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("approve_button")]
    [InlineData("fb1.src|f|1,x|")]
    [InlineData("fb1.nope|f|1||q")]
    [InlineData("fb1.up|z|1||q")]
    [InlineData("fb1.up|f|1")]
    [InlineData("fb1.src|f|99999999999||")]
    public void Anything_else_is_not_ours(string? id)
    {
        Assert.False(AnswerActions.TryRead(id, out _));
    }

    [Fact]
    public void Passages_quote_whole_sentences_privately_and_skip_numbers_out_of_range()
    {
        var answer = Shipped.Engine.Passages([11, 0, 11, 9999]);

        Assert.Equal(AnswerVisibility.Private, answer.Visibility);
        Assert.Equal([11], answer.Sources.Select(s => s.Sentence));
        Assert.Contains("Corbyn expressed his disappointment", PlainTextRenderer.Render(answer), StringComparison.Ordinal);
        Assert.Equal(AnswerKind.NotFound, Shipped.Engine.Passages([9999]).Kind);
    }

    [Fact]
    public void Answers_name_the_entries_they_rest_on()
    {
        Assert.Contains("summary", Shipped.Answer("/summary").Topics);
        Assert.Contains("departure", Shipped.Answer("/who-left").Topics);
        Assert.Empty(Shipped.Answer("what's the weather in paris").Topics);
    }
}
