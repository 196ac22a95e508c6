using System.Text.Json;
using Bot.Engine.Commands;

namespace Bot.Engine.Tests;

/// <summary>
/// Our own question set (TestData/questions.jsonl): paraphrases, synonyms, entities by role, and
/// questions the article can't answer. Each line gives strings the answer must contain ("a|b" = either)
/// and must not contain. Kept separate from the shared public examples on purpose.
/// </summary>
public class QuestionSetTests
{
    public static TheoryData<string, string[], string[]> Cases()
    {
        var data = new TheoryData<string, string[], string[]>();
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "TestData", "questions.jsonl")).Where(l => l.Trim().Length > 0))
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            string[] List(string name) => root.TryGetProperty(name, out var list) ? [.. list.EnumerateArray().Select(e => e.GetString()!)] : [];
            data.Add(root.GetProperty("in").GetString()!, List("all"), List("none"));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Answers_contain_what_they_must(string input, string[] all, string[] none)
    {
        var answer = Shipped.Text(input);

        foreach (var required in all)
        {
            Assert.True(required.Split('|').Any(alt => answer.Contains(alt, StringComparison.OrdinalIgnoreCase)),
                $"'{input}' should mention {required}, got:\n{answer}");
        }

        foreach (var forbidden in none)
        {
            Assert.False(answer.Contains(forbidden, StringComparison.OrdinalIgnoreCase), $"'{input}' must not mention {forbidden}, got:\n{answer}");
        }
    }

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
