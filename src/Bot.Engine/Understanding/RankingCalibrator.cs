using Bot.Engine.Answers;
using Bot.Engine.Commands;

namespace Bot.Engine.Understanding;

/// <summary>A development question and how to tell a good answer (the eval format's "all"/"none" checks, as a predicate).</summary>
public sealed record CalibrationCase(string Text, string? Conversation, Func<string, bool> Passes);

/// <param name="Ranking">The fitted combination and threshold.</param>
/// <param name="Correct">Replayed questions answered well under it.</param>
/// <param name="Replayed">Questions whose answer came from ranking alone (commands, reactions and multi-part messages don't).</param>
/// <param name="Cases">All questions given.</param>
public sealed record CalibrationResult(Ranking Ranking, int Correct, int Replayed, int Cases)
{
    /// <summary>The best accuracy reached at each semantic weight tried: how much meaning adds to words on these sets.</summary>
    public IReadOnlyList<(double SemanticWeight, int Correct)> BySemanticWeight { get; init; } = [];

    public double Accuracy => Replayed == 0 ? 0 : (double)Correct / Replayed;
}

/// <summary>
/// Fits how word overlap and meaning combine, and the one score below which the engine abstains, on a
/// development split: each question is answered once with its candidates' signals recorded, then the
/// retrieval decision is replayed under every combination on a grid, and the most accurate wins
/// (ties: the middle of the best plateau, for the widest margin on either side).
/// </summary>
public static class RankingCalibrator
{
    private static readonly double[] Margins = [0.0, 0.02, 0.05, 0.1, 0.2];
    private static readonly double[] LexicalScales = [1, 2, 4, 8];
    private static readonly double[] Fallbacks = [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, Ranking.Never];

    public static CalibrationResult Fit(AnswerEngine engine, IReadOnlyList<CalibrationCase> cases)
    {
        if (!engine.WarmUp())
        {
            throw new InvalidOperationException("calibration needs the sentence model: " + engine.SemanticProblem);
        }

        var samples = new List<Sample>();
        foreach (var @case in cases)
        {
            var probes = new List<(Question Question, HashSet<string> Concepts, List<RankedCandidate> Ranked)>();
            var answer = PlainTextRenderer.Render(engine.AnswerObserved(BotRequest.Parse(@case.Text, @case.Conversation), (q, c, r) => probes.Add((q, c, [.. r]))));
            if (probes.Count != 1)
            {
                continue;
            }

            var (question, concepts, ranked) = probes[0];
            var sample = new Sample(engine, question, concepts, ranked, @case.Passes);
            // Only where the reply is this retrieval's answer alone (not one part of several).
            if (sample.Render(engine.Decide(question, concepts, ranked, engine.ActiveRanking)) == answer)
            {
                samples.Add(sample);
            }
        }

        var results = new List<(int Correct, Ranking Ranking)>();
        foreach (var (scale, degrees) in LexicalScales.SelectMany(scale => Enumerable.Range(0, 19).Select(step => (scale, step * 5))))
        {
            var angle = degrees * Math.PI / 180;
            var weights = new Ranking(Math.Round(Math.Cos(angle), 4), Math.Round(Math.Sin(angle), 4), 0, 0, 0, scale);
            var bestScores = samples.Select(s => AnswerEngine.Rescore(s.Ranked, weights)[0].Score).Order().ToList();
            foreach (var threshold in Thresholds(bestScores))
            {
                foreach (var margin in Margins)
                {
                    var ranking = weights with { Threshold = Math.Round(threshold, 4), FitMargin = margin };
                    results.Add((samples.Count(s => s.Passes(ranking)), ranking));
                }
            }
        }

        // Accuracy at the best point of each semantic weight: how much meaning adds, for whoever calibrates.
        IReadOnlyList<(double, int)> perSemanticWeight = [.. results.GroupBy(r => r.Ranking.SemanticWeight).Select(g => (g.Key, g.Max(r => r.Correct)))];

        var top = results.Max(r => r.Correct);
        var plateau = results.Where(r => r.Correct == top).Select(r => r.Ranking).ToList();
        var chosen = plateau[plateau.Count / 2];

        // Second stage, on the chosen combination: how close in meaning a question must be to answer when words found too little.
        var fallbacks = Fallbacks.Select(f => (Correct: samples.Count(s => s.Passes(chosen with { SemanticFallback = f })), Fallback: f)).ToList();
        var bestFallback = fallbacks.Max(f => f.Correct);
        if (bestFallback > top)
        {
            var tied = fallbacks.Where(f => f.Correct == bestFallback).ToList();
            chosen = chosen with { SemanticFallback = tied[tied.Count / 2].Fallback };
            top = bestFallback;
        }

        return new CalibrationResult(chosen, top, samples.Count, cases.Count) { BySemanticWeight = perSemanticWeight };
    }

    /// <summary>Midpoints between neighbouring best scores, and one below all: every place a threshold can change a decision.</summary>
    private static IEnumerable<double> Thresholds(List<double> sorted)
    {
        yield return sorted.Count == 0 ? 0 : sorted[0] - 0.01;
        for (var i = 1; i < sorted.Count; i++)
        {
            if (sorted[i] > sorted[i - 1])
            {
                yield return (sorted[i] + sorted[i - 1]) / 2;
            }
        }
    }

    private sealed class Sample(AnswerEngine engine, Question question, HashSet<string> concepts, List<RankedCandidate> ranked, Func<string, bool> passes)
    {
        private readonly Dictionary<(AnswerEngine.DecisionKind, int, string?), bool> _graded = [];

        public List<RankedCandidate> Ranked { get; } = ranked;

        public string Render(AnswerEngine.Decision decision) => PlainTextRenderer.Render(engine.Compose(decision));

        public bool Passes(Ranking ranking)
        {
            var decision = engine.Decide(question, concepts, AnswerEngine.Rescore(Ranked, ranking), ranking);
            var key = (decision.Kind, decision.Candidate is null ? -1 : Ranked.First(r => ReferenceEquals(r.Candidate, decision.Candidate)).Position, decision.Missing);
            if (!_graded.TryGetValue(key, out var passed))
            {
                _graded[key] = passed = passes(Render(decision));
            }

            return passed;
        }
    }
}
