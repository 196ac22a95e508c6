using Bot.Engine.Answers;
using Bot.Engine.Commands;

namespace Bot.Engine.Tests;

/// <summary>Questions inside chatter, quotes of the article's own words, and asking whether something came about.</summary>
public class ChatterTests
{
    [Theory]
    [InlineData("half asleep when the radio was on and caught the words 'final say' from some lib dem guy. who was that", "Liberal Democrat leader")]
    [InlineData("been seeing the word 'institutional' in headlines all week and i'm lost, what's it attached to in this story", "anti-Semitic")]
    public void Words_quoted_from_the_article_point_at_their_sentence(string question, string expected)
    {
        Assert.Contains(expected, Shipped.Text(question), StringComparison.Ordinal);
    }

    [Fact]
    public void A_quote_the_article_does_not_have_points_nowhere()
    {
        var answer = Shipped.Answer("my cousin keeps saying 'pineapple pizza' at dinner, what's that about");

        Assert.Equal(AnswerKind.NotFound, answer.Kind);
    }

    [Fact]
    public void A_question_buried_in_chatter_is_found_when_the_rest_asks_nothing()
    {
        var text = Shipped.Text(
            "not to be that person but before i post this in the family whatsapp can someone confirm what exactly unison told labour to do, my uncle is a union rep and will 100% fact check me");

        Assert.Contains("long and hard look", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_count_said_in_passing_is_put_right()
    {
        var text = Shipped.Text("my flatmate and i have a bet going — she reckons 5 mps walked, i say more. who wins?");

        Assert.Contains("seven left, not five", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("did berger actually get deselected in the end?")]
    [InlineData("has anyone been deselected yet?")]
    public void A_risk_is_no_answer_to_whether_it_came_about(string question)
    {
        var answer = Shipped.Answer(question);

        Assert.Equal(AnswerKind.NotFound, answer.Kind);
        Assert.Contains("deselection", PlainTextRenderer.Render(answer), StringComparison.Ordinal);
    }

    [Fact]
    public void When_someone_said_it_is_not_reported()
    {
        var answer = Shipped.Answer("when did khan say that");

        Assert.Equal(AnswerKind.NotFound, answer.Kind);
        Assert.Contains("doesn't say when", PlainTextRenderer.Render(answer), StringComparison.Ordinal);
        Assert.Contains("Facebook", PlainTextRenderer.Render(answer), StringComparison.Ordinal);
    }

    [Fact]
    public void Who_said_that_after_a_fact_in_someones_words_names_them()
    {
        var engine = Shipped.Engine;
        var conversation = "test:" + Guid.NewGuid();
        engine.Answer(BotRequest.ForMention("what does the article say about 1945", conversation));

        var answer = engine.Answer(BotRequest.ForMention("who said that", conversation));

        Assert.Equal("Jeremy Corbyn's reaction", answer.Title);
    }

    [Theory]
    [InlineData("what did the second-largest union tell labour", "long and hard look")]
    [InlineData("can you tell me who left", "Shuker")]
    [InlineData("what do the opposition leader's critics say he puts up with", "anti-Semitic")]
    [InlineData("which relationship does corbyn want britain to ditch, the one with the yanks", "United States")]
    public void Everyday_words_for_saying_and_tolerating_find_their_fact(string question, string expected)
    {
        Assert.Contains(expected, Shipped.Text(question), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("is luciana berger still labour?", "No: Luciana Berger left the Labour Party")]
    [InlineData("is sadiq khan still in labour?", "Sadiq Khan is not among those who left")]
    public void Still_in_the_party_is_answered_as_asked(string question, string title)
    {
        Assert.Equal(title, Shipped.Answer(question).Title);
    }

    [Theory]
    [InlineData("mike gapes and chris leslie both left?", "Who left: 2 of 2 named")]
    [InlineData("so sadiq is staying in labour?", "Sadiq Khan is not among those who left")]
    [InlineData("angela rayner left too right?", "No: Angela Rayner isn't one of them")]
    [InlineData("they ghosting the lib dems too?", "Why they haven't joined the Liberal Democrats")]
    public void A_statement_with_a_question_mark_is_asked(string question, string title)
    {
        Assert.Equal(title, Shipped.Answer(question).Title);
    }

    [Theory]
    [InlineData("whats the smith one's first name", "Angela Smith")]
    [InlineData("shuker's full name?", "Gavin Shuker")]
    public void A_first_name_asked_for_is_the_whole_name(string question, string expected)
    {
        Assert.Contains(expected, Shipped.Text(question), StringComparison.Ordinal);
    }

    [Fact]
    public void A_tag_at_the_end_is_not_a_question_of_its_own()
    {
        var answer = Shipped.Answer("were the quitters elected as corbyn-style lefties or what");

        Assert.DoesNotContain("did not leave", answer.Title, StringComparison.Ordinal);
        Assert.DoesNotContain("·", answer.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_are_never_echoed_with_small_words_in_them()
    {
        Assert.DoesNotContain("Involved In", Shipped.Text("was facebook involved in the split somehow"), StringComparison.Ordinal);
    }

    [Fact]
    public void Pro_brexit_is_put_right()
    {
        Assert.Contains("pro-EU", Shipped.Text("wait these are the pro-brexit labour MPs right?"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("who is the leader of the lib dmes", "Cable")]
    [InlineData("what did vince cabel say", "like-minded")]
    public void One_slip_in_a_name_of_several_words_is_forgiven(string question, string expected)
    {
        Assert.Contains(expected, Shipped.Text(question), StringComparison.Ordinal);
    }

    [Fact]
    public void Each_question_of_a_message_gets_an_answer_of_its_kind()
    {
        var text = Shipped.Text("what year did they quit and how many were there");

        Assert.Contains("never says which year", text, StringComparison.Ordinal);
        Assert.Contains("Seven", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_no_on_membership_says_the_article_does_not_list_them()
    {
        Assert.Contains("doesn't list them among those who left", Shipped.Text("did corbyn resign after all this"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("what seat is chuka umunna mp for", "doesn't say that about Chuka Umunna")]
    [InlineData("how old is corbyn", "doesn't say that about Jeremy Corbyn")]
    [InlineData("what percentage did labour get", "gives no vote counts")] // the gap that says what the article has on the vote, not a bare "doesn't say"
    public void What_the_article_never_mentions_is_said_to_be_missing(string question, string expected)
    {
        var answer = Shipped.Answer(question);

        Assert.Contains(expected, PlainTextRenderer.Render(answer), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("what did cable say", "wait not cable, I meant corbyn", "disappointment")]
    [InlineData("what did khan say", "where was that said", "Facebook")]
    [InlineData("who's chuka umunna", "who else left with him", "Gavin Shuker")]
    [InlineData("what did unison say", "who else reacted", "Sadiq Khan")]
    [InlineData("unison is britain's biggest union, right?", "what did it say", "long and hard look")]
    public void A_follow_up_leans_on_the_turn_before(string first, string second, string expected)
    {
        var engine = Shipped.Engine;
        var conversation = "test:" + Guid.NewGuid();
        engine.Answer(BotRequest.ForMention(first, conversation));

        var answer = engine.Answer(BotRequest.ForMention(second, conversation));

        Assert.Contains(expected, PlainTextRenderer.Render(answer), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("corbyn's reaction + unison's reaction?", "disappointment", "long and hard look")]
    [InlineData("why was corbyn so happy to see them go?", "disappointment", "Corbyn")]
    public void Reactions_are_given_to_whoever_is_asked_about(string question, string expected, string also)
    {
        var text = Shipped.Text(question);

        Assert.Contains(expected, text, StringComparison.Ordinal);
        Assert.Contains(also, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("why did thay leve", "Brexit")]
    [InlineData("bigest vote share since wen??", "1945")]
    [InlineData("whn wer the 7 elcted", "2017")]
    public void Slips_in_everyday_words_are_read_as_the_words_meant(string question, string expected)
    {
        Assert.Contains(expected, Shipped.Text(question), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("what does the head of the yellow party want?", "Sir Vince Cable")]
    [InlineData("who runs labour", "Jeremy Corbyn: the Labour Party leader")]
    [InlineData("name the labour leader", "Jeremy Corbyn: the Labour Party leader")]
    [InlineData("who's the mayor of london", "Sadiq Khan: the Mayor of London")]
    public void A_body_named_with_a_word_for_its_leader_is_the_person_who_leads_it(string question, string expected)
    {
        Assert.Contains(expected, Shipped.Text(question), StringComparison.Ordinal);
    }

    [Fact]
    public void A_leader_word_next_to_a_body_without_a_known_leader_names_nobody_the_article_knows()
    {
        Assert.DoesNotContain("Corbyn", Shipped.Text("who runs unison"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_request_to_settle_an_argument_is_not_a_question_of_its_own()
    {
        var text = Shipped.Text("half my chat says corbyn was furious. can someone settle this before it turns into a war, how did he actually react?");

        Assert.Contains("disappointment", text, StringComparison.Ordinal);
        Assert.DoesNotContain("doesn't cover", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_no_on_whether_another_party_left_says_who_did_and_from_where()
    {
        var text = Shipped.Text("/who-left any tories?");

        Assert.Contains("No", text, StringComparison.Ordinal);
        Assert.Contains("resigned from the Labour Party", text, StringComparison.Ordinal);
    }

    [Fact]
    public void How_many_are_left_asks_what_remains_not_who_left()
    {
        Assert.Contains("doesn't say how many MPs Labour has", Shipped.Text("How many Labour MPs are left in parliament now?"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("y did they bail fr fr", "Brexit")]
    [InlineData("sadiq is he joinin em or nah", "will not join")]
    [InlineData("r they gonna join the libs", "Liberal Democrats")]
    public void Chat_spellings_are_read_as_the_words_meant(string question, string expected)
    {
        Assert.Contains(expected, Shipped.Text(question), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lib dems tryna link up w them?", "like-minded")]
    [InlineData("is sadiq teaming up with them", "will not join")]
    [InlineData("did they join the lib dems", "have not joined")]
    public void Who_is_joining_whom_is_told_by_the_subject(string question, string expected)
    {
        Assert.Contains(expected, Shipped.Text(question), StringComparison.Ordinal);
    }

    [Fact]
    public void A_contrast_word_the_article_itself_uses_there_is_no_contradiction()
    {
        var text = Shipped.Text("which party did the rebels say had lost its credibility?");

        Assert.DoesNotContain("Not quite", text, StringComparison.Ordinal);
        Assert.Contains("Liberal", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Mps_of_another_party_leaving_are_not_reported()
    {
        Assert.Contains("doesn't report anyone from the Conservatives leaving", Shipped.Text("which Conservative MPs defected alongside them?"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("is vince cable a sir?", "Sir Vince Cable: the Liberal Democrat leader")]
    [InlineData("is corbyn the labour leader", "Jeremy Corbyn: the Labour Party leader")]
    public void Whether_a_title_or_role_fits_is_answered_with_the_one_the_article_gives(string question, string expected)
    {
        Assert.Contains(expected, Shipped.Text(question), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("what did corbyn say about the rebels", "Jeremy Corbyn's reaction")]
    [InlineData("what did unison say about the mps", "Unison's reaction")]
    public void One_speaker_about_someone_their_words_speak_of_is_that_speaker_alone(string question, string title)
    {
        Assert.Equal(title, Shipped.Answer(question).Title);
    }

    [Fact]
    public void What_they_hate_about_his_views_is_theirs_of_his_not_his_reaction()
    {
        Assert.DoesNotContain("disappointment", Shipped.Text("what do they hate about corbyn's views"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_verb_of_the_lexicon_is_never_echoed_as_a_speaker()
    {
        var text = Shipped.Text("what kinda left views");

        Assert.DoesNotContain("reaction from Left", text, StringComparison.Ordinal);
        Assert.Contains("leftist", text, StringComparison.Ordinal);
    }
}
