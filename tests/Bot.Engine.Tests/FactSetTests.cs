using System.Text.Json.Nodes;
using Bot.Engine.Content;

namespace Bot.Engine.Tests;

public sealed class FactSetTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("factset-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string ShippedDir => Path.Combine(AppContext.BaseDirectory, "responses");

    [Fact]
    public void Shipped_fact_set_loads_and_covers_the_article()
    {
        var facts = FactSetLoader.Load(ShippedDir);

        Assert.Equal(11, facts.Article.Sentences.Count);
        Assert.Equal(["Chuka Umunna", "Luciana Berger", "Mike Gapes", "Chris Leslie", "Ann Coffey", "Angela Smith", "Gavin Shuker"],
            facts.Departure.Members.Select(m => m.Name));
        Assert.Contains("February 18", facts.Departure.Text);
        Assert.InRange(facts.Summary.Count, 3, 5);
        string[] reactors = ["corbyn", "cable", "khan", "unison", "blair-brown"];
        Assert.All(reactors, id => Assert.Contains(facts.Reactions, r => r.By.Any(e => e.Id == id)));
    }

    [Fact]
    public void Every_evidence_quote_is_verbatim_in_its_sentence()
    {
        var facts = FactSetLoader.Load(ShippedDir);
        var sources = facts.Entities.Select(e => e.Source)
            .Concat(facts.Facts.Select(f => f.Source))
            .Concat(facts.Reactions.Select(r => r.Source))
            .Concat(facts.Summary.SelectMany(s => s.Sources))
            .Append(facts.Departure.Source)
            .ToList();

        Assert.True(sources.Count > 30);
        Assert.All(sources, s => Assert.Contains(s.Quote, facts.Article.Sentences[s.Sentence - 1], StringComparison.Ordinal));
    }

    [Fact]
    public void The_bot_never_states_a_year_for_the_resignations()
    {
        var facts = FactSetLoader.Load(ShippedDir);
        var article = string.Join(' ', facts.Article.Sentences);

        // The only years the article gives are 2017 and 1945; any other year in the fact set would be outside knowledge.
        var years = System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(Path.Combine(ShippedDir, "facts.json")), @"\b(19|20)\d\d\b")
            .Select(m => m.Value).Distinct();
        Assert.All(years, y => Assert.Contains(y, article));
    }

    [Theory]
    [InlineData("entities", 0, "evidence", "Chuka Umunna said nothing", "entities[0] ('umunna'): evidence not found in the article")]
    [InlineData("entities", 0, "sentence", 5, "entities[0] ('umunna'): evidence is in sentence 2, not 5")]
    [InlineData("entities", 0, "sentence", 99, "entities[0] ('umunna'): sentence 99 is out of range")]
    [InlineData("facts", 1, "about", "[\"nobody\"]", "facts[1] ('reasons').about: refers to unknown entity 'nobody'")]
    [InlineData("facts", 1, "text", "", "facts[1] ('reasons'): 'text' is missing")]
    [InlineData("reactions", 0, "by", "[]", "reactions[0]: must say whose reaction it is")]
    [InlineData("entities", 1, "id", "umunna", "entities[1] ('umunna'): duplicate id")]
    public void A_broken_entry_is_named_in_the_error(string section, int index, string field, object value, string expected)
    {
        var facts = JsonNode.Parse(File.ReadAllText(Path.Combine(ShippedDir, "facts.json")))!;
        facts[section]![index]![field] = value switch
        {
            int number => JsonValue.Create(number),
            string list when list.StartsWith('[') => JsonNode.Parse(list),
            string text => JsonValue.Create(text),
            _ => throw new ArgumentException("unexpected test value"),
        };
        Write(facts.ToJsonString());

        var error = Assert.Throws<FactSetException>(() => FactSetLoader.Load(_dir));

        Assert.Contains(Path.Combine(_dir, "facts.json"), error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Invalid_json_names_the_file_and_line()
    {
        Write("{\n  \"schema\": 1,\n  \"article\": \"article.txt\",\n  oops\n}");

        var error = Assert.Throws<FactSetException>(() => FactSetLoader.Load(_dir));

        Assert.Contains("facts.json: not valid fact-set JSON (line 4)", error.Message);
    }

    [Fact]
    public void Unknown_fields_are_refused_rather_than_ignored()
    {
        var facts = JsonNode.Parse(File.ReadAllText(Path.Combine(ShippedDir, "facts.json")))!;
        facts["facts"]![0]!["evidance"] = "typo";
        Write(facts.ToJsonString());

        var error = Assert.Throws<FactSetException>(() => FactSetLoader.Load(_dir));

        Assert.Contains("evidance", error.Message);
    }

    [Fact]
    public void A_missing_folder_says_which_setting_to_fix()
    {
        var error = Assert.Throws<FactSetException>(() => FactSetLoader.Load(Path.Combine(_dir, "nowhere")));

        Assert.Contains("Content:ResponsesPath", error.Message);
    }

    [Fact]
    public void A_missing_article_is_named()
    {
        var facts = JsonNode.Parse(File.ReadAllText(Path.Combine(ShippedDir, "facts.json")))!;
        facts["article"] = "gone.txt";
        File.WriteAllText(Path.Combine(_dir, "facts.json"), facts.ToJsonString());

        var error = Assert.Throws<FactSetException>(() => FactSetLoader.Load(_dir));

        Assert.Contains("article file 'gone.txt' not found", error.Message);
    }

    private void Write(string factsJson)
    {
        File.Copy(Path.Combine(ShippedDir, "article.txt"), Path.Combine(_dir, "article.txt"), overwrite: true);
        File.Copy(Path.Combine(ShippedDir, "english.json"), Path.Combine(_dir, "english.json"), overwrite: true);
        File.WriteAllText(Path.Combine(_dir, "facts.json"), factsJson);
    }
}
