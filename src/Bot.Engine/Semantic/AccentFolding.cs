namespace Bot.Engine.Semantic;

/// <summary>
/// Strips accents from Latin letters the way the uncased BERT tokenizer does (Unicode NFD, then drop the
/// combining marks), without needing <see cref="string.Normalize()"/>: with InvariantGlobalization on, as in
/// this repo, .NET has no normalisation data and returns the text unchanged, so "café" would become [UNK].
/// The table covers Latin-1 Supplement, Latin Extended-A/B and Latin Extended Additional (generated from the
/// Unicode 14 NFD mappings; '-' marks a letter with no plain ASCII base, left as it is).
/// </summary>
internal static class AccentFolding
{
    private const int LatinStart = 0x00C0;

    private const string Latin =
        "AAAAAA-CEEEEIIII-NOOOOO--UUUUY--aaaaaa-ceeeeiiii-nooooo--uuuuy-y" +
        "AaAaAaCcCcCcCcDd--EeEeEeEeEeGgGgGgGgHh--IiIiIiIiI---JjKk-LlLlLl-" +
        "---NnNnNn---OoOoOo--RrRrRrSsSsSsSsTtTt--UuUuUuUuUuUuWwYyYZzZzZz-" +
        "--------------------------------Oo-------------Uu---------------" +
        "-------------AaIiOoUuUuUuUuUu-AaAa----GgKkOoOo--j---Gg--NnAa----" +
        "AaAaEeEeIiIiOoOoRrRrUuUuSsTt--Hh------AaEeOoOoOoOoYy------------" +
        "----------------";

    private const int AdditionalStart = 0x1E00;

    private const string Additional =
        "AaBbBbBbCcDdDdDdDdDdEeEeEeEeEeFfGgHhHhHhHhHhIiIiKkKkKkLlLlLlLlMm" +
        "MmMmNnNnNnNnOoOoOoOoPpPpRrRrRrRrSsSsSsSsSsTtTtTtTtUuUuUuUuUuVvVv" +
        "WwWwWwWwWwXxXxYyZzZzZzhtwy------AaAaAaAaAaAaAaAaAaAaAaAaEeEeEeEe" +
        "EeEeEeEeIiIiOoOoOoOoOoOoOoOoOoOoOoOoUuUuUuUuUuUuUuYyYyYyYy------";

    public static string Fold(string text)
    {
        var first = IndexOfFoldable(text);
        if (first < 0)
        {
            return text;
        }

        var folded = new System.Text.StringBuilder(text.Length);
        folded.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (IsCombiningMark(c))
            {
                continue;
            }

            folded.Append(Base(c) ?? c);
        }

        return folded.ToString();
    }

    private static int IndexOfFoldable(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c >= LatinStart && (IsCombiningMark(c) || Base(c) is not null))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsCombiningMark(char c) => c is >= '\u0300' and <= '\u036F';

    private static char? Base(char c)
    {
        var b = (uint)(c - LatinStart) < (uint)Latin.Length ? Latin[c - LatinStart]
            : (uint)(c - AdditionalStart) < (uint)Additional.Length ? Additional[c - AdditionalStart]
            : '-';
        return b == '-' ? null : b;
    }
}
