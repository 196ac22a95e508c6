using System.Text;
using Bot.Engine.Content;

namespace Bot.Engine.Understanding;

/// <summary>Turns free text into lower-case words: the form aliases, keywords and questions are compared in.</summary>
public static class Words
{
    /// <summary>
    /// Lower-cases, drops possessive 's, and treats every other non-letter, non-digit as a space:
    /// "London's Mayor" and "london mayor" give the same words, as do "anti-Semitic" and "anti semitic".
    /// </summary>
    public static string[] Split(string text) => Split(text, lowerCase: true);

    /// <summary>The same words as <see cref="Split(string)"/>, in the case they were typed: capitals mark names.</summary>
    public static string[] SplitKeepingCase(string text) => Split(text, lowerCase: false);

    private static string[] Split(string text, bool lowerCase)
    {
        var normalized = ArticleText.Normalize(text);
        var builder = new StringBuilder(normalized.Length);
        for (var i = 0; i < normalized.Length; i++)
        {
            var c = normalized[i];
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(lowerCase ? char.ToLowerInvariant(c) : c);
            }
            else if (c == '\'' && i + 1 < normalized.Length && char.ToLowerInvariant(normalized[i + 1]) == 's'
                     && (i + 2 == normalized.Length || !char.IsLetterOrDigit(normalized[i + 2])))
            {
                // possessive: "Corbyn's" -> "corbyn"; but "he's labour, right?" says "he is"
                i++;
                if (EndsWithPronoun(builder))
                {
                    builder.Append(" is");
                }
            }
            else if (c == '\'' && i + 1 < normalized.Length && char.ToLowerInvariant(normalized[i + 1]) == 'd'
                     && (i + 2 == normalized.Length || !char.IsLetterOrDigit(normalized[i + 2])))
            {
                i++; // "why'd", "they'd": the "did" or "would" adds nothing a question needs
            }
            else if (c == '\'')
            {
                // "haven't" -> "havent": keep the word whole
            }
            else
            {
                builder.Append(' ');
            }
        }

        return builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w is not ("s" or "S")).ToArray();
    }

    private static bool EndsWithPronoun(StringBuilder builder) => EndsWithWord(builder, "he") || EndsWithWord(builder, "she");

    // Without allocating: Split runs on every message.
    private static bool EndsWithWord(StringBuilder builder, string word)
    {
        var start = builder.Length - word.Length;
        if (start < 0 || (start > 0 && char.IsLetterOrDigit(builder[start - 1])))
        {
            return false;
        }

        for (var k = 0; k < word.Length; k++)
        {
            if (char.ToLowerInvariant(builder[start + k]) != word[k])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>User text fit to quote back: no control characters or markup-bearing symbols, one line, at most <paramref name="maxLength"/> characters.</summary>
    public static string ForEcho(IEnumerable<string> words, int maxLength = 60)
    {
        var text = string.Join(' ', words.Select(w => w is "the" or "of" or "and" or "a" or "an" ? w : TitleCase(w)));
        return text.Length <= maxLength ? text : text[..maxLength].TrimEnd() + "…";
    }

    private static string TitleCase(string word) =>
        word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..];

    /// <summary>Optimal string alignment distance (Levenshtein plus adjacent swaps), stopping early past <paramref name="limit"/>.</summary>
    public static int Distance(string a, string b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) > limit)
        {
            return limit + 1;
        }

        // Three rows on the stack: typo checks run against every alias and lexicon word, so they must not allocate.
        var width = b.Length + 1;
        Span<int> rows = width <= 128 ? stackalloc int[3 * width] : new int[3 * width];
        var previous2 = rows[..width];
        var previous = rows.Slice(width, width);
        var current = rows.Slice(2 * width, width);
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, previous2[j - 2] + 1);
                }

                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }

            if (rowMin > limit)
            {
                return limit + 1;
            }

            var recycled = previous2;
            previous2 = previous;
            previous = current;
            current = recycled;
        }

        return previous[b.Length];
    }

    private static readonly string[] NumberWords =
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];

    /// <summary>A small count written as digits or a word ("7", "seven"), or null. Years and large numbers are not counts.</summary>
    /// <summary>
    /// A statement put in the order of a yes/no question: "khan is leaving labour" as "is khan leaving labour". The first
    /// "is", "was", "are", "were", "has", "had" or "will" after the first word and within <paramref name="reach"/> words moves
    /// to the front; null when there is none.
    /// </summary>
    public static string[]? InQuestionOrder(string[] statement, int reach = int.MaxValue)
    {
        var aux = Array.FindIndex(statement, w => w is "is" or "was" or "are" or "were" or "has" or "had" or "will");
        return aux > 0 && aux <= reach ? [statement[aux], .. statement[..aux], .. statement[(aux + 1)..]] : null;
    }

    public static int? NumberValue(string word)
    {
        if (word.Length <= 2 && word.All(char.IsAsciiDigit))
        {
            return int.Parse(word, System.Globalization.CultureInfo.InvariantCulture);
        }

        var index = Array.IndexOf(NumberWords, word);
        return index >= 0 ? index : null;
    }

    /// <summary>How many typos a word of this length may carry and still count as meant: none for short words.</summary>
    public static int TypoAllowance(int length) => length switch
    {
        < 5 => 0,
        < 9 => 1,
        _ => 2,
    };
}
