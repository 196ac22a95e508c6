using System.Globalization;
using Bot.Engine;
using Bot.Host.Evaluation;

namespace Bot.Host;

/// <summary>
/// `eval FILE.jsonl [--min 0.95] [--failures N]`: asks the engine a question set and prints how it did (see
/// <see cref="EvalReport.WriteTo"/>). Exit 0 when accuracy reaches --min (default 0), 1 below it, 2 for a usage
/// error, 3 when the file (or the fact set) cannot be read.
/// </summary>
public static class EvalCommand
{
    public const string Usage = "usage: eval FILE.jsonl [--min 0.95] [--failures N]   (--min: accuracy needed for exit 0, 0..1; --failures: list at most N)";

    public static int RunFromCommandLine(string[] args)
    {
        try
        {
            return Run(args, () => BotConfiguration.LoadEngine(args), Console.Out, Console.Error);
        }
        catch (Exception ex) when (ex is FactSetException or ConfigurationException)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return 3;
        }
    }

    /// <param name="loadEngine">Called only once the arguments and the file are known to be good.</param>
    public static int Run(string[] args, Func<IAnswerEngine> loadEngine, TextWriter output, TextWriter error)
    {
        if (args is ["-h" or "--help"])
        {
            output.WriteLine(Usage);
            return 0;
        }

        if (!TryParse(args, out var file, out var min, out var maxFailures, out var problem))
        {
            error.WriteLine($"error: {problem}");
            error.WriteLine(Usage);
            return 2;
        }

        IReadOnlyList<EvalCase> cases;
        try
        {
            cases = EvalCase.Load(file);
        }
        catch (EvalFileException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return 3;
        }

        var report = EvalRunner.Run(loadEngine(), cases);
        output.WriteLine($"eval {Path.GetFileName(file)}: {cases.Count} cases");
        report.WriteTo(output, maxFailures);
        output.Flush();
        return report.Accuracy >= min ? 0 : 1;
    }

    private static bool TryParse(string[] args, out string file, out double min, out int maxFailures, out string problem)
    {
        file = "";
        min = 0;
        maxFailures = int.MaxValue;
        problem = "";
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            var (name, inline) = arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf('=', StringComparison.Ordinal) is var eq and > 0
                ? (arg[..eq], arg[(eq + 1)..])
                : (arg, null);
            switch (name)
            {
                case "--min" or "--failures":
                    var value = inline ?? (i + 1 < args.Length ? args[++i] : null);
                    if (name == "--min" && !(double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out min) && min is >= 0 and <= 1))
                    {
                        problem = $"--min wants a number from 0 to 1, not '{value}'";
                        return false;
                    }

                    if (name == "--failures" && !(int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out maxFailures)))
                    {
                        problem = $"--failures wants a whole number, not '{value}'";
                        return false;
                    }

                    break;
                case var _ when inline is not null && name.Contains(':', StringComparison.Ordinal):
                    // A setting (--Content:ResponsesPath=...), read by BotConfiguration like `ask` does.
                    break;
                case var _ when name.StartsWith('-') || file.Length > 0:
                    problem = $"unexpected argument '{arg}'";
                    return false;
                default:
                    file = arg;
                    break;
            }
        }

        if (file.Length == 0)
        {
            problem = "no question file given";
            return false;
        }

        return true;
    }
}
