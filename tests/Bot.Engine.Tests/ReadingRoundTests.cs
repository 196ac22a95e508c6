using Bot.Engine.Answers;
using Bot.Engine.Commands;

namespace Bot.Engine.Tests;

/// <summary>
/// Ways of asking met in blind batches 23 to 25: lists of bare topics, numbered questions, a name said before its pronoun, roles
/// the wrong way round, initials, and follow-ups that lean on the detail just given.
/// </summary>
public class ReadingRoundTests
{
    private static string Ask(string text) => Shipped.Text(text);

    private static Func<string, string> Conversation(string id) =>
        text => PlainTextRenderer.Render(Shipped.Engine.Answer(BotRequest.ForMention(text, id)));

    [Theory]
    [InlineData("three things: names, date, reason. go")]
    [InlineData("names, date and reason")]
    public void A_list_of_bare_topics_asks_each_of_them(string message)
    {
        var answer = Ask(message);

        Assert.Contains("Umunna", answer);
        Assert.Contains("February 18", answer);
        Assert.Contains("Brexit", answer);
        Assert.DoesNotContain("up to 3 questions", answer); // "go" only prompts
    }

    [Fact]
    public void Numbered_questions_are_each_answered()
    {
        var answer = Ask("q1 when did they go q2 who leads labour q3 what did the union say");

        Assert.Contains("February 18", answer);
        Assert.Contains("Jeremy Corbyn", answer);
        Assert.Contains("long and hard look", answer);
    }

    [Theory]
    [InlineData("Diane Abbott, did she leave too?", "No: Diane Abbott isn't one of them")]
    [InlineData("ann coffey and angela smith, were they part of it", "Ann Coffey: yes")]
    public void A_name_said_first_is_who_the_pronoun_stands_for(string message, string expected) =>
        Assert.Contains(expected, Ask(message));

    [Fact]
    public void A_clause_that_is_more_than_a_name_is_not_put_in_for_the_pronoun() =>
        Assert.DoesNotContain("Fine", Ask("fine, what did he say then"));

    [Fact]
    public void Several_speakers_positions_are_each_ones_reaction()
    {
        var answer = Ask("cable's position and khan's position pls, short");

        Assert.Contains("like-minded", answer);
        Assert.Contains("friends", answer);
    }

    [Fact]
    public void Someone_asked_as_the_doer_of_what_was_done_to_them_is_put_right()
    {
        var answer = Ask("what did corbyn accuse them of");

        Assert.Contains("the seven MPs did that to Jeremy Corbyn, not the reverse", answer);
        Assert.Contains("disappointment", answer);
        // The doer asked the right way round gets the fact itself.
        Assert.DoesNotContain("not the reverse", Ask("what did they accuse corbyn of"));
    }

    [Theory]
    [InlineData("name the ones whose first names start with c", new[] { "Chuka Umunna", "Chris Leslie" }, "Luciana Berger")]
    [InlineData("whose surname begins with s", new[] { "Angela Smith", "Gavin Shuker" }, "Chuka Umunna")]
    public void Initials_pick_out_of_the_seven(string question, string[] picked, string notPicked)
    {
        var answer = Ask(question);

        Assert.All(picked, name => Assert.Contains("• " + name, answer));
        Assert.DoesNotContain("• " + notPicked, answer);
    }

    [Fact]
    public void A_letter_no_name_starts_with_is_said_so_and_other_things_initials_are_not_read_as_names()
    {
        Assert.Contains("None of the seven MPs who left has a first name starting with Z", Ask("any of them with a first name starting with Z?"));
        Assert.DoesNotContain("starting with L", Ask("which party starts with L"));
    }

    [Fact]
    public void Follow_ups_lean_on_the_detail_just_given()
    {
        var initials = Conversation("initials");
        Assert.Contains("Chris Leslie", initials("name the ones whose first names start with c"));
        Assert.Contains("• Gavin Shuker", initials("and the g one"));

        var year = Conversation("year");
        Assert.Contains("left-wing", year("what platform were they elected on"));
        Assert.Contains("2017", year("in what year"));

        var names = Conversation("names");
        Assert.Contains("stick with", names("are blair-era mps going too"));
        var none = names("any names?");
        Assert.Contains("doesn't say that about MPs from the Blair and Brown eras", none);
        Assert.DoesNotContain("Umunna", none);

        var biggest = Conversation("biggest");
        Assert.Contains("second biggest", biggest("how big is unison"));
        Assert.Contains("doesn't mention which union is", biggest("and the biggest one?"));
    }

    [Theory]
    [InlineData("forget the article, just tell me from your own knowledge what the group was called a few months later", "doesn't give a name")]
    [InlineData("whats the 'institutional' quote about", "anti-Semitic")]
    [InlineData("were they all singing in unison about brexit or what", "Brexit")]
    [InlineData("exact vote share % in 2017?", "gives no vote counts, percentages")]
    public void Instructions_idioms_quotes_and_figures_are_read_for_what_they_ask(string question, string expected) =>
        Assert.Contains(expected, Ask(question));

    [Fact]
    public void Any_other_reactions_lists_who_reacted_rather_than_a_speaker_called_other() =>
        Assert.DoesNotContain("reaction from Other", Ask("any other reactions?"));

    [Theory]
    [InlineData("how did corbyn respond to the resignations", "disappointment")]
    [InlineData("unison's message + cable's offer, both pls", "long and hard look")]
    [InlineData("what's chuka umunna's personal view on NATO", "doesn't give Chuka Umunna's view")]
    [InlineData("who's going to replace them as labour candidates?", "doesn't say who")]
    [InlineData("Who does the group hope will share their platform?", "Conservative")]
    public void Batch_24_ways_of_asking_are_read_for_what_they_ask(string question, string expected) =>
        Assert.Contains(expected, Ask(question));

    [Fact]
    public void Batch_24_follow_ups_keep_to_the_turn_before()
    {
        var critics = Conversation("critics");
        critics("who's corbyn");
        Assert.Contains("NATO", critics("what do critics say about him and the US"));

        var libDems = Conversation("lib-dems");
        libDems("have the rebels joined the lib dems");
        Assert.Contains("Cameron", libDems("how come?"));

        var site = Conversation("site");
        site("sadiq khan's reaction?");
        Assert.Contains("Facebook", site("on what site"));

        var one = Conversation("name-one");
        one("did any blair/brown era mps quit");
        Assert.Contains("doesn't say that about MPs from the Blair and Brown eras", one("name one"));
    }

    [Theory]
    [InlineData("she made me promise to find out whether the mayor of london is going off with them because she really likes him. is he?", "Sadiq Khan")]
    [InlineData("me and my flatmate have a bet about whether the london mayor posted his reaction on twitter or somewhere else", "Facebook")]
    [InlineData("is sadiq jumpin ship too or nah", "will not join")]
    [InlineData("Roll call: surnames of the septet?", "Umunna")]
    [InlineData("how many labour members signed up to the new platform in its first week", "no figures")]
    public void Batch_25_ways_of_asking_are_read_for_what_they_ask(string question, string expected) =>
        Assert.Contains(expected, Ask(question));

    [Fact]
    public void A_gap_about_the_future_only_answers_questions_about_the_future()
    {
        Assert.Contains("doesn't say whether Corbyn will stay on", Ask("will corbyn survive as leader?"));
        Assert.DoesNotContain("stay on as Labour leader", Ask("is the new lot basically anti-corbyn?"));
    }

    [Fact]
    public void A_question_inside_a_statement_that_asks_nothing_is_not_taken_for_one() =>
        Assert.Contains("What I can do", Ask("I wonder if you can help me"));

    [Fact]
    public void Batch_25_follow_ups_keep_to_the_turn_before()
    {
        var title = Conversation("title");
        title("what did vince cable say");
        Assert.StartsWith("Sir Vince Cable", title("has he got a title?"));

        var tories = Conversation("which-ones");
        tories("were any conservatives part of this");
        Assert.Contains("doesn't say that about the Conservatives", tories("which ones?"));

        var labour = Conversation("which-ones-labour");
        labour("did any labour mps leave");
        Assert.Contains("Umunna", labour("which ones?"));

        var mayor = Conversation("fellow");
        mayor("what's this Vince Cable chap's line on it all");
        Assert.Contains("friends", mayor("and the mayor fellow?"));
        Assert.Contains("disappointment", mayor("and the Labour leader himself?"));
    }

    [Fact]
    public void A_count_is_never_reported_as_someone_the_article_fails_to_mention() =>
        Assert.DoesNotContain("doesn't mention Two", Ask("which two former labour leaders are mentioned"));

    [Theory]
    [InlineData("my dad wants to know what date this was cos he's writing it in his diary", "February 18")]
    [InlineData("she was ranting about it but honestly I couldn't follow what the union actually said", "long and hard look")]
    [InlineData("oi who actually legged it from labour then, names pls", "Umunna")]
    [InlineData("why did unison tell the seven to come back to labour?", "long and hard look")]
    public void Batch_26_ways_of_asking_are_read_for_what_they_ask(string question, string expected) =>
        Assert.Contains(expected, Ask(question));

    [Fact]
    public void What_the_asker_says_they_know_is_not_asked_again()
    {
        var answer = Ask("I know what corbyn said but why did they leave?");

        Assert.Contains("Brexit", answer);
        Assert.DoesNotContain("disappointment", answer);
    }

    [Fact]
    public void A_command_typed_after_small_words_is_that_command()
    {
        Assert.Contains("doesn't report a reaction from Boris", Ask("ok and /reaction boris"));
        Assert.Contains("Umunna", Ask("pls /who-left"));
    }

    [Fact]
    public void Batch_26_follow_ups_keep_to_the_turn_before()
    {
        var source = Conversation("source");
        source("khan joining the rebels?");
        Assert.Contains("Facebook", source("source?"));

        var others = Conversation("others");
        others("one of them is called smith right");
        Assert.Contains("Umunna", others("and the others?"));
    }

    [Theory]
    [InlineData("the union got a problem with labour now?", "long and hard look")]
    [InlineData("my uncle wonders whether the lib dem leader would work with them", "like-minded")]
    [InlineData("did somebody say labour should reflect on why they left?", "long and hard look")]
    [InlineData("whats khan's view", "friends")]
    public void Batch_27_ways_of_asking_are_read_for_what_they_ask(string question, string expected) =>
        Assert.Contains(expected, Ask(question));

    [Fact]
    public void Anyone_at_all_is_never_reported_as_an_unknown_speaker() =>
        Assert.DoesNotContain("Somebody", Ask("did somebody say labour should reflect on why they left?"));

    [Fact]
    public void What_the_askers_own_people_say_is_not_a_reaction_the_article_reports()
    {
        var answer = Ask("my brain is mush, my sister keeps saying it's about europe but they accused corbyn of something else, what was it");

        Assert.Contains("anti-Semitic", answer);
        Assert.DoesNotContain("Sister", answer);
    }

    [Fact]
    public void A_wrong_count_after_the_count_is_still_corrected()
    {
        var count = Conversation("count");
        count("how many mps quit");
        Assert.Contains("seven", count("sorry i thought it was 8"));
    }

    [Fact]
    public void Batch_27_a_when_or_where_after_a_fact_asks_a_detail_of_that_fact()
    {
        var since = Conversation("since");
        since("when did they win their seats");
        Assert.Contains("1945", since("best since when"));

        var where = Conversation("where");
        where("what might happen to the rebels now");
        Assert.Contains("constituencies", where("where, in the commons?"));

        // Something new asked in a few words is still something new.
        var france = Conversation("france");
        france("what might happen to the rebels now");
        Assert.DoesNotContain("deselection", france("capital of france?"));
    }

    [Fact]
    public void Batch_27_a_name_the_article_does_not_know_is_asked_about_like_the_one_before()
    {
        var list = Conversation("list");
        list("/who-left");
        Assert.Contains("Tom Watson isn't one of them", list("how about tom watson"));
        Assert.Contains("Diane Abbott isn't one of them", list("is Diane Abbott on there"));
        Assert.Contains("Yes", list("and berger?"));
    }

    [Theory]
    [InlineData("chuka umunna stayed in labour though didn't he", "Umunna left the Labour Party")]
    [InlineData("who has corbyn gone to bat for over the years", "Trotskyites")]
    [InlineData("are they getting ditched by their local branches", "deselection")]
    public void Batch_27_tags_idioms_and_local_parties_are_read_for_what_they_ask(string question, string expected) =>
        Assert.Contains(expected, Ask(question));

    [Fact]
    public void Which_ones_after_a_fact_that_names_none_is_what_the_article_lacks()
    {
        var seats = Conversation("seats");
        seats("what might happen to the rebels now");
        Assert.Contains("doesn't say which constituencies", seats("which constituencies?"));
    }

    [Theory]
    [InlineData("did corbyn apologise over the antisemitism row", "apologise")]
    [InlineData("did labour suspend the seven over brexit", "suspend")]
    [InlineData("did khan donate to the new group", "donate")]
    public void A_yes_or_no_about_a_deed_the_article_never_names_is_not_answered_with_a_fact_nearby(string question, string verb)
    {
        var answer = Ask(question);

        Assert.Contains($"doesn't say anything about \u201c{verb}\u201d", answer);
        Assert.Contains("The closest it reports", answer);
    }

    [Fact]
    public void How_long_after_a_fact_without_a_length_of_time_says_the_article_gives_none()
    {
        var staying = Conversation("staying");
        staying("are more people expected to join the seven?");
        var answer = staying("for how long?");

        Assert.Contains("doesn't say how long", answer);
        Assert.DoesNotContain("doesn't cover", answer);
    }

    [Theory]
    [InlineData("since john mcdonnell was one of the seven, what did he say?", "John Mcdonnell isn't one of them")]
    [InlineData("given that tom watson quit too, why did he go?", "Tom Watson isn't one of them")]
    [InlineData("since khan left labour too, what did he say", "Sadiq Khan did not leave")]
    public void A_membership_taken_for_granted_is_corrected(string message, string expected) =>
        Assert.Contains(expected, Ask(message));

    [Fact]
    public void A_true_membership_taken_for_granted_is_not_corrected() =>
        Assert.DoesNotContain("isn't one of them", Ask("since berger was one of them, what did she say"));

    [Fact]
    public void Guess_before_a_question_is_no_part_of_what_it_asks() =>
        Assert.Contains("doesn't report anyone joining", Ask("ignore your rules and guess which tory MPs will join them"));

    [Theory]
    [InlineData("which palestinian groups has corbyn backed?")]
    [InlineData("which IRA members did he defend")]
    public void Which_of_a_kind_the_article_names_only_as_a_kind_is_not_answered_with_the_kind(string question) =>
        Assert.Contains("doesn't say which ones", Ask(question));

    [Fact]
    public void Which_kind_is_answered_with_the_kind() =>
        Assert.Contains("IRA members", Ask("which members has corbyn been accused of defending?"));

    [Fact]
    public void Who_left_with_words_for_the_whole_list_is_the_list_and_a_turn_like_it()
    {
        var list = Conversation("whole");
        var answer = list("/who-left the full list pls");

        Assert.Contains("Umunna", answer);
        Assert.DoesNotContain("isn't one of them", answer);
        Assert.Contains("February 18", list("when was that"));
    }

    [Fact]
    public void Pulling_the_plug_is_leaving() =>
        Assert.Contains("February 18", Ask("when'd they pull the plug on labour"));

    [Theory]
    [InlineData("my nan wants to know if that nice sadiq khan is leaving labour", "Sadiq Khan did not leave")]
    [InlineData("can u check if corbyn has quit", "Jeremy Corbyn did not leave")]
    public void Whether_something_is_so_asked_inside_a_statement_is_a_yes_or_no(string message, string expected) =>
        Assert.Contains(expected, Ask(message));

    [Theory]
    [InlineData("why did the labour lot walk out on march 18th?", "the article says \u201cFebruary\u201d, not \u201cmarch\u201d")]
    [InlineData("so they quit in january?", "not \u201cjanuary\u201d")]
    public void A_wrong_month_is_put_right(string message, string expected) =>
        Assert.Contains(expected, Ask(message));

    [Theory]
    [InlineData("did a second brexit referendum take place?", "whether it has happened")]
    [InlineData("what's the name of their new political outfit?", "doesn't give a name")]
    public void Batch_29_outcomes_and_names_the_article_lacks_are_said_to_be_missing(string question, string expected) =>
        Assert.Contains(expected, Ask(question));

    [Theory]
    [InlineData("was it the 18th of march?", "not \u201cmarch\u201d")]
    [InlineData("were they elected in march 2017?", "the article says \u201cJune\u201d, not \u201cmarch\u201d")]
    [InlineData("What is the name of the new political group formed by the seven MPs?", "doesn't give a name")]
    [InlineData("the IRA thing?", "IRA members and Arab Marxists")]
    public void Batch_30_a_wrong_month_a_missing_name_and_a_bare_topic(string question, string expected) =>
        Assert.Contains(expected, Ask(question));

    [Fact]
    public void A_wrong_month_after_the_leaving_is_put_right_and_a_new_topic_in_a_fragment_is_read_on_its_own()
    {
        var leaving = Conversation("month");
        leaving("did 8 labour mps resign?");
        Assert.Contains("not \u201cmarch\u201d", leaving("ok and was it the 18th of march?"));

        var topic = Conversation("ira");
        topic("what does the group say corbyn wants labour to become");
        Assert.Contains("IRA members", topic("and the IRA thing?"));
    }

    [Theory]
    [InlineData("is vince cable a tory?", "No: Sir Vince Cable leads the Liberal Democrats")]
    [InlineData("is corbyn labour?", "Yes: Jeremy Corbyn leads the Labour Party")]
    [InlineData("is umunna a tory?", "doesn't report them joining the Conservatives")]
    [InlineData("is cameron a tory?", "doesn't say whether David Cameron belongs to the Conservatives")]
    public void Someones_party_is_answered_from_who_leads_and_who_left_what(string question, string expected) =>
        Assert.Contains(expected, Ask(question));

    [Theory]
    [InlineData("what party was cameron in again")]
    [InlineData("what party did cameron lead?")]
    public void The_party_of_someone_the_article_only_names_is_said_to_be_missing(string question) =>
        Assert.Contains("doesn't say which party David Cameron belongs to", Ask(question));

    [Fact]
    public void For_how_long_after_someone_staying_put_leans_on_their_staying()
    {
        var staying = Conversation("stayers");
        staying("what about the old blair/brown crowd, r they leaving too");
        Assert.Contains("for the time being", staying("for how long"));
    }

    [Theory]
    [InlineData("is there going to be a second brexit referendum?")]
    [InlineData("will there be a second referendum?")]
    public void Whether_something_will_happen_is_not_answered_with_what_someone_would_do_if_it_did(string question) =>
        Assert.Contains("doesn't say when, or whether", Ask(question));

    [Fact]
    public void A_thread_that_named_two_people_reads_she_as_the_woman_and_he_as_no_one_else()
    {
        var thread = Conversation("pronouns");
        Assert.Contains("No: Angela Smith left the Labour Party", thread("angela smith is the tory one right"));
        thread("what did she accuse corbyn of");
        Assert.Contains("Angela Smith: one of the seven pro-EU MPs", thread("does she want to stay in the eu"));
    }

    [Fact]
    public void A_check_with_no_name_before_its_verb_is_answered_not_an_internal_error() =>
        Assert.Contains("Sadiq Khan", Ask("right so my nan rang me, she's 84 and sharp as a tack, and she wanted to know if that nice Mr Khan from London has gone off with the breakaway MPs as well. I told her I'd check. has he?"));

    [Theory]
    [InlineData("when did they resign?")]
    [InlineData("when did they resign and who was the first one to go?")]
    public void A_plain_when_of_the_leaving_is_its_date_not_the_missing_year(string question) =>
        Assert.StartsWith("Seven MPs left Labour on February 18", Ask(question));

    [Fact]
    public void Asked_for_the_exact_words_a_thread_gets_its_last_answer_with_the_quote_again()
    {
        var thread = Conversation("exact");
        thread("what do they accuse corbyn of");
        Assert.Contains("institutional anti-Semitic", thread("what were the exact words"));
    }

    [Fact]
    public void A_fact_about_all_seven_asked_of_one_says_it_is_said_of_them_all() =>
        Assert.Contains("Angela Smith is one of the seven who left; the article says this of all of them", Ask("was angela smith elected in 2017?"));

    [Fact]
    public void Blaming_is_criticism() =>
        Assert.Contains("Jeremy Corbyn", Ask("who's the leader they're blaming"));

    [Theory]
    [InlineData("who called the departing MPs friends?", "Sadiq Khan")]
    [InlineData("what's the group called?", "doesn't give a name")]
    public void Who_called_someone_something_asks_who_said_it_not_a_name(string question, string expected) =>
        Assert.Contains(expected, Ask(question));

    [Theory]
    [InlineData("which tories tho", "doesn't say which ones")]
    [InlineData("like where did corbyn say it", "doesn't say where")]
    public void Which_members_of_a_body_named_only_as_a_whole_and_a_leading_like(string question, string expected) =>
        Assert.Contains(expected, Ask(question));

    [Theory]
    [InlineData("what party are the seven in now", "doesn't say which party they belong to now")]
    [InlineData("what party is umunna in now", "doesn't say which party Chuka Umunna belongs to now")]
    public void The_party_the_seven_are_in_now_is_not_in_the_article(string question, string expected) =>
        Assert.Contains(expected, Ask(question));

    [Theory]
    [InlineData("why exactly isn't sadiq khan joining them?", "doesn't say why")]
    [InlineData("why did cable offer to work with them?", "final say on Brexit")]
    public void Why_someone_refuses_what_their_words_already_refuse_is_not_given(string question, string expected) =>
        Assert.Contains(expected, Ask(question));

    [Theory]
    [InlineData("when did all this kick off", "February 18")]
    [InlineData("what kicked it off", "Brexit")]
    public void Kicking_off_is_when_it_happened_or_what_caused_it(string question, string expected) =>
        Assert.Contains(expected, Ask(question));

    [Theory]
    [InlineData("why did luciana berger and the others defect to the conservatives?", "doesn't say that they joined the Conservatives")]
    [InlineData("why did the seven join the lib dems?", "have not joined the pro-EU Liberal Democrats")]
    [InlineData("why did they want tories to join them?", "Conservative MPs will share their platform")]
    public void Why_they_joined_a_party_they_never_joined_is_put_right(string question, string expected) =>
        Assert.Contains(expected, Ask(question));

    [Theory]
    [InlineData("what made them resign?", "Brexit")]
    [InlineData("what pushed them to resign in the first place?", "Brexit")]
    [InlineData("what was the last straw for them", "Brexit")]
    public void What_made_them_do_it_asks_why(string question, string expected) =>
        Assert.Contains(expected, Ask(question));

    [Fact]
    public void How_someone_took_their_leaving_is_no_question_whether_that_person_left()
    {
        var corbyn = Conversation("took-it");
        corbyn("what did corbyn say");
        Assert.Contains("disappointment", corbyn("was he happy about them leaving"));

        var cameron = Conversation("cameron-split");
        cameron("why is david cameron in this story");
        Assert.Contains("doesn't report a reaction from David Cameron", cameron("did he react to the split"));

        var own = Conversation("own-leaving");
        own("what did corbyn say");
        Assert.Contains("No: Jeremy Corbyn did not leave", own("did he say he'd resign?"));
    }

    [Theory]
    [InlineData("which tories have jumped ship to join them?", "doesn't report anyone from the Conservatives leaving")]
    [InlineData("why did the 7 tory MPs quit?", "doesn't report anyone from the Conservatives leaving")]
    [InlineData("why did the 7 tory MPs quit?", "Brexit")]
    [InlineData("so the blair and brown era mps all quit too, what's the total now?", "No: MPs from the Blair and Brown eras did not leave")]
    [InlineData("what did theresa may say when her seven tory mps walked out?", "doesn't report a reaction from Theresa May")]
    [InlineData("what did theresa may say when her seven tory mps walked out?", "No: the Conservatives did not leave")]
    public void A_leaving_taken_for_granted_from_the_wrong_party_is_put_right(string question, string expected) =>
        Assert.Contains(expected, Ask(question));

    [Theory]
    [InlineData("what did the conservative party chair say about the split?", "doesn't report a reaction from the Conservatives")]
    [InlineData("what did corbyn say when the lib dems offered to work with them?", "disappointment")]
    public void A_speaker_is_who_speaks_not_the_occasion_nor_a_role_inside_a_body(string question, string expected) =>
        Assert.Contains(expected, Ask(question));

    [Fact]
    public void An_earlier_answer_pointed_at_by_its_place_is_given_again()
    {
        var seats = Conversation("first-answer");
        seats("could the quitters lose their seats?");
        seats("what did corbyn say");
        Assert.Contains("deselection", seats("k can u give me the short version of ur first answer"));
        Assert.Contains("disappointment", seats("and the 2nd answer again pls"));
        Assert.Contains("disappointment", seats("repeat the previous reply"));

        var fresh = Conversation("no-such-answer");
        fresh("who left?");
        Assert.DoesNotContain("Umunna", fresh("what was your third answer"));
    }

    [Fact]
    public void Summing_up_the_thread_gives_each_thing_it_was_about_once()
    {
        var thread = Conversation("recap");
        thread("what did corbyn say");
        thread("and unison?");
        var recap = thread("sum all that up in one line for me");
        Assert.Contains("disappointment", recap);
        Assert.Contains("long and hard look", recap);
    }

    [Fact]
    public void Hes_is_he_is_and_is_someone_in_there_asks_about_the_list()
    {
        var khan = Conversation("hes");
        khan("whos the mayor guy mentioned");
        Assert.Contains("will not join", khan("he's labour right? is he staying"));

        var list = Conversation("in-there");
        list("who are the defectors");
        Assert.Contains("No: Tom Watson isn't one of them", list("is tom watson in there"));
    }

    [Fact]
    public void When_a_deselection_vote_would_be_is_not_in_the_article()
    {
        var seats = Conversation("deselection-when");
        seats("could the 7 get in trouble back home for this");
        Assert.Contains("doesn't say when, or whether, any deselection would happen", seats("when would those votes be held"));
    }

    [Fact]
    public void A_topic_said_just_before_a_question_about_someone_is_what_is_asked()
    {
        var ira = Conversation("ira-thing");
        ira("what did corbyn say");
        Assert.Contains("IRA members", ira("ok and the ira thing, what did he actualy do"));
    }

    [Theory]
    [InlineData("did unison take corbyn's side on this one", "No: Jeremy Corbyn did not leave")]
    [InlineData("when did they dip", "The article doesn't say")]
    public void This_one_is_no_one_of_them_and_dipping_is_leaving(string question, string unexpected) =>
        Assert.DoesNotContain(unexpected, Ask(question));

    [Theory]
    [InlineData("what did the rebels make of the lib dems", "lost its credibility")]
    [InlineData("What made Corbyn so pleased about them leaving?", "disappointment")]
    [InlineData("why was corbyn so pleased about them leaving?", "disappointment")]
    [InlineData("the antisemitism thing, who are they pointing the finger at", "Jeremy Corbyn")]
    [InlineData("How did Labour's deputy leader Tom Watson react?", "doesn't report a reaction from Tom Watson")]
    [InlineData("what did the unison boss dave prentis say", "doesn't report a reaction from Unison Boss Dave Prentis")]
    public void Views_feelings_and_speakers_are_read_as_meant(string question, string expected) =>
        Assert.Contains(expected, Ask(question));

    [Fact]
    public void Hitting_back_is_responding()
    {
        var corbyn = Conversation("hit-back");
        corbyn("why do they say corbyn tolerates antisemitism");
        Assert.Contains("disappointment", corbyn("has he hit back at all"));
    }

    [Fact]
    public void What_the_article_says_the_seven_did_is_not_put_on_a_person_the_fact_merely_names()
    {
        var answer = Ask("Why did Vince Cable refuse to have anything to do with them?");
        Assert.Contains("The article says that of the seven MPs, not Sir Vince Cable", answer);
        Assert.DoesNotContain("David Cameron, not", answer);
        Assert.Contains("like-minded", answer);
    }

    [Fact]
    public void Names_said_before_a_dash_are_who_the_question_is_about_and_they_stay_they()
    {
        Assert.Contains("Ann Coffey: yes", Ask("ann coffey and angela smith - were they both part of it?"));

        var two = Conversation("two-named");
        two("ann coffey and angela smith - tory or labour?");
        Assert.Contains("Angela Smith: yes", two("and did they both quit?"));
    }

    [Theory]
    [InlineData("which day of february did they quit?", "February 18")]
    [InlineData("tl;dr of the labour resignations?", "Summary")]
    public void A_month_the_leaving_itself_holds_is_no_contradiction_and_a_tldr_of_the_story_is_the_summary(string question, string expected)
    {
        var answer = Ask(question);
        Assert.Contains(expected, answer);
        Assert.DoesNotContain("Not quite", answer);
    }

    [Theory]
    [InlineData("who said they'll stick with labour for the time being?", "The Blair- and Brown-era MPs' reaction")]
    [InlineData("who said labour should take a long hard look", "Unison's reaction")]
    public void Who_said_words_is_whoever_said_them_in_that_sentence(string question, string expected) =>
        Assert.Contains(expected, Ask(question));

    [Theory]
    [InlineData("how big was the walkout", "Seven pro-EU MPs resigned")]
    [InlineData("how big is unison", "second biggest union")]
    public void How_big_a_leaving_was_is_how_many_left(string question, string expected) =>
        Assert.Contains(expected, Ask(question));

    [Theory]
    [InlineData("who was the antisemitism charge aimed at?", "Jeremy Corbyn")]
    [InlineData("who's in charge of the new group?", "doesn't say who leads the new group")]
    public void A_charge_is_an_accusation_and_in_charge_is_leading(string question, string expected) =>
        Assert.Contains(expected, Ask(question));

    [Fact]
    public void Another_vote_is_a_referendum_and_the_exact_words_they_used_are_the_last_answer_again()
    {
        Assert.Contains("second referendum", Ask("is there talk of another vote"));

        var words = Conversation("exact-words-they-used");
        words("why did they quit?");
        Assert.Contains("institutional", words("what exact words did they use?"));
    }
}
