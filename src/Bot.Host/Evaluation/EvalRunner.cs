using Bot.Engine;
using Bot.Engine.Answers;

namespace Bot.Host.Evaluation;

/// <summary>
/// Asks an engine a question set and grades the answers exactly as score.py does, on the same plain text
/// `ask --jsonl` prints and with the same conversation keys, so the two always agree.
/// </summary>
public static class EvalRunner
{
    /// <summary>
    /// Asks every case in order. Memory lives in the engine: cases with the same thread share it, and so would a
    /// second run with the same thread names on the same engine, so give each run a fresh engine.
    /// </summary>
    public static EvalReport Run(IAnswerEngine engine, IEnumerable<EvalCase> cases)
    {
        var results = new List<EvalResult>();
        foreach (var @case in cases)
        {
            var answer = AskCommand.Answer(engine, @case.In, @case.Thread);
            var text = PlainTextRenderer.Render(answer);
            var failure = Grade(@case, text);
            // A fabrication: the answer had everything asked for but also said something it must not.
            var fabrication = failure is not null && Grade(@case with { None = [] }, text) is null;
            results.Add(new EvalResult(@case, text, answer.Kind, failure, fabrication));
        }

        return new EvalReport(results);
    }

    /// <summary>score.py's <c>ok(case, ans)</c>: null when the answer passes, else the first reason it fails.</summary>
    public static string? Grade(EvalCase @case, string answer)
    {
        var lower = PythonText.Lower(answer);
        foreach (var required in @case.All)
        {
            if (!required.Split('|').Any(alternative => lower.Contains(PythonText.Lower(alternative), StringComparison.Ordinal)))
            {
                return $"missing {PythonText.Repr(required)}";
            }
        }

        foreach (var forbidden in @case.None)
        {
            if (lower.Contains(PythonText.Lower(forbidden), StringComparison.Ordinal))
            {
                return $"contains forbidden {PythonText.Repr(forbidden)}";
            }
        }

        if (PythonText.IsBlank(answer))
        {
            return "empty answer";
        }

        var length = PythonText.Length(answer);
        return length > (@case.MaxLen ?? 1e9) ? $"answer too long ({length})" : null;
    }
}
