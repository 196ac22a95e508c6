using System.Globalization;
using Bot.Engine.Answers;

namespace Bot.Host.Evaluation;

/// <summary>One case's answer and grade.</summary>
/// <param name="Failure">Why it failed, in score.py's words; null when it passed.</param>
/// <param name="Fabrication">It failed only because the answer contains a "none" string.</param>
public sealed record EvalResult(EvalCase Case, string Answer, AnswerKind Kind, string? Failure, bool Fabrication)
{
    public bool Passed => Failure is null;

    /// <summary>The engine said the article does not tell.</summary>
    public bool Abstained => Kind == AnswerKind.NotFound;
}

/// <summary>Passed out of total; <see cref="Rate"/> is 0 for an empty group.</summary>
public readonly record struct Tally(int Passed, int Total)
{
    public double Rate => Total == 0 ? 0 : (double)Passed / Total;

    public override string ToString() => Total == 0
        ? "n/a (0/0)"
        : string.Create(CultureInfo.InvariantCulture, $"{Passed}/{Total} = {Rate * 100:F1}%");
}

/// <summary>What `eval` prints, as data: tests assert on it (accuracy floors, zero fabrications).</summary>
public sealed class EvalReport(IReadOnlyList<EvalResult> results)
{
    public IReadOnlyList<EvalResult> Results { get; } = results;

    public IEnumerable<EvalResult> Failures => Results.Where(r => !r.Passed);

    public Tally Overall => Count(Results);

    /// <summary>The share of cases passed: what score.py prints as the score.</summary>
    public double Accuracy => Overall.Rate;

    /// <summary>Per "cat", in the order categories first appear; cases without one are not listed.</summary>
    public IReadOnlyList<(string Category, Tally Tally)> ByCategory =>
        Results.Where(r => r.Case.Cat is not null).GroupBy(r => r.Case.Cat!).Select(g => (g.Key, Count(g))).ToList();

    /// <summary>Every turn of every thread.</summary>
    public Tally ThreadTurns => Count(Results.Where(r => r.Case.Thread is not null));

    /// <summary>Threads as a whole: one passes only when all of its turns do.</summary>
    public Tally WholeThreads
    {
        get
        {
            var threads = Results.Where(r => r.Case.Thread is not null).GroupBy(r => r.Case.Thread!).ToList();
            return new Tally(threads.Count(t => t.All(r => r.Passed)), threads.Count);
        }
    }

    /// <summary>Of the answers that abstained, how many were to a case marked "answerable": false.</summary>
    public Tally AbstentionPrecision => new(Marked.Count(r => r.Abstained && r.Case.Answerable == false), Marked.Count(r => r.Abstained));

    /// <summary>Of the cases marked "answerable": false, how many got an abstention.</summary>
    public Tally AbstentionRecall => new(Marked.Count(r => r.Abstained && r.Case.Answerable == false), Marked.Count(r => r.Case.Answerable == false));

    /// <summary>Cases failing only because the answer said something it must not.</summary>
    public int Fabrications => Results.Count(r => r.Fabrication);

    private IEnumerable<EvalResult> Marked => Results.Where(r => r.Case.Answerable is not null);

    /// <summary>The report as `eval` prints it; at most <paramref name="maxFailures"/> failures are listed.</summary>
    public void WriteTo(TextWriter output, int maxFailures = int.MaxValue)
    {
        output.WriteLine($"accuracy: {Overall}");
        var categories = ByCategory;
        if (categories.Count > 0)
        {
            var width = categories.Max(c => c.Category.Length);
            output.WriteLine("by category:");
            foreach (var (category, tally) in categories)
            {
                output.WriteLine($"  {category.PadRight(width)}  {tally}");
            }
        }

        if (ThreadTurns.Total > 0)
        {
            output.WriteLine($"threads: turns {ThreadTurns}; whole threads {WholeThreads}");
        }

        if (Marked.Any())
        {
            output.WriteLine($"abstention: precision {AbstentionPrecision}; recall {AbstentionRecall}");
        }

        output.WriteLine($"fabrications: {Fabrications}");
        var failures = Failures.ToList();
        output.WriteLine(failures.Count > maxFailures ? $"failures: {failures.Count} (first {maxFailures} shown)" : $"failures: {failures.Count}");
        foreach (var failure in failures.Take(maxFailures))
        {
            output.WriteLine($"FAIL {failure.Case.Id} {PythonText.Repr(failure.Case.In)}: {failure.Failure}{(failure.Fabrication ? " (fabrication)" : "")}");
            output.WriteLine($"     -> {PythonText.Repr(PythonText.Prefix(failure.Answer, 200))}");
        }
    }

    public override string ToString()
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        WriteTo(text);
        return text.ToString();
    }

    private static Tally Count(IEnumerable<EvalResult> results)
    {
        var list = results as IReadOnlyCollection<EvalResult> ?? results.ToList();
        return new Tally(list.Count(r => r.Passed), list.Count);
    }
}
