using Bot.Engine.Content;

namespace Bot.Engine.Understanding;

public enum CandidateKind
{
    Departure,
    Fact,
    Reaction,
    Gap,
    Profile,
}

/// <summary>One answerable thing in the fact set, reduced to what retrieval compares.</summary>
public sealed record Candidate(
    CandidateKind Kind,
    object Item,
    IReadOnlySet<string> Keywords,
    IReadOnlySet<string> TextConcepts,
    IReadOnlySet<Entity> About,
    IReadOnlySet<QuestionType> Answers);

/// <summary>
/// Ranks the fact set against a question: shared concepts weighted by rarity (a word only one fact
/// uses says more than one every fact uses), named entities, and whether the fact answers this
/// kind of question (when, why, who...).
/// </summary>
public sealed class FactIndex
{
    private const double KeywordWeight = 1.0;
    private const double TextWeight = 0.5;
    private const double EntityWeight = 1.5;
    private const double PronounWeight = 0.4;
    private const double TypeBonus = 0.75;
    public const double MinimumScore = 1.0;

    private readonly List<Candidate> _candidates = [];
    private readonly Dictionary<string, double> _weights = [];
    private readonly Entity _group;

    public FactIndex(FactSet facts)
    {
        _group = facts.Departure.Group;
        var departure = facts.Departure;
        Add(CandidateKind.Departure, departure, departure.Keywords.Append(Lexicon.Leave), departure.Text + " " + departure.Context,
            departure.Members.Append(departure.Group), [QuestionType.Who, QuestionType.When, QuestionType.HowMany, QuestionType.What]);

        // Profiles come before facts and reactions: on a tie ("what is Unison?") the profile, which includes the reaction, wins.
        foreach (var entity in facts.Entities.Where(e => e != facts.Departure.Group))
        {
            Add(CandidateKind.Profile, entity, [], entity.Role, [entity], [QuestionType.Who, QuestionType.What]);
        }

        foreach (var fact in facts.Facts)
        {
            Add(CandidateKind.Fact, fact, fact.Keywords, fact.Title + " " + fact.Text, fact.About, ParseTypes(fact.Answers));
        }

        foreach (var reaction in facts.Reactions)
        {
            Add(CandidateKind.Reaction, reaction, reaction.Keywords.Append(Lexicon.React), reaction.Text, reaction.By,
                [QuestionType.What, QuestionType.How]);
        }

        foreach (var gap in facts.Gaps)
        {
            Add(CandidateKind.Gap, gap, gap.Keywords, gap.Text, [], ParseTypes(gap.Answers));
        }

        // Rarity over everything a question can land on.
        var documentFrequency = new Dictionary<string, int>();
        foreach (var candidate in _candidates)
        {
            foreach (var concept in candidate.Keywords.Union(candidate.TextConcepts))
            {
                documentFrequency[concept] = documentFrequency.GetValueOrDefault(concept) + 1;
            }
        }

        foreach (var (concept, frequency) in documentFrequency)
        {
            _weights[concept] = Math.Log(1 + ((double)_candidates.Count / frequency));
        }
    }

    public IReadOnlyList<Candidate> Candidates => _candidates;

    /// <summary>Whether any fact uses this concept at all: a question full of unknown concepts is about something else.</summary>
    public bool Knows(string concept) => _weights.ContainsKey(concept);

    public (Candidate Candidate, double Score)? Best(Question question)
    {
        (Candidate, double)? best = null;
        foreach (var candidate in _candidates)
        {
            var score = Score(candidate, question);
            if (score >= MinimumScore && (best is null || score > best.Value.Item2))
            {
                best = (candidate, score);
            }
        }

        return best;
    }

    public double Score(Candidate candidate, Question question)
    {
        var score = 0.0;
        var matched = false;
        // "about", "article", "news" steer towards the summary but say nothing about which fact.
        foreach (var concept in question.Concepts.Select(c => c.Concept).Where(c => c != Lexicon.Happened).Distinct())
        {
            if (candidate.Keywords.Contains(concept))
            {
                score += KeywordWeight * _weights[concept];
                matched = true;
            }
            else if (candidate.TextConcepts.Contains(concept))
            {
                score += TextWeight * _weights[concept];
                matched = true;
            }
        }

        foreach (var entity in question.Entities.Select(m => m.Entity).Distinct())
        {
            if (candidate.About.Contains(entity))
            {
                score += EntityWeight;
                matched = true;
            }
        }

        if (question.MentionsThem && candidate.About.Contains(_group))
        {
            score += PronounWeight;
        }

        if (matched && candidate.Answers.Contains(question.Type))
        {
            score += TypeBonus;
        }

        return score;
    }

    private void Add(CandidateKind kind, object item, IEnumerable<string> keywords, string text, IEnumerable<Entity> about, IEnumerable<QuestionType> answers)
    {
        var keywordConcepts = keywords.SelectMany(Lexicon.ConceptSet).ToHashSet();
        _candidates.Add(new Candidate(kind, item, keywordConcepts, Lexicon.ConceptSet(text), about.ToHashSet(), answers.ToHashSet()));
    }

    private static IEnumerable<QuestionType> ParseTypes(IEnumerable<string> names) =>
        names.Select(n => Enum.TryParse<QuestionType>(n, ignoreCase: true, out var type) ? type : QuestionType.None)
            .Where(t => t != QuestionType.None);
}
