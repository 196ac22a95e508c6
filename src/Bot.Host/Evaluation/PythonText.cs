using System.Globalization;
using System.Text;

namespace Bot.Host.Evaluation;

/// <summary>
/// The few Python string operations score.py grades with, so `eval` agrees with it case by case: <c>str.lower()</c>
/// (full case mapping: 'İ' becomes two code points, a word-final 'Σ' becomes 'ς'), <c>str.strip()</c> emptiness
/// (Python's whitespace includes U+001C..U+001F), <c>len()</c> (code points, not UTF-16 units) and <c>repr()</c>.
/// Both run their own Unicode tables, so letters newer than the older of the two can still differ.
/// </summary>
internal static class PythonText
{
    public static string Lower(string text)
    {
        StringBuilder? lower = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < 0x80 && !char.IsAsciiLetterUpper(c))
            {
                lower?.Append(c);
                continue;
            }

            lower ??= new StringBuilder(text.Length).Append(text, 0, i);
            if (c == 'İ')
            {
                lower.Append("i\u0307");
            }
            else if (c == 'Σ')
            {
                lower.Append(IsFinalSigma(text, i) ? 'ς' : 'σ');
            }
            else if (Rune.TryGetRuneAt(text, i, out var rune))
            {
                lower.Append(Rune.ToLowerInvariant(rune).ToString());
                i += rune.Utf16SequenceLength - 1;
            }
            else
            {
                lower.Append(c); // a lone surrogate, kept as Python keeps it
            }
        }

        return lower?.ToString() ?? text;
    }

    /// <summary><c>not s.strip()</c>.</summary>
    public static bool IsBlank(string text) => text.All(c => char.IsWhiteSpace(c) || c is >= '\u001c' and <= '\u001f');

    /// <summary><c>len(s)</c>: a surrogate pair is one code point.</summary>
    public static int Length(string text)
    {
        var length = text.Length;
        for (var i = 0; i + 1 < text.Length; i++)
        {
            if (char.IsSurrogatePair(text[i], text[i + 1]))
            {
                length--;
                i++;
            }
        }

        return length;
    }

    /// <summary>The first <paramref name="count"/> code points, like <c>s[:count]</c>.</summary>
    public static string Prefix(string text, int count)
    {
        var end = 0;
        for (var n = 0; n < count && end < text.Length; n++)
        {
            end += end + 1 < text.Length && char.IsSurrogatePair(text[end], text[end + 1]) ? 2 : 1;
        }

        return text[..end];
    }

    /// <summary><c>repr(s)</c> for the report: quoted, with quotes, backslashes and control characters escaped.</summary>
    public static string Repr(string text)
    {
        var quote = text.Contains('\'') && !text.Contains('"') ? '"' : '\'';
        var repr = new StringBuilder(text.Length + 2).Append(quote);
        foreach (var c in text)
        {
            _ = c switch
            {
                '\\' => repr.Append(@"\\"),
                '\n' => repr.Append(@"\n"),
                '\r' => repr.Append(@"\r"),
                '\t' => repr.Append(@"\t"),
                _ when c == quote => repr.Append('\\').Append(c),
                _ when c < ' ' || c == '\u007f' => repr.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}"),
                _ => repr.Append(c),
            };
        }

        return repr.Append(quote).ToString();
    }

    /// <summary>Python's Final_Sigma test: a cased letter before (skipping case-ignorable ones) and none after.</summary>
    private static bool IsFinalSigma(string text, int index)
    {
        var before = index - 1;
        while (before >= 0 && IsCaseIgnorable(text[before]))
        {
            before--;
        }

        if (before < 0 || !IsCased(text[before]))
        {
            return false;
        }

        var after = index + 1;
        while (after < text.Length && IsCaseIgnorable(text[after]))
        {
            after++;
        }

        return after == text.Length || !IsCased(text[after]);
    }

    private static bool IsCased(char c) => char.GetUnicodeCategory(c) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter;

    private static bool IsCaseIgnorable(char c) =>
        c is '\'' or '.' or ':' or '^' or '`' or '\u00b7' or '\u2018' or '\u2019' or '\u2024' or '\u2027'
        || char.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format
            or UnicodeCategory.ModifierLetter or UnicodeCategory.ModifierSymbol;
}
