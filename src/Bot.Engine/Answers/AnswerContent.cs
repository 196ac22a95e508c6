namespace Bot.Engine.Answers;

/// <summary>
/// Whether two answers have the same content, part by part (the record's own equality compares the lists by reference).
/// Every part of <see cref="Answer"/>, <see cref="AnswerBlock"/> and <see cref="SourceRef"/> is compared; a test fails
/// when those records gain a part, so that this comparison is extended with it.
/// </summary>
public static class AnswerContent
{
    public static bool Same(Answer a, Answer b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a.Kind != b.Kind || a.Visibility != b.Visibility || !string.Equals(a.Title, b.Title, StringComparison.Ordinal)
            || a.Body.Count != b.Body.Count || a.Sources.Count != b.Sources.Count || !SameStrings(a.Suggestions, b.Suggestions))
        {
            return false;
        }

        for (var i = 0; i < a.Body.Count; i++)
        {
            if (a.Body[i].Style != b.Body[i].Style || !SameStrings(a.Body[i].Lines, b.Body[i].Lines))
            {
                return false;
            }
        }

        for (var i = 0; i < a.Sources.Count; i++)
        {
            // A record of an int and two strings: value equality.
            if (a.Sources[i] != b.Sources[i])
            {
                return false;
            }
        }

        return true;
    }

    private static bool SameStrings(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a.Count != b.Count)
        {
            return false;
        }

        for (var i = 0; i < a.Count; i++)
        {
            if (!string.Equals(a[i], b[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
