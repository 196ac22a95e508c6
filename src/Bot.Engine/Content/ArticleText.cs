using System.Text;

namespace Bot.Engine.Content;

/// <summary>The source article, normalised, split into numbered sentences (1-based) that facts cite.</summary>
public sealed class ArticleText
{
    private ArticleText(IReadOnlyList<string> sentences) => Sentences = sentences;

    public IReadOnlyList<string> Sentences { get; }

    public static ArticleText Parse(string raw)
    {
        var sentences = new List<string>();
        foreach (var paragraph in Normalize(raw).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            SplitSentences(paragraph, sentences);
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

    private static readonly string[] Abbreviations = ["Mr", "Mrs", "Ms", "Dr", "St", "Sir", "No", "vs"];

    /// <summary>
    /// A sentence ends at . ! or ? (maybe followed by a closing quote or bracket) before a space and a
    /// capital, a digit or an opening quote, unless the full stop ends a title such as "Mr".
    /// A hand-written loop rather than a regex: it runs at every start-up, and the regex engine's own start-up cost more.
    /// </summary>
    private static void SplitSentences(string paragraph, List<string> sentences)
    {
        var start = 0;
        for (var i = 0; i < paragraph.Length; i++)
        {
            if (paragraph[i] is not ('.' or '!' or '?'))
            {
                continue;
            }

            var end = i + 1;
            while (end < paragraph.Length && paragraph[end] is '"' or '\'' or ')')
            {
                end++;
            }

            var next = end;
            while (next < paragraph.Length && paragraph[next] == ' ')
            {
                next++;
            }

            if (next == end || next >= paragraph.Length)
            {
                continue;
            }

            var opener = paragraph[next] is '"' or '\'' or '(' && next + 1 < paragraph.Length ? paragraph[next + 1] : paragraph[next];
            if (!(char.IsUpper(opener) || char.IsDigit(opener)) || (paragraph[i] == '.' && EndsWithAbbreviation(paragraph, start, i)))
            {
                continue;
            }

            sentences.Add(paragraph[start..end].Trim());
            start = next;
            i = next - 1;
        }

        if (paragraph[start..].Trim() is { Length: > 0 } last)
        {
            sentences.Add(last);
        }
    }

    private static bool EndsWithAbbreviation(string text, int sentenceStart, int dot)
    {
        var wordStart = dot;
        while (wordStart > sentenceStart && char.IsLetter(text[wordStart - 1]))
        {
            wordStart--;
        }

        var word = text.AsSpan(wordStart, dot - wordStart);
        foreach (var abbreviation in Abbreviations)
        {
            if (word.SequenceEqual(abbreviation))
            {
                return true;
            }
        }

        return false;
    }
}
