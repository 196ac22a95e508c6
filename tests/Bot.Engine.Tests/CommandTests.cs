using Bot.Engine.Answers;
using Bot.Engine.Commands;

namespace Bot.Engine.Tests;

public class CommandTests
{
    private static readonly string[] Seven = ["Chuka Umunna", "Luciana Berger", "Mike Gapes", "Chris Leslie", "Ann Coffey", "Angela Smith", "Gavin Shuker"];

    [Fact]
    public void Who_left_names_all_seven_the_date_and_the_party()
    {
        var answer = Shipped.Answer("/who-left");

        Assert.Equal(AnswerKind.Fact, answer.Kind);
        Assert.Equal(Seven, answer.Body.Single(b => b.Style == BlockStyle.Bullets).Lines);
        var text = PlainTextRenderer.Render(answer);
        Assert.Contains("February 18", text);
        Assert.Contains("Labour", text);
        Assert.Contains(answer.Sources, s => s.Sentence == 1);
    }

    [Theory]
    [InlineData("umunna", "Yes")]
    [InlineData("Chuka", "Yes")]
    [InlineData("ANGELA SMITH", "Yes")]
    [InlineData("gavin shukr", "Yes")]
    [InlineData("corbyn", "No")]
    [InlineData("Diane Abbott", "No")]
    public void Who_left_with_a_name_says_whether_they_were_one_of_them(string name, string verdict)
    {
        var answer = Shipped.Answer("/who-left " + name);

        Assert.StartsWith(verdict, answer.Title);
    }

    [Fact]
    public void An_unknown_name_is_not_called_one_of_them_and_the_real_seven_are_listed()
    {
        var text = Shipped.Text("/who-left Diane Abbott");

        Assert.Contains("doesn't name Diane Abbott", text);
        Assert.All(Seven, name => Assert.Contains(name, text));
    }

    [Theory]
    [InlineData("corbyn", "disappointment")]
    [InlineData("Jeremy Corbyn", "disappointment")]
    [InlineData("the Labour leader", "disappointment")]
    [InlineData("corbin", "disappointment")]
    [InlineData("corbyyn", "disappointment")]
    [InlineData("Corbyn!!", "disappointment")]
    [InlineData("cable", "like-minded")]
    [InlineData("Sir Vince", "like-minded")]
    [InlineData("lib dems", "like-minded")]
    [InlineData("liberal democrat leader", "like-minded")]
    [InlineData("khan", "friends")]
    [InlineData("sadiq", "friends")]
    [InlineData("the mayor of London", "friends")]
    [InlineData("London's mayor", "friends")]
    [InlineData("UNISON", "long and hard look")]
    [InlineData("the union", "long and hard look")]
    [InlineData("blairites", "stick with the party")]
    [InlineData("gordon brown", "stick with the party")]
    public void Reaction_resolves_names_aliases_and_typos(string who, string expected)
    {
        var answer = Shipped.Answer("/reaction " + who);

        Assert.Equal(AnswerKind.Fact, answer.Kind);
        Assert.Contains(expected, PlainTextRenderer.Render(answer));
        Assert.NotEmpty(answer.Sources);
    }

    [Theory]
    [InlineData("unite")]
    [InlineData("boris johnson")]
    [InlineData("theresa may")]
    [InlineData("nobody at all")]
    public void A_different_name_is_not_mapped_onto_a_known_one(string who)
    {
        var answer = Shipped.Answer("/reaction " + who);
        var text = PlainTextRenderer.Render(answer);

        Assert.Equal(AnswerKind.NotFound, answer.Kind);
        Assert.Contains("doesn't report a reaction", text);
        Assert.Contains("Jeremy Corbyn", text);
        Assert.Contains("Unison", text);
        Assert.DoesNotContain("long and hard", text);
        Assert.DoesNotContain("disappoint", text);
    }

    [Fact]
    public void A_known_person_without_a_reaction_is_answered_as_such()
    {
        var text = Shipped.Text("/reaction David Cameron");

        Assert.Contains("doesn't report a reaction from David Cameron", text);
    }

    [Fact]
    public void One_of_the_seven_gets_the_groups_statement_with_a_note()
    {
        var text = Shipped.Text("/reaction berger");

        Assert.Contains("doesn't report Luciana Berger speaking alone", text);
        Assert.Contains("rage", text);
    }

    [Fact]
    public void Reaction_without_a_name_lists_whose_reactions_are_reported()
    {
        var answer = Shipped.Answer("/reaction");

        var listed = answer.Body.Single().Lines;
        Assert.Contains(listed, l => l.StartsWith("Jeremy Corbyn", StringComparison.Ordinal));
        Assert.Contains(listed, l => l.StartsWith("Sir Vince Cable", StringComparison.Ordinal));
        Assert.Contains(listed, l => l.StartsWith("Sadiq Khan", StringComparison.Ordinal));
        Assert.Contains(listed, l => l.StartsWith("Unison", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("cor", "Jeremy Corbyn")]
    [InlineData("Sa", "Sadiq Khan")]
    [InlineData("lib", "Sir Vince Cable")]
    [InlineData("uni", "Unison")]
    [InlineData("corbyyn", "Jeremy Corbyn")]
    public void Autocomplete_offers_matching_names(string prefix, string expected)
    {
        var choices = Shipped.Engine.Complete("reaction", "who", prefix);

        Assert.Contains(choices, c => c.Name == expected);
        Assert.All(choices, c => Assert.Equal(AnswerKind.Fact, Shipped.Answer("/reaction " + c.Value).Kind));
    }

    [Fact]
    public void Autocomplete_with_nothing_typed_lists_everyone_with_a_reaction_within_discords_limit()
    {
        var choices = Shipped.Engine.Complete("/reaction", "who", "");

        Assert.InRange(choices.Count, 5, AnswerEngine.MaxChoices);
        Assert.Empty(Shipped.Engine.Complete("reaction", "who", "zzzz"));
        Assert.Empty(Shipped.Engine.Complete("who-left", "name", "cor"));
    }

    [Fact]
    public void Summary_is_three_to_five_lines_with_sources()
    {
        var answer = Shipped.Answer("/summary");

        Assert.InRange(answer.BodyLines.Count(), 3, 5);
        var text = PlainTextRenderer.Render(answer);
        Assert.Contains("Brexit", text);
        Assert.Contains("Corbyn", text);
        Assert.NotEmpty(answer.Sources);
    }

    [Fact]
    public void Help_lists_every_command_in_the_catalog()
    {
        var text = Shipped.Text("/help");

        Assert.All(CommandCatalog.All, c => Assert.Contains("/" + c.Name, text));
    }

    [Fact]
    public void An_unknown_command_gets_a_short_private_list_of_commands()
    {
        var answer = Shipped.Answer("/frobnicate now");

        Assert.Equal(AnswerKind.Help, answer.Kind);
        Assert.Equal(AnswerVisibility.Private, answer.Visibility);
        Assert.Contains("/who-left", PlainTextRenderer.Render(answer));
        Assert.Contains("frobnicate", answer.Title);
    }

    [Theory]
    [InlineData("/quote unison", "long and hard look")]
    [InlineData("/when resignation", "February 18")]
    [InlineData("/who cable", "Liberal Democrat")]
    public void A_guessed_command_whose_words_ask_something_is_answered_as_a_question(string line, string expected)
    {
        var answer = Shipped.Answer(line);
        var text = PlainTextRenderer.Render(answer);

        Assert.Equal(AnswerKind.Fact, answer.Kind);
        Assert.Contains(expected, text, StringComparison.Ordinal);
        Assert.Contains("isn't one of my commands", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("name the new party")]
    [InlineData("/name new party")]
    public void Name_with_one_thing_asks_what_it_is_called(string line)
    {
        Assert.Contains("doesn't give a name", Shipped.Text(line), StringComparison.Ordinal);
    }

    [Fact]
    public void A_guessed_command_about_something_the_article_lacks_lists_the_commands()
    {
        var answer = Shipped.Answer("/weather tomorrow");

        Assert.Equal(AnswerKind.Help, answer.Kind);
        Assert.Contains("/who-left", PlainTextRenderer.Render(answer), StringComparison.Ordinal);
    }

    [Fact]
    public void Ask_is_the_same_as_a_mention()
    {
        Assert.Equal(Shipped.Text("why did they quit?"), Shipped.Text("/ask why did they quit?"));
        Assert.Equal(AnswerVisibility.Private, Shipped.Answer("/ask").Visibility);
    }

    [Fact]
    public void Commands_parse_with_or_without_a_slash_and_in_any_case()
    {
        Assert.Equal(Shipped.Text("/who-left"), PlainTextRenderer.Render(Shipped.Engine.Answer(BotRequest.ForCommand("WHO-LEFT", null))));
    }

    [Fact]
    public void The_catalog_describes_options_for_registration()
    {
        var reaction = CommandCatalog.Find("/reaction")!;

        Assert.Equal("/reaction <who>", reaction.Usage);
        Assert.True(reaction.Options.Single().Autocomplete);
        Assert.Equal("/who-left [name]", CommandCatalog.Find("who-left")!.Usage);
        Assert.All(CommandCatalog.All, c => Assert.Matches("^[-_a-z0-9]{1,32}$", c.Name));
        Assert.All(CommandCatalog.All, c => Assert.InRange(c.Description.Length, 1, 100));
    }
}
