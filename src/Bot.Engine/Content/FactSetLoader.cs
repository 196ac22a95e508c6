using System.Text.Json;
using Bot.Engine.Answers;
using Bot.Engine.Understanding;

namespace Bot.Engine.Content;

/// <summary>
/// Reads responses/facts.json and its article, and refuses a fact set that is not grounded: every
/// evidence quote must appear verbatim (after normalising quotes and spaces) in the sentence it cites.
/// </summary>
public static class FactSetLoader
{
    public const string FactsFile = "facts.json";
    public const string EnglishFile = "english.json";

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

        return Build(document, ArticleText.Parse(File.ReadAllText(articlePath)), factsPath, () => LoadEnglish(directory));
    }

    /// <summary>Reads english.json: general English, shared by every fact set.</summary>
    public static EnglishDocument LoadEnglish(string directory)
    {
        var path = Path.Combine(directory, EnglishFile);
        if (!File.Exists(path))
        {
            throw new FactSetException($"{path}: file not found (general English words live beside {FactsFile})");
        }

        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize(stream, FactSetJsonContext.Default.EnglishDocument) ?? throw new FactSetException($"{path}: empty");
        }
        catch (JsonException ex)
        {
            throw new FactSetException($"{path}: not valid JSON (line {ex.LineNumber + 1}): {ex.Message}");
        }
    }

    /// <summary>Validates a parsed document against its article. <paramref name="origin"/> names the file in error messages.</summary>
    public static FactSet Build(FactSetDocument document, ArticleText article, string origin, Func<EnglishDocument> english)
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
                context.Evidence(entry.Evidence, entry.Sentence, where, id))
            {
                Questions = Questions(entry.Questions),
                Pronoun = entry.Pronoun is null or "he" or "she" or "they"
                    ? entry.Pronoun
                    : throw context.Error(where, $"pronoun '{entry.Pronoun}' is not one of he, she, they"),
            };
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
            context.Evidence(departureEntry.Evidence, departureEntry.Sentence, "departure", "departure"),
            Questions(departureEntry.Questions));

        var summary = (document.Summary ?? []).Select((line, i) => new SummaryLine(
            context.Require(line.Text, $"summary[{i}]", "text"),
            [
                context.Evidence(line.Evidence, line.Sentence, $"summary[{i}]", "summary"),
                .. (line.Also ?? []).Select((also, k) => context.Evidence(also.Evidence, also.Sentence, $"summary[{i}].also[{k}]", "summary")),
            ])).ToList();
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
                context.Evidence(entry.Evidence, entry.Sentence, where, id),
                (entry.About ?? []).Select(a => Resolve(a, where + ".about")).ToList(),
                entry.Keywords ?? [],
                entry.Answers ?? [],
                Questions(entry.Questions));
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
                context.Evidence(entry.Evidence, entry.Sentence, where, "reaction:" + by[0].Id),
                entry.Keywords ?? [],
                Questions(entry.Questions),
                entry.Answers ?? []);
        }).ToList();

        var gaps = (document.Gaps ?? []).Select((entry, i) =>
        {
            var where = $"gaps[{i}]";
            var keywords = entry.Keywords ?? [];
            if (keywords.Count == 0 && (entry.Questions ?? []).Count == 0)
            {
                throw context.Error(where, "needs keywords or example questions, or it can never be found");
            }

            if (entry.Nearest is { } nearest && !factIds.Contains(nearest))
            {
                throw context.Error(where, $"'nearest' refers to unknown fact '{nearest}'");
            }

            return new Gap(
                context.Require(entry.Id, where, "id"),
                context.Require(entry.Text, where, "text"),
                (entry.About ?? []).Select(a => Resolve(a, where + ".about")).ToList(),
                keywords,
                entry.Answers ?? [],
                Questions(entry.Questions),
                entry.Nearest);
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
            gaps,
            new Lazy<Vocabulary>(() => BuildVocabulary(english(), document.Vocabulary, origin)));
    }

    private static IReadOnlyList<string> Questions(IReadOnlyList<string>? questions) =>
        [.. (questions ?? []).Select(q => q.Trim()).Where(q => q.Length > 0)];

    /// <summary>General English first, then the article's own terms over it; refuses a vocabulary the engine can't work with.</summary>
    private static Vocabulary BuildVocabulary(EnglishDocument english, VocabularyEntry? article, string origin)
    {
        if (english.Schema != 1)
        {
            throw new FactSetException($"{EnglishFile}: unsupported schema {english.Schema} (expected 1)");
        }

        static HashSet<string> WordSet(IEnumerable<string>? words) =>
            new((words ?? []).SelectMany(Understanding.Words.Split), StringComparer.Ordinal);

        // "first" is 1, "last" is -1: counted from the end of the conversation.
        static Dictionary<string, int> Ordinals(IReadOnlyDictionary<string, int>? ordinals) =>
            (ordinals ?? new Dictionary<string, int>()).FirstOrDefault(o => o.Value == 0 || o.Value < -1) is { Key: { } wrong } bad
                ? throw new FactSetException($"english.json: ordinal \"{wrong}\" is {bad.Value}; use 1, 2, … counted from the start, or -1 for the last")
                : (ordinals ?? new Dictionary<string, int>()).ToDictionary(o => o.Key, o => o.Value, StringComparer.Ordinal);

        static List<string[]> Sequences(IEnumerable<string>? phrases) =>
            [.. (phrases ?? []).Select(Understanding.Words.Split).Where(w => w.Length > 0)];

        static HashSet<string> Attitudes(IEnumerable<string>? names, HashSet<string> known)
        {
            var unknown = (names ?? []).Where(n => !known.Contains(n)).ToList();
            return unknown.Count == 0
                ? new HashSet<string>(names ?? [], StringComparer.Ordinal)
                : throw new FactSetException($"{EnglishFile}: attitudes name concepts that don't exist: {string.Join(", ", unknown)}");
        }

        var concepts = new Dictionary<string, string>(StringComparer.Ordinal);
        var phrases = new Dictionary<string, (string[] Words, string Concept)>(StringComparer.Ordinal);

        void Add(IReadOnlyDictionary<string, IReadOnlyList<string>>? groups, IReadOnlyDictionary<string, string>? sequences, string file)
        {
            foreach (var (concept, words) in groups ?? new Dictionary<string, IReadOnlyList<string>>())
            {
                foreach (var word in words)
                {
                    var split = Understanding.Words.Split(word);
                    if (split.Length == 1)
                    {
                        concepts[split[0]] = concept; // the article's reading of a word wins over the general one
                    }
                    else if (split.Length > 1)
                    {
                        phrases[string.Join(' ', split)] = (split, concept);
                    }
                    else
                    {
                        throw new FactSetException($"{file}: concepts.{concept}: '{word}' has no letters or digits");
                    }
                }
            }

            foreach (var (phrase, concept) in sequences ?? new Dictionary<string, string>())
            {
                var split = Understanding.Words.Split(phrase);
                if (split.Length == 0)
                {
                    throw new FactSetException($"{file}: phrases: '{phrase}' has no letters or digits");
                }

                phrases[string.Join(' ', split)] = (split, concept);
            }
        }

        Add(english.Concepts, english.Phrases, EnglishFile);
        Add(article?.Concepts, article?.Phrases, origin);
        var known = concepts.Values.Concat(phrases.Values.Select(p => p.Concept)).ToHashSet(StringComparer.Ordinal);
        var missing = Understanding.Lexicon.Required.Where(c => !known.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            throw new FactSetException($"{EnglishFile}: concepts the engine relies on are missing: {string.Join(", ", missing)}");
        }

        return new Vocabulary(
            WordSet(english.StopWords),
            WordSet(english.Fillers),
            Sequences(english.LeadIns),
            Sequences(english.TagPhrases),
            WordSet(english.QuestionWords),
            WordSet(english.Auxiliaries),
            WordSet(english.Imperatives),
            Sequences(english.PremiseOpeners),
            Sequences(english.OverrideWords),
            Sequences(english.FormatRequests),
            Attitudes(english.Attitudes, known),
            WordSet(english.FutureWords),
            Sequences(english.MembershipPhrases),
            WordSet(english.ConfirmationWords),
            (english.ArgumentWords ?? new Dictionary<string, IReadOnlyList<string>>())
                .SelectMany(role => role.Value.Select(word => (Word: word, Role: role.Key)))
                .ToDictionary(p => p.Word, p => p.Role, StringComparer.Ordinal),
            concepts,
            [.. phrases.Values],
            Spellings(english.Spellings),
            Sequences(english.OpinionAsks))
        {
            OutcomeAsks = Sequences(english.OutcomeAsks),
            Contrasts = Contrasts(english.Contrasts),
            ChatRequests = Sequences(english.ChatRequests),
            Negations = WordSet(english.Negations),
            LaterAsks = Sequences(english.LaterAsks),
            Superlatives = WordSet(english.Superlatives),
            SignOffs = Sequences(english.SignOffs),
            EmbeddedAsks = Sequences(english.EmbeddedAsks),
            Ordinals = Ordinals(english.Ordinals),
            AnswerNouns = WordSet(english.AnswerNouns),
            Recaps = Sequences(english.Recaps),
            GeneralConcepts = (english.Concepts?.Keys ?? []).Concat(english.Phrases?.Values ?? []).ToHashSet(StringComparer.Ordinal),
        };
    }

    private static List<(string[] One, string[] Other)> Contrasts(IReadOnlyList<IReadOnlyList<string>>? pairs)
    {
        var result = new List<(string[], string[])>();
        foreach (var pair in pairs ?? [])
        {
            if (pair is not [var one, var other] || Words.Split(one) is not { Length: > 0 } first || Words.Split(other) is not { Length: > 0 } second)
            {
                throw new FactSetException($"english.json: each entry of \"contrasts\" must be two non-empty phrases, got [{string.Join(", ", pair ?? [])}].");
            }

            result.Add((first, second));
        }

        return result;
    }

    private static Dictionary<string, string> Spellings(IReadOnlyDictionary<string, string>? spellings)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (spelling, word) in spellings ?? new Dictionary<string, string>())
        {
            var from = Understanding.Words.Split(spelling);
            var to = Understanding.Words.Split(word);
            if (from.Length != 1 || to.Length == 0)
            {
                throw new FactSetException($"{EnglishFile}: spellings: '{spelling}' must be one word standing for one or more words");
            }

            result[from[0]] = string.Join(' ', to);
        }

        return result;
    }

    private static string Require(string? value, string origin, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw new FactSetException($"{origin}: '{field}' is missing") : value;

    private sealed class Validation(ArticleText article, string origin)
    {
        public FactSetException Error(string where, string problem) => new($"{origin}: {where}: {problem}");

        public string Require(string? value, string where, string field) =>
            string.IsNullOrWhiteSpace(value) ? throw Error(where, $"'{field}' is missing") : value.Trim();

        public SourceRef Evidence(string? quote, int sentence, string where, string of)
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

            return new SourceRef(sentence, evidence, of);
        }
    }
}
