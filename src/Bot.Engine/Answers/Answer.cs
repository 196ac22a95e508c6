namespace Bot.Engine.Answers;

/// <summary>What kind of reply this is; renderers use it for colour and visibility, tests for intent.</summary>
public enum AnswerKind
{
    Fact,
    NotFound,
    Help,
    Error,
}

/// <summary>Public answers go to the channel; private ones only to the person who asked (Slack/Discord ephemeral).</summary>
public enum AnswerVisibility
{
    Public,
    Private,
}

public enum BlockStyle
{
    /// <summary>Lines of one paragraph, kept as separate lines.</summary>
    Paragraph,

    /// <summary>One bullet per line.</summary>
    Bullets,

    /// <summary>Verbatim words from the article.</summary>
    Quote,
}

/// <summary>One block of an answer's body. All text is plain: renderers escape it for their platform.</summary>
public sealed record AnswerBlock(BlockStyle Style, IReadOnlyList<string> Lines)
{
    public static AnswerBlock Paragraph(params string[] lines) => new(BlockStyle.Paragraph, lines);

    public static AnswerBlock Bullets(IEnumerable<string> lines) => new(BlockStyle.Bullets, lines.ToArray());

    public static AnswerBlock Quote(string text) => new(BlockStyle.Quote, [text]);
}

/// <summary>A sentence of the source article that grounds the answer (1-based), with the words quoted from it.</summary>
/// <param name="Of">
/// The id of the fact-set entry this evidence belongs to ("left-date", "reaction:corbyn", "summary"): what feedback on an
/// answer is filed against, so whoever maintains <c>responses/</c> knows which entry to mend.
/// </param>
public sealed record SourceRef(int Sentence, string Quote, string Of = "");

/// <summary>
/// The platform-neutral answer. Title and body are plain text; any text that came from the user has
/// already been cleaned of control characters and shortened, but is not escaped for any platform.
/// </summary>
public sealed record Answer(
    AnswerKind Kind,
    string Title,
    IReadOnlyList<AnswerBlock> Body,
    IReadOnlyList<SourceRef> Sources,
    IReadOnlyList<string> Suggestions,
    AnswerVisibility Visibility = AnswerVisibility.Public)
{
    /// <summary>All body lines, in order, without styling: handy for fallbacks and tests.</summary>
    public IEnumerable<string> BodyLines => Body.SelectMany(b => b.Lines);

    /// <summary>The fact-set entries the answer rests on, in order, without repeats: what feedback is filed against.</summary>
    public IReadOnlyList<string> Topics => [.. Sources.Select(s => s.Of).Where(o => o.Length > 0).Distinct()];

    /// <summary>Whether the body already says what to try ("… Try /who-left, /summary, or help."): renderers add no second "Try".</summary>
    public bool SuggestsInBody =>
        BodyLines.Any(l => l.StartsWith("Try ", StringComparison.Ordinal) || l.StartsWith("Try:", StringComparison.Ordinal) || l.Contains(". Try ", StringComparison.Ordinal));

    /// <summary>Whether a quote block of the body holds this quote (the same words, give or take spacing): renderers cite it by number only.</summary>
    public bool QuotesInBody(string quote)
    {
        var words = Normalise(quote);
        return words.Length > 0 && Body.Any(b => b.Style == BlockStyle.Quote && b.Lines.Any(l => Normalise(l).Contains(words, StringComparison.OrdinalIgnoreCase)));
    }

    private static string Normalise(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).Trim('"', '“', '”', '\'');
}

/// <summary>One autocomplete suggestion: what the user sees, and the value sent back when chosen.</summary>
public sealed record Choice(string Name, string Value);
