using System.Text.Json;

namespace Bot.Host.Evaluation;

/// <summary>
/// One line of a question set (the format of score.py): <c>in</c> is asked; every <c>all</c> item ("a|b|c") must
/// match, as one of its alternatives, in the lower-cased answer; no <c>none</c> string may; the answer must not be
/// blank nor longer than <c>maxlen</c> code points. Cases with the same <c>thread</c> share a conversation, as
/// consecutive turns; <c>cat</c> groups cases in the report; <c>answerable</c> false means the bot should say the
/// article does not tell.
/// </summary>
public sealed record EvalCase(
    string Id,
    string In,
    IReadOnlyList<string> All,
    IReadOnlyList<string> None,
    double? MaxLen = null,
    string? Thread = null,
    string? Cat = null,
    bool? Answerable = null)
{
    /// <summary>Reads a question set; throws <see cref="EvalFileException"/> naming the file and line of the first bad case.</summary>
    public static IReadOnlyList<EvalCase> Load(string path)
    {
        IEnumerable<string> lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new EvalFileException($"{path}: {ex.Message}");
        }

        return Parse(lines, path);
    }

    /// <summary>The cases of a question set's lines; blank lines are skipped, as score.py does.</summary>
    public static IReadOnlyList<EvalCase> Parse(IEnumerable<string> lines, string source = "cases")
    {
        var cases = new List<EvalCase>();
        var number = 0;
        foreach (var line in lines)
        {
            number++;
            if (PythonText.IsBlank(line))
            {
                continue;
            }

            try
            {
                cases.Add(FromJson(line, number));
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
            {
                throw new EvalFileException($"{source}:{number}: {ex.Message}");
            }
        }

        if (cases.Count == 0)
        {
            throw new EvalFileException($"{source}: no cases");
        }

        return cases;
    }

    private static EvalCase FromJson(string line, int number)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("expected a JSON object");
        }

        return new EvalCase(
            Id: !root.TryGetProperty("id", out var id) || id.ValueKind == JsonValueKind.Null ? $"line {number}"
                : id.ValueKind == JsonValueKind.String ? id.GetString()! : id.GetRawText(),
            In: Optional(root, "in", JsonValueKind.String)?.GetString() ?? throw new FormatException("\"in\" must be a string"),
            All: Strings(root, "all"),
            None: Strings(root, "none"),
            MaxLen: Optional(root, "maxlen", JsonValueKind.Number)?.GetDouble(),
            Thread: Optional(root, "thread", JsonValueKind.String)?.GetString(),
            Cat: Optional(root, "cat", JsonValueKind.String)?.GetString(),
            Answerable: Optional(root, "answerable", JsonValueKind.True, JsonValueKind.False)?.GetBoolean());
    }

    /// <summary>The property if present and of one of the kinds (null counts as absent); anything else is a bad case.</summary>
    private static JsonElement? Optional(JsonElement root, string name, params JsonValueKind[] kinds)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return kinds.Contains(value.ValueKind)
            ? value
            : throw new FormatException($"\"{name}\" must be {string.Join(" or ", kinds.Select(k => k.ToString().ToLowerInvariant()))}, not {value.ValueKind.ToString().ToLowerInvariant()}");
    }

    private static string[] Strings(JsonElement root, string name)
    {
        if (Optional(root, name, JsonValueKind.Array) is not { } array)
        {
            return [];
        }

        return array.EnumerateArray()
            .Select(item => item.ValueKind == JsonValueKind.String ? item.GetString()! : throw new FormatException($"\"{name}\" must list strings"))
            .ToArray();
    }
}

/// <summary>A question set that cannot be read or has a malformed case; the message names the file and line.</summary>
public sealed class EvalFileException(string message) : Exception(message);
