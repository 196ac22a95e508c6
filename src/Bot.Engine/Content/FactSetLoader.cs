using System.Text.Json;
using Bot.Engine.Answers;

namespace Bot.Engine.Content;

/// <summary>
/// Reads responses/facts.json and its article, and refuses a fact set that is not grounded: every
/// evidence quote must appear verbatim (after normalising quotes and spaces) in the sentence it cites.
/// </summary>
public static class FactSetLoader
{
    public const string FactsFile = "facts.json";

    public static FactSet Load(string directory)
    {
        var factsPath = Path.Combine(directory, FactsFile);
        if (!File.Exists(factsPath))
        {
            throw new FactSetException($"{factsPath}: file not found (set Content:ResponsesPath to the folder holding {FactsFile})");
        }

        FactSetDocument? document;
        try
        {
            using var stream = File.OpenRead(factsPath);
            document = JsonSerializer.Deserialize(stream, FactSetJsonContext.Default.FactSetDocument);
        }
        catch (JsonException ex)
        {
            throw new FactSetException($"{factsPath}: not valid fact-set JSON (line {ex.LineNumber + 1}): {ex.Message}");
        }

        if (document is null)
        {
            throw new FactSetException($"{factsPath}: empty");
        }

        var articlePath = Path.Combine(directory, Require(document.Article, factsPath, "article"));
        if (!File.Exists(articlePath))
        {
            throw new FactSetException($"{factsPath}: article file '{document.Article}' not found in {directory}");
        }

        return Build(document, ArticleText.Parse(File.ReadAllText(articlePath)), factsPath);
    }

    /// <summary>Validates a parsed document against its article. <paramref name="origin"/> names the file in error messages.</summary>
    public static FactSet Build(FactSetDocument document, ArticleText article, string origin)
    {
        var context = new Validation(article, origin);
        if (document.Schema != 1)
        {
            throw context.Error("schema", $"unsupported schema {document.Schema} (expected 1)");
        }

        var entities = new Dictionary<string, Entity>(StringComparer.Ordinal);
        foreach (var (entry, index) in (document.Entities ?? []).Select((e, i) => (e, i)))
        {
            var where = $"entities[{index}]" + (entry.Id is null ? "" : $" ('{entry.Id}')");
            var id = context.Require(entry.Id, where, "id");
            if (entities.ContainsKey(id))
            {
                throw context.Error(where, "duplicate id");
            }

            entities[id] = new Entity(
                id,
                context.Require(entry.Name, where, "name"),
                context.Require(entry.Kind, where, "kind"),
                entry.Aliases ?? [],
                context.Require(entry.Role, where, "role"),
                context.Evidence(entry.Evidence, entry.Sentence, where));
        }

        Entity Resolve(string? id, string where) =>
            id is not null && entities.TryGetValue(id, out var entity)
                ? entity
                : throw context.Error(where, $"refers to unknown entity '{id}'");

        var departureEntry = document.Departure ?? throw context.Error("departure", "missing");
        var members = (departureEntry.Members ?? []).Select(m => Resolve(m, "departure.members")).ToList();
        if (members.Count == 0)
        {
            throw context.Error("departure.members", "must name who left");
        }

        var departure = new Departure(
            context.Require(departureEntry.Title, "departure", "title"),
            Resolve(departureEntry.Group, "departure.group"),
            members,
            (departureEntry.About ?? []).Select(a => Resolve(a, "departure.about")).ToList(),
            context.Require(departureEntry.Text, "departure", "text"),
            context.Require(departureEntry.Context, "departure", "context"),
            departureEntry.Keywords ?? [],
            context.Evidence(departureEntry.Evidence, departureEntry.Sentence, "departure"));

        var summary = (document.Summary ?? []).Select((line, i) => new SummaryLine(
            context.Require(line.Text, $"summary[{i}]", "text"),
            context.Evidence(line.Evidence, line.Sentence, $"summary[{i}]"))).ToList();
        if (summary.Count is < 1 or > 5)
        {
            throw context.Error("summary", $"needs 1 to 5 lines, has {summary.Count}");
        }

        var factIds = new HashSet<string>(StringComparer.Ordinal);
        var facts = (document.Facts ?? []).Select((entry, i) =>
        {
            var where = $"facts[{i}]" + (entry.Id is null ? "" : $" ('{entry.Id}')");
            var id = context.Require(entry.Id, where, "id");
            if (!factIds.Add(id))
            {
                throw context.Error(where, "duplicate id");
            }

            return new Fact(
                id,
                context.Require(entry.Title, where, "title"),
                context.Require(entry.Text, where, "text"),
                context.Evidence(entry.Evidence, entry.Sentence, where),
                (entry.About ?? []).Select(a => Resolve(a, where + ".about")).ToList(),
                entry.Keywords ?? [],
                entry.Answers ?? []);
        }).ToList();

        var reactions = (document.Reactions ?? []).Select((entry, i) =>
        {
            var where = $"reactions[{i}]";
            var by = (entry.By ?? []).Select(b => Resolve(b, where + ".by")).ToList();
            if (by.Count == 0)
            {
                throw context.Error(where, "must say whose reaction it is ('by')");
            }

            return new Reaction(
                by,
                context.Require(entry.Title, where, "title"),
                context.Require(entry.Text, where, "text"),
                context.Evidence(entry.Evidence, entry.Sentence, where),
                entry.Keywords ?? []);
        }).ToList();

        var gaps = (document.Gaps ?? []).Select((entry, i) =>
        {
            var where = $"gaps[{i}]";
            var keywords = entry.Keywords ?? [];
            if (keywords.Count == 0)
            {
                throw context.Error(where, "needs keywords, or it can never be found");
            }

            return new Gap(
                context.Require(entry.Id, where, "id"),
                context.Require(entry.Text, where, "text"),
                (entry.About ?? []).Select(a => Resolve(a, where + ".about")).ToList(),
                keywords,
                entry.Answers ?? []);
        }).ToList();

        return new FactSet(
            context.Require(document.Headline, "headline", "headline"),
            article,
            document.Examples ?? [],
            [.. entities.Values],
            departure,
            summary,
            facts,
            reactions,
            gaps);
    }

    private static string Require(string? value, string origin, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw new FactSetException($"{origin}: '{field}' is missing") : value;

    private sealed class Validation(ArticleText article, string origin)
    {
        public FactSetException Error(string where, string problem) => new($"{origin}: {where}: {problem}");

        public string Require(string? value, string where, string field) =>
            string.IsNullOrWhiteSpace(value) ? throw Error(where, $"'{field}' is missing") : value.Trim();

        public SourceRef Evidence(string? quote, int sentence, string where)
        {
            var evidence = ArticleText.Normalize(Require(quote, where, "evidence"));
            if (sentence < 1 || sentence > article.Sentences.Count)
            {
                throw Error(where, $"sentence {sentence} is out of range (the article has {article.Sentences.Count})");
            }

            if (!article.Sentences[sentence - 1].Contains(evidence, StringComparison.Ordinal))
            {
                var elsewhere = article.Sentences.ToList().FindIndex(s => s.Contains(evidence, StringComparison.Ordinal));
                throw Error(where, elsewhere >= 0
                    ? $"evidence is in sentence {elsewhere + 1}, not {sentence}: \"{evidence}\""
                    : $"evidence not found in the article: \"{evidence}\"");
            }

            return new SourceRef(sentence, evidence);
        }
    }
}
