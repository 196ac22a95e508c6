namespace Bot.Engine.Understanding;

/// <summary>A candidate with its signals and their combined score; <paramref name="Position"/> is its place in the fact set's order, which breaks ties.</summary>
/// <param name="Bonus">Added to the combined score whatever the ranking: being the topic a follow-up points back at.</param>
public sealed record RankedCandidate(Candidate Candidate, int Position, double Lexical, double? Semantic, double Score, double Bonus = 0);

/// <summary>
/// How the signals combine into one score, and the one score below which the engine says "the article doesn't
/// say". The numbers are not set by hand: `calibrate` fits them on a development split of questions and
/// writes them to responses/ranking.json.
/// </summary>
/// <param name="LexicalWeight">Weight of the word-overlap score (squashed into 0..1).</param>
/// <param name="SemanticWeight">Weight of the cosine with the nearest example question.</param>
/// <param name="Bias">Constant term: scores are log-odds that the candidate answers the question.</param>
/// <param name="Threshold">Below this the best candidate is not good enough: abstain.</param>
/// <param name="FitMargin">How far below the best a candidate that fits the kind of question ("when") may score and still be preferred.</param>
/// <param name="LexicalScale">The word-overlap score at which its squashed value reaches one half.</param>
/// <param name="SemanticFallback">
/// When the combined score is too weak, a candidate whose meaning is at least this close still answers ("who
/// bailed?" shares no word with any fact). Above 1: never.
/// </param>
public sealed record Ranking(
    double LexicalWeight, double SemanticWeight, double Bias, double Threshold, double FitMargin, double LexicalScale = 1.0, double SemanticFallback = Ranking.Never)
{
    /// <summary>A cosine no two texts reach: turns <see cref="SemanticFallback"/> off.</summary>
    public const double Never = 2.0;

    /// <summary>Words alone, as before the sentence model: the old minimum score of 1.0 is 0.5 once squashed.</summary>
    public static Ranking LexicalOnly { get; } = new(1.0, 0.0, 0.0, 0.5, 0.25);

    /// <summary>Before any calibration: meaning and words weighed alike, abstaining below an even chance.</summary>
    public static Ranking Default { get; } = new(2.0, 6.0, -4.0, 0.0, 0.5);

    public double Score(double lexical, double? semantic) =>
        semantic is null
            ? LexicalOnly.LexicalWeight * Squash(lexical, LexicalOnly.LexicalScale)
            : (LexicalWeight * Squash(lexical, LexicalScale)) + (SemanticWeight * semantic.Value) + Bias;

    /// <summary>The word-overlap score has no upper bound; this maps it into 0..1, to one half at <paramref name="scale"/>.</summary>
    public static double Squash(double lexical, double scale) => lexical / (scale + lexical);
}
