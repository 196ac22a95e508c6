namespace Bot.Engine.Semantic;

/// <summary>
/// The sentence model's WordPiece vocabulary read as a list of real English words. A whole-word token ("published",
/// "deadline") is a word people type on purpose, so typo correction must not turn it into a near concept ("punished",
/// "headline"); misspellings ("resine", "reacton") are never whole tokens.
/// </summary>
public static class DictionaryWords
{
    /// <summary>The whole-word tokens of <c>vocab.txt</c> in <paramref name="modelDirectory"/>; null when there is none.</summary>
    public static IReadOnlySet<string>? Load(string? modelDirectory)
    {
        var path = modelDirectory is null ? null : Path.Combine(modelDirectory, OnnxSentenceEncoder.VocabularyFile);
        if (path is null || !File.Exists(path))
        {
            return null;
        }

        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            var token = line.TrimEnd('\r');
            if (token.Length > 1 && token.All(char.IsAsciiLetterLower))
            {
                words.Add(token);
            }
        }

        return words;
    }
}
