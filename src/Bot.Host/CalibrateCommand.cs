using System.Globalization;
using Bot.Engine;
using Bot.Engine.Content;
using Bot.Engine.Understanding;
using Bot.Host.Evaluation;

namespace Bot.Host;

/// <summary>
/// `calibrate DEV.jsonl... [--write DIR]`: fits how word overlap and meaning combine, and the abstention
/// threshold, on development question sets (never the sets used to judge), and with --write saves them to
/// DIR/ranking.json (the responses/ folder of the repository, so the build ships them).
/// </summary>
public static class CalibrateCommand
{
    public const string Usage = "usage: calibrate DEV.jsonl... [--write RESPONSES_DIR]   (fits responses/ranking.json on development sets)";

    public static int RunFromCommandLine(string[] args)
    {
        var files = new List<string>();
        string? write = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--write" && i + 1 < args.Length)
            {
                write = args[++i];
            }
            else if (args[i] is "-h" or "--help")
            {
                Console.Out.WriteLine(Usage);
                return 0;
            }
            else if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                files.Add(args[i]);
            }
        }

        if (files.Count == 0)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        try
        {
            var engine = BotConfiguration.LoadEngine(args);
            var cases = files.SelectMany(EvalCase.Load)
                .Select(c => new CalibrationCase(c.In, AskCommand.ConversationKey(c.Thread), answer => EvalRunner.Grade(c, answer) is null))
                .ToList();
            var result = RankingCalibrator.Fit(engine, cases);
            var r = result.Ranking;
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"calibrated on {cases.Count} cases ({result.Replayed} decided by ranking alone): {result.Correct}/{result.Replayed} = {result.Accuracy:P1}"));
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"lexical {r.LexicalWeight} (scale {r.LexicalScale}) semantic {r.SemanticWeight} threshold {r.Threshold} fit-margin {r.FitMargin} meaning-alone {(r.SemanticFallback > 1 ? "off" : r.SemanticFallback.ToString(CultureInfo.InvariantCulture))}"));
            Console.Out.WriteLine("best by semantic weight: " + string.Join("  ", result.BySemanticWeight.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.SemanticWeight:F2}:{p.Correct}"))));
            if (write is not null)
            {
                RankingFile.Save(write, r, string.Join(", ", files.Select(Path.GetFileName)), result.Accuracy);
                Console.Out.WriteLine($"wrote {Path.Combine(write, RankingFile.FileName)}");
            }

            return 0;
        }
        catch (Exception ex) when (ex is FactSetException or ConfigurationException or EvalFileException or InvalidOperationException)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return 3;
        }
    }
}
