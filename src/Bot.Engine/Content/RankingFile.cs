using System.Text.Json;
using System.Text.Json.Serialization;
using Bot.Engine.Understanding;

namespace Bot.Engine.Content;

/// <summary>responses/ranking.json: the calibrated combination of signals, written by `calibrate`, read at load.</summary>
public static class RankingFile
{
    public const string FileName = "ranking.json";

    /// <summary>The calibrated ranking, or null when the folder has none (the engine then uses its defaults).</summary>
    public static Ranking? Load(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var document = JsonSerializer.Deserialize(File.ReadAllText(path), RankingJsonContext.Default.RankingDocument)
                ?? throw new FactSetException($"{path}: empty");
            return new Ranking(document.LexicalWeight, document.SemanticWeight, document.Bias, document.Threshold, document.FitMargin, document.LexicalScale, document.SemanticFallback);
        }
        catch (JsonException ex)
        {
            throw new FactSetException($"{path}: not valid ranking JSON (line {ex.LineNumber + 1}): {ex.Message}");
        }
    }

    public static void Save(string directory, Ranking ranking, string calibratedOn, double devAccuracy)
    {
        var document = new RankingDocument(
            ranking.LexicalWeight, ranking.SemanticWeight, ranking.Bias, ranking.Threshold, ranking.FitMargin, ranking.LexicalScale, ranking.SemanticFallback, calibratedOn, Math.Round(devAccuracy, 4));
        File.WriteAllText(Path.Combine(directory, FileName), JsonSerializer.Serialize(document, RankingJsonContext.Default.RankingDocument) + "\n");
    }
}

/// <param name="CalibratedOn">Which question sets the numbers were fitted on, for whoever reads the file.</param>
/// <param name="DevAccuracy">Accuracy on those sets with these numbers.</param>
public sealed record RankingDocument(
    double LexicalWeight, double SemanticWeight, double Bias, double Threshold, double FitMargin, double LexicalScale = 1, double SemanticFallback = Ranking.Never, string? CalibratedOn = null, double DevAccuracy = 0);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(RankingDocument))]
internal sealed partial class RankingJsonContext : JsonSerializerContext;
