using Bot.Engine.Answers;
using Bot.Engine.Commands;
using Bot.Engine.Conversation;

namespace Bot.Engine.Tests;

/// <summary>Follow-ups in one conversation, and the memory that holds them: bounded, expiring, per conversation.</summary>
public class ConversationTests
{
    private static readonly string Responses = Path.Combine(AppContext.BaseDirectory, "responses");

    private static Func<string, string, string> Chat(AnswerEngine engine) =>
        (conversation, text) => PlainTextRenderer.Render(engine.Answer(BotRequest.ForMention(text, conversation)));

    [Fact]
    public void A_first_name_before_another_surname_is_someone_else_and_a_correction_asks_again()
    {
        var ask = Chat(Shipped.Engine);

        Assert.StartsWith("Yes", ask("rayner", "was luciana berger one of them"));
        var other = ask("rayner", "what about angela rayner");
        Assert.StartsWith("No: Angela Rayner isn't one of them", other);
        Assert.StartsWith("Yes: Angela Smith was one of them", ask("rayner", "sorry i meant angela smith"));
    }

    [Fact]
    public void Anything_else_after_a_fact_or_a_reaction_says_that_is_all_and_repeats_it()
    {
        var ask = Chat(Shipped.Engine);

        Assert.Contains("disappoint", ask("more-1", "what did corbyn say about the walkout"));
        var more = ask("more-1", "anything else?");
        Assert.Contains("That is all the article reports Jeremy Corbyn saying", more);
        Assert.Contains("1945", more);

        Assert.Contains("IRA", ask("more-2", "what has corbyn been criticised for?"));
        Assert.Contains("That is all the article says about it", ask("more-2", "what else is on that list"));
    }

    [Fact]
    public void Which_of_them_stands_out_is_not_something_the_article_says()
    {
        var ask = Chat(Shipped.Engine);

        Assert.Contains("deselection", ask("most-1", "which MPs might face deselection?"));
        var most = ask("most-1", "which of them is most at risk?");
        Assert.Contains("doesn't say which of them", most);
        Assert.Contains("deselection", most);
        Assert.Contains("doesn't say which of them", ask("most-2", "which one is the youngest?"));
    }

    [Theory]
    [InlineData("who said that?")]
    [InlineData("who pointed that out")]
    public void Who_said_a_fact_that_is_someones_words_names_them(string follow)
    {
        var ask = Chat(Shipped.Engine);

        Assert.Contains("2017", ask("said-" + follow, "were the seven elected in 2017?"));
        var who = ask("said-" + follow, follow);
        Assert.StartsWith("Jeremy Corbyn's reaction", who);
    }

    [Fact]
    public void Idiom_in_a_follow_up_still_points_back()
    {
        var ask = Chat(Shipped.Engine);

        Assert.Contains("1945", ask("idiom-1", "why does the article bring up 1945?"));
        Assert.StartsWith("Jeremy Corbyn's reaction", ask("idiom-1", "who made that point"));

        Assert.Contains("friends", ask("idiom-2", "sadiq khan called the defectors traitors right?"));
        Assert.Contains("will not join", ask("idiom-2", "ah ok so he's going with them then?"));

        Assert.StartsWith("Yes", ask("idiom-3", "was chukka umuna one of the labour mps who left"));
        Assert.Contains("Chris Leslie: yes", ask("idiom-3", "what about mike gapes and chris lesley"));
    }

    [Fact]
    public void Whether_a_hoped_for_thing_has_happened_yet_is_not_something_the_article_says()
    {
        var ask = Chat(Shipped.Engine);

        Assert.Contains("like-minded", ask("yet-1", "what did the Lib Dem leader say?"));
        Assert.Contains("organised", ask("yet-1", "under what condition?"));
        Assert.Contains("whether", ask("yet-1", "has one been organised yet?"));

        Assert.Contains("like-minded", ask("yet-2", "What did Vince Cable say?"));
        Assert.Contains("The article doesn't say when", ask("yet-2", "has a date been set for that vote?"));
    }

    [Fact]
    public void One_of_the_seven_and_the_others_are_the_seven()
    {
        var ask = Chat(Shipped.Engine);

        Assert.Contains("Luciana Berger", ask("others-1", "tell me about luciana berger's part in this"));
        var said = ask("others-1", "what did she and the others say about corbyn?");
        Assert.StartsWith("What the seven MPs said", said);
        Assert.Contains("anti-Semitic", said);
    }

    [Fact]
    public void Which_month_is_asked_of_the_fact_just_given()
    {
        var ask = Chat(Shipped.Engine);

        Assert.Contains("2017", ask("month-1", "were the seven elected in 2015?"));
        var month = ask("month-1", "what month");
        Assert.Contains("June", month);
        Assert.DoesNotContain("doesn't say", month);
    }

    [Fact]
    public void A_follow_up_takes_its_subject_from_the_turn_before()
    {
        var ask = Chat(AnswerEngine.Load(Responses, modelDirectory: null));

        Assert.Contains("disappoint", ask("t1", "what did corbyn say?"));
        Assert.Contains("friends", ask("t1", "and khan?"));
        Assert.Contains("Facebook", ask("t1", "where did he say it?"));
    }

    [Fact]
    public void Where_someone_said_it_is_only_answered_when_the_article_says_where()
    {
        var ask = Chat(Shipped.Engine);

        Assert.Contains("like-minded", ask("where-1", "what did the lib dem leader say?"));
        var where = ask("where-1", "where did he say it?");

        Assert.Contains("doesn't say where", where);
        Assert.DoesNotContain("Facebook", where);
        Assert.Contains("Facebook", ask("where-2", "where did sadiq khan say it?"));
    }

    [Fact]
    public void His_party_after_a_leader_is_the_party_he_leads()
    {
        var ask = Chat(Shipped.Engine);

        ask("party", "who is vince cable?");
        var answer = ask("party", "did any of the seven join his party?");

        Assert.Contains("not joined", answer);
        Assert.Contains("Liberal Democrats", answer);
    }

    [Fact]
    public void They_after_one_person_and_the_seven_is_the_seven()
    {
        var ask = Chat(Shipped.Engine);

        Assert.Contains("No", ask("they", "is sadiq khan one of the seven?"));
        var answer = ask("they", "who are they then?");

        Assert.Contains("Umunna", answer);
        Assert.DoesNotContain("Mayor of London", answer);
    }

    [Theory]
    [InlineData("what did corbyn say?")] // the election is one his words speak of; its fact is told in the same sentence
    [InlineData("when were they elected?")] // the election is what the answer was about
    public void That_election_is_the_one_just_spoken_of(string first)
    {
        var ask = Chat(Shipped.Engine);

        ask("election", first);

        Assert.Contains("1945", ask("election", "what was special about that election?"));
    }

    [Fact]
    public void Asked_for_names_a_fact_that_names_no_one_says_it_does_not_say_who()
    {
        var ask = Chat(Shipped.Engine);

        Assert.Contains("Conservative", ask("names-1", "will more MPs join them?"));
        var names = ask("names-1", "any names?");

        Assert.Contains("doesn't say who", names);
        Assert.DoesNotContain("Umunna", names);
        ask("names-2", "who left?");
        Assert.Contains("Umunna", ask("names-2", "any names?"));
    }

    [Fact]
    public void Why_after_a_reaction_that_gives_no_reason_says_the_article_gives_none()
    {
        var ask = Chat(Shipped.Engine);

        Assert.Contains("will not join", ask("why-not", "is sadiq khan going to join them?"));
        var why = ask("why-not", "why not?");

        Assert.Contains("doesn't say why", why);
        Assert.Contains("friends", why); // what he did say, labelled as the closest
        Assert.Contains("doesn't say why", ask("why-not", "did he give a reason?"));
    }

    [Fact]
    public void The_party_an_answer_was_about_is_the_next_it()
    {
        var ask = Chat(Shipped.Engine);

        Assert.Contains("Liberal Democrats", ask("it", "which party did the rebels decline to join?"));
        Assert.Contains("Vince Cable", ask("it", "who leads it?"));
        Assert.Contains("Sir", ask("it", "is he a knight?"));
    }

    [Theory]
    [InlineData("which reasons?")]
    [InlineData("those reasons — what were they?")]
    public void Reasons_an_answer_only_mentions_are_the_reasons_themselves(string followUp)
    {
        var ask = Chat(Shipped.Engine);

        Assert.Contains("long and hard look", ask("mentioned", "what did unison say?"));
        var reasons = ask("mentioned", followUp);

        Assert.Contains("Brexit", reasons);
        Assert.Contains("anti-Semitic", reasons);
    }

    [Fact]
    public void Asked_which_of_a_kind_the_criticism_names_none_of()
    {
        var ask = Chat(Shipped.Engine);

        Assert.Contains("NATO", ask("which", "what has corbyn been criticised for?"));
        var which = ask("which", "which palestinian groups?");

        Assert.StartsWith("Not in the article", which, StringComparison.Ordinal);
        Assert.Contains("none of the groups", which, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_the_article_does_not_know_is_asked_the_same_question()
    {
        var ask = Chat(AnswerEngine.Load(Responses, modelDirectory: null));

        Assert.Contains("Yes", ask("t1", "is gapes one of them?"));
        var answer = ask("t1", "what about Diane Abbott?");

        Assert.Contains("Diane Abbott", answer);
        Assert.Contains("doesn't name", answer);
    }

    [Fact]
    public void A_fragment_keeps_the_question_it_narrows()
    {
        var ask = Chat(Shipped.Engine);

        Assert.Contains("June", ask("fragment", "what month were they elected?"));
        Assert.Contains("2017", ask("fragment", "and the year?"));
    }

    [Fact]
    public void Something_new_after_a_topic_is_not_answered_with_that_topic()
    {
        var ask = Chat(Shipped.Engine);

        Assert.Contains("NATO", ask("new-thing", "what does it say about corbyn and nato?"));
        var answer = ask("new-thing", "anything on russia?");

        Assert.DoesNotContain("NATO", answer);
        Assert.Contains("doesn't", answer);
    }

    [Fact]
    public void That_noun_names_the_one_just_spoken_of()
    {
        var ask = Chat(Shipped.Engine);

        Assert.Contains("Liberal Democrats", ask("that-party", "why didn't the rebels join the lib dems?"));
        Assert.Contains("Cable", ask("that-party", "who leads that party?"));
        Assert.Contains("like-minded", ask("that-party", "what did he say?"));

        Assert.Contains("like-minded", ask("his-party", "What did Vince Cable say?"));
        Assert.StartsWith("Why they haven't joined the Liberal Democrats", ask("his-party", "why didnt they join that party?"));
    }

    [Fact]
    public void Who_they_are_after_the_summary_is_the_list()
    {
        var ask = Chat(Shipped.Engine);

        ask("after-summary", "summary pls");
        Assert.Contains("Gavin Shuker", ask("after-summary", "who are they?"));
    }

    [Fact]
    public void A_command_is_a_turn_of_its_conversation()
    {
        var engine = AnswerEngine.Load(Responses, modelDirectory: null);
        string Say(string line) => PlainTextRenderer.Render(engine.Answer(BotRequest.Parse(line, "thread-1")));

        Assert.Contains("Umunna", Say("/who-left chuka"));
        Assert.Contains("Yes", Say("and chris leslie?"));
        Assert.Contains("doesn't name Tom Watson", Say("what about Tom Watson?"));
        Assert.Contains("disappoint", Say("/reaction corbyn"));
        Assert.Contains("friends", Say("and khan?"));
    }

    [Fact]
    public void A_pronoun_in_a_command_names_whoever_was_just_spoken_of()
    {
        var engine = AnswerEngine.Load(Responses, modelDirectory: null);
        string Say(string line) => PlainTextRenderer.Render(engine.Answer(BotRequest.Parse(line, "thread-2")));

        Assert.Contains("Cable", Say("who leads the lib dems?"));
        Assert.Contains("like-minded", Say("/reaction him"));
        Assert.Contains("Yes", Say("did berger quit?"));
        Assert.Contains("Yes: Luciana Berger", Say("/who-left is she one of them"));
    }

    [Fact]
    public void Who_else_after_one_of_the_seven_is_the_rest_of_them()
    {
        var ask = Chat(Shipped.Engine);

        Assert.Contains("Yes", ask("t-else", "did chris leslie leave"));
        var answer = ask("t-else", "who else");

        Assert.Contains("Umunna", answer);
        Assert.DoesNotContain("leave Labour next", answer);
        Assert.Contains("leave Labour next", ask("t-else", "who else is leaving?"));
    }

    [Fact]
    public void Why_after_a_fact_that_says_why_is_that_fact()
    {
        var ask = Chat(Shipped.Engine);

        Assert.Contains("deselection", ask("t-why", "could the seven lose their seats?"));
        Assert.Contains("other candidates", ask("t-why", "why would that happen"));
    }

    [Fact]
    public void Anything_said_later_is_not_reported()
    {
        var ask = Chat(Shipped.Engine);

        Assert.Contains("friends", ask("t-later", "what did khan say?"));
        var answer = ask("t-later", "has he said anything since?");

        Assert.Contains("doesn't report anything Sadiq Khan said later", answer);
        Assert.Contains("friends", answer);
    }

    [Fact]
    public void They_as_the_subject_is_the_body_just_spoken_of_even_with_another_named_after_it()
    {
        var ask = Chat(Shipped.Engine);

        Assert.Contains("union", ask("t-they", "what's unison?"));
        Assert.Contains("long and hard look", ask("t-they", "what did they want labour to do?"));
        Assert.Contains("second biggest", ask("t-they", "how big are they"));
    }

    [Fact]
    public void And_about_a_new_topic_asks_the_same_question_of_it()
    {
        var ask = Chat(Shipped.Engine);

        Assert.Contains("anti-Semitic", ask("t-about", "what did the group say about corbyn"));
        Assert.Contains("Brexit", ask("t-about", "and about brexit?"));
        Assert.Contains("disappointment", ask("t-about2", "what did corbyn say about brexit?"));
        Assert.Contains("friends", ask("t-about2", "what about khan?"));
    }

    [Fact]
    public void A_follow_up_that_points_back_stays_on_what_was_just_answered()
    {
        var ask = Chat(Shipped.Engine);

        Assert.Contains("final say", ask("it1", "is anyone pushing for another brexit vote"));
        Assert.Contains("final say", ask("it1", "would staying in be an option on it?"));
        var when = ask("it1", "when is it happening");

        // The plan has no date: said so, not the date of the resignations.
        Assert.Contains("doesn't say when", when);
        Assert.DoesNotContain("February 18", when);
        // After why they left, "that" is the leaving, which the article dates.
        Assert.Contains("Brexit", ask("it2", "why did they walk out?"));
        Assert.Contains("February 18", ask("it2", "when was that"));
    }

    [Fact]
    public void What_about_the_others_after_one_of_them_is_the_rest()
    {
        var ask = Chat(Shipped.Engine);

        Assert.Contains("Yes", ask("o1", "/who-left gapes"));
        var rest = ask("o1", "what about the others?");

        Assert.Contains("Umunna", rest);
        Assert.Contains("Shuker", rest);
    }

    [Fact]
    public void A_percentage_asked_of_the_vote_share_is_said_to_be_missing()
    {
        var ask = Chat(Shipped.Engine);

        Assert.Contains("1945", ask("p1", "and corbyn bragged about the vote share?"));
        Assert.Contains("gives no vote counts, percentages", ask("p1", "what % was it"));
    }

    [Fact]
    public void Naming_only_the_party_they_left_does_not_make_an_unknown_topic_known()
    {
        var answer = Shipped.Text("has labour opened an investigation into it?");

        Assert.Contains("doesn't", answer);
        Assert.DoesNotContain("Seven pro-EU MPs resigned", answer);
    }

    [Fact]
    public void Who_leads_them_after_a_party_is_its_leader()
    {
        var ask = Chat(Shipped.Engine);

        Assert.Contains("like-minded", ask("t-leads", "tell me about the lib dem angle"));
        Assert.Contains("Sir Vince Cable: the Liberal Democrat leader", ask("t-leads", "who leads them?"));
    }

    [Fact]
    public void A_bare_command_is_a_turn_a_follow_up_leans_on()
    {
        var engine = AnswerEngine.Load(Responses, modelDirectory: null);
        string Say(string line) => PlainTextRenderer.Render(engine.Answer(BotRequest.Parse(line, "thread-3")));

        Assert.Contains("Umunna", Say("/who-left"));
        Assert.Contains("February 18", Say("when"));
        Assert.Contains("Umunna", Say("/who-left umunna berger gapes"));
        Assert.Contains("Shuker", Say("anyone else?"));
    }

    [Fact]
    public void The_leader_after_a_party_is_whoever_leads_it_and_no_one_else()
    {
        var ask = Chat(Shipped.Engine);

        Assert.Contains("Umunna", ask("t-leader", "who quit labour?"));
        Assert.Contains("disappointment", ask("t-leader", "and what did the leader say back?"));

        Assert.Contains("second biggest", ask("t-its", "how big is unison"));
        Assert.Contains("long and hard look", ask("t-its", "and what did it tell labour"));
        Assert.DoesNotContain("Corbyn", ask("t-its", "who's its leader"));
    }

    [Fact]
    public void I_meant_when_asks_the_previous_question_with_that_word()
    {
        var ask = Chat(Shipped.Engine);

        Assert.Contains("Umunna", ask("t-meant", "who left?"));
        Assert.Contains("February 18", ask("t-meant", "sorry, I meant when"));
    }

    [Fact]
    public void A_detail_of_the_answer_just_given_is_asked_of_that_answer()
    {
        var ask = Chat(Shipped.Engine);

        Assert.Contains("2017", ask("t-detail", "when were they elected"));
        Assert.Contains("left-wing platform", ask("t-detail", "on what platform"));
        Assert.Contains("deselection", ask("t-detail2", "could the seven lose their seats?"));
        Assert.Contains("other candidates", ask("t-detail2", "why would members do that to them"));
    }

    [Fact]
    public void And_about_someone_moves_the_topic_not_the_speaker()
    {
        var ask = Chat(Shipped.Engine);

        Assert.Contains("credibility", ask("t-topic", "what did the rebels say about the lib dems"));
        Assert.Contains("anti-Semitic", ask("t-topic", "and about corbyn?"));
    }

    [Fact]
    public void The_one_person_a_fact_names_is_the_next_he()
    {
        var ask = Chat(Shipped.Engine);

        Assert.Contains("anti-Semitic", ask("t-he", "what did the seven accuse labour's leader of?"));
        Assert.Contains("disappointment", ask("t-he", "and how did he take it"));
    }

    [Fact]
    public void Both_of_them_in_a_command_names_the_two_just_asked_about()
    {
        var engine = AnswerEngine.Load(Responses, modelDirectory: null);
        string Say(string line) => PlainTextRenderer.Render(engine.Answer(BotRequest.Parse(line, "thread-4")));

        Assert.Contains("Yes", Say("did ann coffey quit?"));
        Assert.Contains("Yes", Say("what about angela smith"));
        var answer = Say("/who-left both of them and umunna");

        Assert.Contains("Ann Coffey", answer);
        Assert.Contains("Angela Smith", answer);
        Assert.Contains("Chuka Umunna", answer);
        Assert.Contains("Berger", Say("ok so who were the rest then"));
    }

    [Fact]
    public void Ask_commands_in_one_conversation_follow_on()
    {
        var engine = AnswerEngine.Load(Responses, modelDirectory: null);
        string Ask(string text) => PlainTextRenderer.Render(engine.Answer(BotRequest.ForCommand("ask", text) with { Conversation = "slack:T:C:user:U" }));

        Assert.Contains("friends", Ask("what did khan say?"));
        Assert.Contains("Facebook", Ask("where did he say it?"));
    }

    [Fact]
    public void Without_a_conversation_the_same_follow_up_stands_alone()
    {
        var ask = Chat(AnswerEngine.Load(Responses, modelDirectory: null));

        ask("t1", "what did corbyn say?");

        Assert.DoesNotContain("friends", ask("other thread", "where did he say it?"));
        Assert.DoesNotContain("disappoint", PlainTextRenderer.Render(AnswerEngine.Load(Responses, modelDirectory: null).Answer(BotRequest.ForMention("and khan?"))));
    }

    [Fact]
    public void A_bare_when_borrows_the_previous_question()
    {
        var ask = Chat(AnswerEngine.Load(Responses, modelDirectory: null));

        ask("t", "how many quit");

        Assert.Contains("February 18", ask("t", "when?"));
        Assert.Contains("year", ask("t", "what year tho"));
    }

    [Fact]
    public void Memory_forgets_a_conversation_a_day_after_its_last_turn()
    {
        var clock = new ManualClock();
        var memory = new InMemoryConversationMemory(clock);
        memory.Remember("c", new ConversationTurn("what did corbyn say", ["corbyn"], "reaction:corbyn"));

        clock.Advance(TimeSpan.FromHours(23));
        Assert.Single(memory.Recall("c"));

        clock.Advance(TimeSpan.FromHours(25));
        Assert.Empty(memory.Recall("c"));
    }

    [Fact]
    public void Memory_keeps_the_last_turns_and_the_most_recent_conversations()
    {
        var memory = new InMemoryConversationMemory(new ManualClock(), maxConversations: 2, turnsPerConversation: 3);
        for (var i = 0; i < 5; i++)
        {
            memory.Remember("a", new ConversationTurn($"q{i}", [], null));
        }

        memory.Remember("b", new ConversationTurn("b", [], null));
        memory.Remember("c", new ConversationTurn("c", [], null));

        Assert.Equal(2, memory.Count);
        Assert.Empty(memory.Recall("a")); // the least recently used went first
        Assert.Equal(["c"], memory.Recall("c").Select(t => t.Question));
        var kept = new InMemoryConversationMemory(new ManualClock(), turnsPerConversation: 3);
        for (var i = 0; i < 5; i++)
        {
            kept.Remember("a", new ConversationTurn($"q{i}", [], null));
        }

        Assert.Equal(["q2", "q3", "q4"], kept.Recall("a").Select(t => t.Question));
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
