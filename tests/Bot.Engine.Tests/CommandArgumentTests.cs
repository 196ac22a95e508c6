using Bot.Engine.Answers;
using Bot.Engine.Commands;
using Bot.Engine.Understanding;

namespace Bot.Engine.Tests;

/// <summary>Slash-command arguments read as a person means them: several names, question frames, platform mentions, noise.</summary>
public class CommandArgumentTests
{
    private static readonly EntityIndex Entities = new(Shipped.Engine.Facts.Entities, new Lexicon(Shipped.Engine.Facts.Vocabulary));

    private static readonly AnswerEngine Harbour = AnswerEngine.Load(Path.Combine(AppContext.BaseDirectory, "TestData", "harbour"));

    private static string[] Read(string text) =>
        [.. CommandArgument.Parse(text, Entities).Names.Select(n => n.Entity?.Id ?? "?" + string.Join(' ', n.Words))];

    [Theory]
    [InlineData("chuka", "umunna")]
    [InlineData("is chuka one of them", "umunna")]
    [InlineData("is Chuka Umunna among them?", "umunna")]
    [InlineData("was angela smith part of the group", "smith")]
    [InlineData("is chuka one of the rebels", "umunna")]
    [InlineData("did shuker go too", "shuker")]
    [InlineData("what about gapes?", "gapes")]
    [InlineData("Sadiq Khan on Facebook", "khan")]
    [InlineData("what did khan say on facebook", "khan")]
    [InlineData("what did sadiq kahn say on facebook", "khan")]
    [InlineData("i'd like to know what the union said", "unison")]
    [InlineData("lol what did corbyn say pls", "corbyn")]
    [InlineData("corbyn on the lib dems", "corbyn")]
    [InlineData("@Corbyn", "corbyn")]
    [InlineData("the mayor of London", "khan")]
    [InlineData("blair and brown era mps", "blair-brown")]
    [InlineData("mps who left", "rebels")]
    [InlineData("corbyyn", "corbyn")]
    public void One_name_is_found_inside_a_question_frame(string text, string id)
    {
        Assert.Equal([id], Read(text));
    }

    [Theory]
    [InlineData("chuka, berger", "umunna", "berger")]
    [InlineData("chuka berger", "umunna", "berger")]
    [InlineData("corbyn and cable", "corbyn", "cable")]
    [InlineData("corbyn, unison", "corbyn", "unison")]
    [InlineData("corbyyn cable", "corbyn", "cable")]
    [InlineData("is chuka and berger one of them", "umunna", "berger")]
    [InlineData("the labour leader & the mayor", "corbyn", "khan")]
    [InlineData("chuka, umunna, Chuka Umunna, berger", "umunna", "berger")]
    public void Several_names_are_read_one_by_one_and_once_each(string text, string first, string second)
    {
        Assert.Equal([first, second], Read(text));
    }

    [Theory]
    [InlineData("chuka, berger and diane abbott", new[] { "umunna", "berger", "?diane abbott" })]
    [InlineData("nigel farage", new[] { "?nigel farage" })]
    [InlineData("what did nigel farage say on twitter", new[] { "?nigel farage" })]
    [InlineData("theresa may", new[] { "?theresa may" })]
    [InlineData("what did theresa may think about it", new[] { "?theresa may" })]
    [InlineData("the government", new[] { "?the government" })]
    [InlineData("boris johnson or corbyn", new[] { "?boris johnson", "corbyn" })]
    public void Unknown_names_are_kept_without_their_question_frame(string text, string[] expected)
    {
        Assert.Equal(expected, Read(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("?")]
    [InlineData("!!!")]
    [InlineData("🙏")]
    [InlineData(":pray:")]
    [InlineData("pls")]
    [InlineData("thx lol")]
    [InlineData("what did they say?")]
    [InlineData("is one of them")]
    [InlineData("on facebook")]
    [InlineData("1, 2, 3")]
    [InlineData("what did they say about it and who else said something too please")]
    public void Punctuation_filler_and_question_words_are_no_name(string text)
    {
        var argument = CommandArgument.Parse(text, Entities);

        Assert.True(argument.IsEmpty);
        Assert.False(argument.HasPlatformMention);
    }

    [Theory]
    [InlineData("<@U0123ABC>")]
    [InlineData("<@U0123ABC|jeremy>")]
    [InlineData("<@123456789012345678>")]
    [InlineData("<@!123456789012345678>")]
    [InlineData("<@&123456789012345678>")]
    [InlineData("<#C123|general>")]
    [InlineData("<#123456789012345678>")]
    [InlineData("<!here>")]
    [InlineData("@everyone")]
    [InlineData("@dave")]
    public void Platform_mentions_are_flagged_and_never_read_as_names(string text)
    {
        var argument = CommandArgument.Parse(text, Entities);

        Assert.True(argument.IsEmpty);
        Assert.True(argument.HasPlatformMention);
    }

    [Fact]
    public void Names_beside_a_platform_mention_are_still_read()
    {
        var argument = CommandArgument.Parse("<@U0123ABC> corbyn", Entities);

        Assert.Equal("corbyn", argument.Names.Single().Entity!.Id);
    }

    [Fact]
    public void At_most_five_names_are_read_and_the_rest_counted()
    {
        var argument = CommandArgument.Parse("umunna, berger, gapes, leslie, coffey, smith and shuker", Entities);

        Assert.Equal(CommandArgument.MaxNames, argument.Names.Count);
        Assert.Equal(2, argument.Omitted);
        Assert.Equal("coffey", argument.Names[^1].Entity!.Id);
    }

    [Fact]
    public void A_word_a_typo_away_from_a_name_among_unknown_words_is_not_that_name()
    {
        Assert.DoesNotContain("cable", Read("'; DROP TABLE facts; --"));
    }

    [Theory]
    [InlineData("/who-left is chuka one of them", "Yes: Chuka Umunna was one of them")]
    [InlineData("/who-left did shuker go too", "Yes: Gavin Shuker was one of them")]
    [InlineData("/who-left what about gapes?", "Yes: Mike Gapes was one of them")]
    [InlineData("/who-left is diane abbott one of them?", "No: Diane Abbott isn't one of them")]
    [InlineData("/who-left is angela rayner one of them", "No: Angela Rayner isn't one of them")]
    [InlineData("/who-left chris williamson", "No: Chris Williamson isn't one of them")]
    [InlineData("/who-left chuka, berger", "Who left: 2 of 2 named")]
    [InlineData("/who-left chuka berger", "Who left: 2 of 2 named")]
    [InlineData("/who-left chuka, berger and diane abbott", "Who left: 2 of 3 named")]
    [InlineData("/reaction Sadiq Khan on Facebook", "Sadiq Khan's reaction")]
    [InlineData("/reaction what did khan say on facebook", "Sadiq Khan's reaction")]
    [InlineData("/reaction @Corbyn", "Jeremy Corbyn's reaction")]
    [InlineData("/reaction corbyn and cable", "Reactions from Jeremy Corbyn and Sir Vince Cable")]
    [InlineData("/reaction corbyn, unison", "Reactions from Jeremy Corbyn and Unison")]
    [InlineData("/reaction cameron and corbyn", "Reactions: 1 of 2 named")]
    [InlineData("/reaction nigel farage", "Not reported in the article")]
    [InlineData("/reaction <@U0123ABC>", "Give a name from the article")]
    [InlineData("/who-left <@123456789012345678>", "Give a name from the article")]
    public void Arguments_get_the_answer_a_person_means(string line, string title)
    {
        Assert.Equal(title, Shipped.Answer(line).Title);
    }

    [Fact]
    public void Several_names_on_who_left_get_one_answer_with_a_line_each()
    {
        var answer = Shipped.Answer("/who-left chuka, berger and diane abbott");
        var text = PlainTextRenderer.Render(answer);

        Assert.Equal(["Chuka Umunna: yes", "Luciana Berger: yes", "Diane Abbott: no"], answer.Body[0].Lines.Select(l => l[..l.IndexOf(',')]));
        Assert.DoesNotContain("Chuka Berger", text);
        Assert.Contains("Gavin Shuker", text); // the real list, for the "no"
        Assert.Contains(answer.Sources, s => s.Sentence == 1);
    }

    [Fact]
    public void Several_names_on_reaction_get_each_reaction_once_with_all_their_sources()
    {
        var answer = Shipped.Answer("/reaction corbyn and cable");
        var text = PlainTextRenderer.Render(answer);
        var single = Shipped.Answer("/reaction corbyn").Sources.Concat(Shipped.Answer("/reaction cable").Sources);

        Assert.Contains("disappointment", text);
        Assert.Contains("like-minded", text);
        Assert.Equal(single.Select(s => s.Sentence).Order(), answer.Sources.Select(s => s.Sentence));
        Assert.Single(Shipped.Answer("/reaction corbyn, labour").Body, b => b.Style == BlockStyle.Quote);
    }

    [Fact]
    public void Members_without_words_of_their_own_share_the_groups_statement_once()
    {
        var answer = Shipped.Answer("/reaction berger and umunna");

        Assert.Single(answer.Body, b => b.Style == BlockStyle.Quote);
        Assert.Contains("doesn't report anything they said alone", PlainTextRenderer.Render(answer));
    }

    [Theory]
    [InlineData("/reaction <@U0123ABC>")]
    [InlineData("/reaction <@123456789012345678>")]
    [InlineData("/reaction <@!123456789012345678>")]
    [InlineData("/reaction <#C123|general>")]
    [InlineData("/who-left <@U0123ABC>")]
    public void A_platform_mention_gets_a_plain_request_for_a_name_from_the_article(string line)
    {
        var answer = Shipped.Answer(line);
        var text = PlainTextRenderer.Render(answer);

        Assert.Equal(AnswerVisibility.Private, answer.Visibility);
        Assert.Contains("name", text);
        Assert.Contains(line.StartsWith("/reaction", StringComparison.Ordinal) ? "Sadiq Khan" : "Gavin Shuker", text);
        Assert.DoesNotContain("<", text);
        Assert.DoesNotContain("U0123ABC", text);
        Assert.DoesNotContain("123456789012345678", text);
        Assert.DoesNotContain("general", text, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/who-left", "?")]
    [InlineData("/who-left", "!!!")]
    [InlineData("/who-left", "pls")]
    [InlineData("/who-left", "thx")]
    [InlineData("/reaction", "🙏")]
    [InlineData("/reaction", ":pray:")]
    [InlineData("/reaction", "lol")]
    public void No_name_at_all_is_the_same_as_no_argument(string command, string argument)
    {
        Assert.Equal(Shipped.Text(command), Shipped.Text(command + " " + argument));
    }

    [Theory]
    [InlineData("/reaction the blairites", "stick with the party")]
    [InlineData("/reaction the mayor", "friends")]
    [InlineData("/reaction corbyyn", "disappointment")]
    [InlineData("/reaction nigel farage", "doesn't report a reaction from Nigel Farage")]
    [InlineData("/reaction what did theresa may say", "doesn't report a reaction from Theresa May")]
    [InlineData("/reaction nigel farage", "Sadiq Khan")]
    public void Single_names_keep_working(string line, string expected)
    {
        Assert.Contains(expected, Shipped.Text(line));
    }

    [Fact]
    public void More_than_five_names_answers_the_first_five_and_says_so()
    {
        var answer = Shipped.Answer("/who-left umunna, berger, gapes, leslie, coffey, smith, shuker");

        Assert.Equal("Who left: 5 of 5 named", answer.Title);
        Assert.Contains("first 5", PlainTextRenderer.Render(answer));
        Assert.Contains("first 5", Shipped.Text("/reaction corbyn, cable, khan, unison, blairites, rebels"));
    }

    [Fact]
    public void Several_name_answers_cite_sentences_of_the_article()
    {
        foreach (var line in new[] { "/who-left chuka, corbyn and diane abbott", "/reaction khan, cable, cameron, berger" })
        {
            var answer = Shipped.Answer(line);

            Assert.NotEmpty(answer.Sources);
            Assert.All(answer.Sources, s => Assert.Contains(s.Quote, Shipped.Engine.Facts.Article.Sentences[s.Sentence - 1], StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Another_fact_set_is_read_the_same_way()
    {
        string Ask(string line) => PlainTextRenderer.Render(Harbour.Answer(BotRequest.Parse(line)));

        Assert.StartsWith("Who left: 2 of 3 named", Ask("/who-left varga, brandt and edwin marsh"));
        Assert.StartsWith("Yes", Ask("/who-left was rosa quint one of them?"));
        var both = Ask("/reaction what did marsh and the fishermen say");
        Assert.Contains("sorry to lose", both);
        Assert.Contains("public vote", both);
        Assert.Contains("Edwin Marsh", Ask("/reaction <@U0123ABC>"));
        Assert.Contains("doesn't report a reaction from Corbyn", Ask("/reaction what did corbyn say?"));
    }
}
