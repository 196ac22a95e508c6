using System.Text;
using System.Text.RegularExpressions;

namespace Bot.Engine.Content;

/// <summary>The source article, normalised, split into numbered sentences (1-based) that facts cite.</summary>
public sealed partial class ArticleText
{
    private ArticleText(IReadOnlyList<string> sentences) => Sentences = sentences;

    public IReadOnlyList<string> Sentences { get; }

    public static ArticleText Parse(string raw)
    {
        var sentences = new List<string>();
        foreach (var paragraph in Normalize(raw).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            sentences.AddRange(SentenceEnd().Split(paragraph).Select(s => s.Trim()).Where(s => s.Length > 0));
        }

        return new ArticleText(sentences);
    }

    /// <summary>
    /// Typographic quotes to straight ones, full-width letters to ASCII, non-breaking and repeated spaces to one space, so that
    /// evidence written with a plain keyboard matches the published text.
    /// </summary>
    public static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        var lastWasSpace = false;
        foreach (var c in text)
        {
            var mapped = c switch
            {
                '\u2018' or '\u2019' or '\u201B' or '\u2032' => '\'',
                '\u201C' or '\u201D' or '\u201F' or '\u2033' => '"',
                '\u2013' or '\u2014' => '-',
                '\u00A0' or '\u2007' or '\u202F' or '\t' => ' ',
                '\r' => '\n',
                >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0), // full-width forms of ASCII, as some keyboards type them
                _ => c,
            };
            if (mapped == ' ')
            {
                if (lastWasSpace)
                {
                    continue;
                }

                lastWasSpace = true;
            }
            else
            {
                lastWasSpace = false;
            }

            builder.Append(mapped);
        }

        return builder.ToString();
    }

    // A sentence ends at . ! or ? (maybe followed by a closing quote) before a space and a capital or an opening quote.
    [GeneratedRegex("""(?<=(?<!\b(?:Mr|Mrs|Ms|Dr|St|Sir|No|vs))[.!?]["')]?)\s+(?=["'(]?[A-Z0-9])""")]
    private static partial Regex SentenceEnd();
}
