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
    IReadOnlyDictionary<Entity, double> About,
    IReadOnlySet<QuestionType> Answers)
{
    /// <summary>Questions this answers, in people's words, and its own text: what meaning-based matching compares with.</summary>
    public IReadOnlyList<string> Examples { get; init; } = [];

    /// <summary>Speaks of what may come (hopes, risks, plans): a fit answer to "will ...?" questions.</summary>
    public bool Prospective { get; init; }

    /// <summary>Answers nothing but questions about the future ("will Corbyn survive as leader?"): no fit for what is or was.</summary>
    public bool OnlyOfTheFuture => Prospective && Answers.All(a => a == QuestionType.None);
}

/// <summary>
/// Ranks the fact set against a question: shared concepts weighted by rarity (a word only one fact
/// uses says more than one every fact uses), named entities, and whether the fact answers this
/// kind of question (when, why, who...).
/// </summary>
public sealed class FactIndex
{
    private const double KeywordWeight = 1.0;
    private const double TextWeight = 0.5;
    private const double EntityWeight = 0.65;
    private const double PronounWeight = 0.4;
    private const double TypeBonus = 0.75;
    private const double MemberShare = 0.5;
    private const double ContextShare = 1.0;

    // A question that names someone is about them: facts about nobody it names count for less.
    private const double OffSubjectFactor = 0.5;
    private const double TypeMismatchFactor = 0.6;
    public const double MinimumScore = 1.0;

    /// <summary>In a fact's "answers": it speaks of what may come, so it may answer a question about the future.</summary>
    public const string Future = "future";

    private readonly List<Candidate> _candidates = [];
    private readonly Dictionary<string, double> _weights = [];
    private readonly Dictionary<Entity, double> _entityWeights = [];
    private readonly Entity _group;
    private readonly HashSet<Entity> _members;

    private readonly Lexicon _lexicon;

    public FactIndex(FactSet facts, Lexicon lexicon)
    {
        _lexicon = lexicon;
        _group = facts.Departure.Group;
        _members = [.. facts.Departure.Members];
        // Profiles come before facts and reactions: on a tie ("what is Unison?") the profile, which includes the reaction, wins.
        foreach (var entity in facts.Entities.Where(e => e != facts.Departure.Group))
        {
            Add(CandidateKind.Profile, entity, [], entity.Role, [entity], [QuestionType.Who, QuestionType.What],
                examples: [$"who is {entity.Name}?", $"what is {entity.Name}?", $"{entity.Name}: {entity.Role}", .. entity.Questions]);
        }

        // Naming one of those who left points at the departure, but less than at that person's own profile.
        var departure = facts.Departure;
        Add(CandidateKind.Departure, departure, departure.Keywords.Append(Lexicon.Leave), departure.Text + " " + departure.Context,
            departure.About.Append(departure.Group), [QuestionType.Who, QuestionType.When, QuestionType.HowMany, QuestionType.What, QuestionType.YesNo],
            departure.Members.Select(m => (m, MemberShare)), examples: [departure.Title, departure.Text, .. departure.Questions]);

        // Gaps before facts: on a tie, saying the article doesn't say is the honest answer.
        foreach (var gap in facts.Gaps)
        {
            Add(CandidateKind.Gap, gap, gap.Keywords, gap.Text, gap.About, ParseTypes(gap.Answers), prospective: gap.Answers.Contains(Future),
                examples: [gap.Text, .. gap.Questions]);
        }

        foreach (var fact in facts.Facts)
        {
            Add(CandidateKind.Fact, fact, fact.Keywords, fact.Title + " " + fact.Text, fact.About, ParseTypes(fact.Answers), prospective: fact.Answers.Contains(Future),
                examples: [fact.Title, fact.Text, .. fact.Questions]);
        }

        foreach (var reaction in facts.Reactions)
        {
            // "Who said ...?" is answered by whoever said it.
            Add(CandidateKind.Reaction, reaction, reaction.Keywords.Append(Lexicon.React), reaction.Text, reaction.By,
                [QuestionType.What, QuestionType.How, QuestionType.Who, QuestionType.Why, .. ParseTypes(reaction.Answers)], examples: [reaction.Title, reaction.Text, .. reaction.Questions]);
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
            _weights[concept] = Rarity(frequency);
        }

        // Entities too: Unison (two facts) says more about which fact is meant than Labour (many).
        foreach (var group in _candidates.SelectMany(c => c.About.Keys).GroupBy(e => e))
        {
            _entityWeights[group.Key] = EntityWeight * Rarity(group.Count());
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
        foreach (var concept in question.RankingConcepts)
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

        // What an earlier question said, for a follow-up that says little itself: it counts, but for half.
        foreach (var concept in question.ContextConcepts)
        {
            if (candidate.Keywords.Contains(concept) || candidate.TextConcepts.Contains(concept))
            {
                score += ContextShare * (candidate.Keywords.Contains(concept) ? KeywordWeight : TextWeight) * _weights[concept];
                matched = true;
            }
        }

        foreach (var entity in question.ContextEntities)
        {
            if (candidate.About.TryGetValue(entity, out var share))
            {
                score += ContextShare * _entityWeights[entity] * share;
                matched = true;
            }
        }

        var onSubject = question.Named.Count == 0;
        foreach (var entity in question.Named)
        {
            if (candidate.About.TryGetValue(entity, out var share))
            {
                score += _entityWeights[entity] * share;
                matched = onSubject = true;
            }
            else if (_members.Contains(entity) && candidate.About.TryGetValue(_group, out var groupShare))
            {
                // What is said of the seven is said of each of them, if less directly.
                score += _entityWeights[entity] * groupShare * MemberShare;
                matched = onSubject = true;
            }
        }

        if (question.MentionsThem && candidate.About.ContainsKey(_group))
        {
            score += PronounWeight;
        }

        if (matched && candidate.Answers.Contains(question.Type))
        {
            score += TypeBonus;
        }

        // What someone else said is not the answer to "what did the rebels say about ...".
        var speaker = question.SpeakerIsThem ? _group : question.Speaker;
        if (speaker is not null && !candidate.About.ContainsKey(speaker))
        {
            onSubject = false;
        }

        // "Why", "when", "how many" and "where" ask for one kind of fact; a fact that can't be that kind is a poorer answer.
        if (question.Type is QuestionType.Why or QuestionType.When or QuestionType.HowMany or QuestionType.Where
            && !candidate.Answers.Contains(question.Type))
        {
            score *= TypeMismatchFactor;
        }

        return onSubject ? score : score * OffSubjectFactor;
    }

    /// <summary>What a word only three candidates share weighs: enough to say whose words a claim quotes.</summary>
    public double DistinctiveWeight => Rarity(3);

    /// <summary>How much of <paramref name="concepts"/> the candidate shares, each concept weighted by its rarity.</summary>
    public double Weight(Candidate candidate, IEnumerable<string> concepts) =>
        concepts.Distinct().Where(c => candidate.Keywords.Contains(c) || candidate.TextConcepts.Contains(c)).Sum(c => _weights[c]);

    private double Rarity(int frequency) => Math.Log(1 + ((double)_candidates.Count / frequency));

    /// <summary>Whether the candidate shares any concept with the question (not only an entity).</summary>
    public static bool SharesConcept(Candidate candidate, Question question) => SharedConcepts(candidate, question) > 0;

    public static int SharedConcepts(Candidate candidate, Question question) =>
        question.RankingConcepts.Count(c => candidate.Keywords.Contains(c) || candidate.TextConcepts.Contains(c));

    private void Add(
        CandidateKind kind, object item, IEnumerable<string> keywords, string text, IEnumerable<Entity> about, IEnumerable<QuestionType> answers,
        IEnumerable<(Entity Entity, double Share)>? partly = null, bool prospective = false, IReadOnlyList<string>? examples = null)
    {
        var keywordConcepts = keywords.SelectMany(_lexicon.ConceptSet).ToHashSet();
        var shares = (partly ?? []).ToDictionary(p => p.Entity, p => p.Share);
        foreach (var entity in about)
        {
            shares[entity] = 1.0;
        }

        _candidates.Add(new Candidate(kind, item, keywordConcepts, _lexicon.ConceptSet(text), shares, answers.ToHashSet()) { Prospective = prospective, Examples = examples ?? [] });
    }

    private static IEnumerable<QuestionType> ParseTypes(IEnumerable<string> names) =>
        names.Select(n => Enum.TryParse<QuestionType>(n, ignoreCase: true, out var type) ? type : QuestionType.None)
            .Where(t => t != QuestionType.None);
}
