using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Bot.Engine.Answers;

/// <summary>What a button under an answer does.</summary>
public enum AnswerAction
{
    /// <summary>Show the article sentences behind the answer, privately to whoever clicked.</summary>
    Source,

    /// <summary>Post a private answer to the channel, for everyone.</summary>
    Share,

    /// <summary>👍: the answer was right.</summary>
    Helpful,

    /// <summary>👎: the answer was wrong or missed the point.</summary>
    NotHelpful,
}

/// <summary>One button under an answer. <see cref="Id"/> carries everything a click needs, so any replica can handle it.</summary>
public sealed record AnswerButton(AnswerAction Action, string Label, string Id);

/// <summary>A decoded click: what to do, and the state the button carried.</summary>
/// <param name="Sentences">The article sentences the answer rests on (Source).</param>
/// <param name="Topics">The fact-set entries the answer rests on (feedback).</param>
/// <param name="Question">What was asked (feedback), or the request to answer again in public (Share); may be shortened to fit.</param>
public sealed record AnswerClick(AnswerAction Action, AnswerKind AnswerKind, IReadOnlyList<int> Sentences, IReadOnlyList<string> Topics, string Question);

/// <summary>
/// The buttons an answer gets and the ids they carry, the same for Slack and Discord. An id is
/// "verb|kind|sentences|topics|question": the question goes last because it may hold any character, and it is what is
/// cut when a platform's limit is short (Discord custom_id: 100 characters).
/// </summary>
public static class AnswerActions
{
    /// <summary>Every id starts with this, so an adapter can tell our buttons from anything else in a payload.</summary>
    public const string Prefix = "fb1.";

    /// <summary>The longest Discord custom_id.</summary>
    public const int DiscordIdLimit = 100;

    /// <summary>The longest Slack button value.</summary>
    public const int SlackValueLimit = 2000;

    private const char Separator = '|';

    /// <summary>
    /// Source when the answer cites the article; Share when only the asker sees it; 👍 and 👎 on answers to questions
    /// (facts and "the article doesn't say"), not on help or errors.
    /// </summary>
    /// <param name="request">The question as asked ("/reaction corbyn", or a mention's text): recorded with feedback, answered again by Share.</param>
    /// <param name="maxIdLength">The platform's limit on an id.</param>
    public static IReadOnlyList<AnswerButton> For(Answer answer, string request, int maxIdLength)
    {
        var buttons = new List<AnswerButton>(4);
        if (answer.Sources.Count > 0)
        {
            buttons.Add(new(AnswerAction.Source, "Source", Encode(AnswerAction.Source, answer, "", maxIdLength)));
        }

        if (answer.Visibility == AnswerVisibility.Private && answer.Kind != AnswerKind.Error)
        {
            buttons.Add(new(AnswerAction.Share, "Share", Encode(AnswerAction.Share, answer, request, maxIdLength)));
        }

        if (answer.Kind is AnswerKind.Fact or AnswerKind.NotFound)
        {
            buttons.Add(new(AnswerAction.Helpful, "👍", Encode(AnswerAction.Helpful, answer, request, maxIdLength)));
            buttons.Add(new(AnswerAction.NotHelpful, "👎", Encode(AnswerAction.NotHelpful, answer, request, maxIdLength)));
        }

        return buttons;
    }

    /// <summary>Reads an id made by <see cref="For"/>; false for anything else (another app's button, a tampered id).</summary>
    public static bool TryRead(string? id, [NotNullWhen(true)] out AnswerClick? click)
    {
        click = null;
        if (id is null || !id.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = id[Prefix.Length..].Split(Separator, 5);
        if (parts.Length != 5 || Verb(parts[0]) is not { } action || Kind(parts[1]) is not { } kind)
        {
            return false;
        }

        var sentences = new List<int>();
        foreach (var number in parts[2].Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var sentence) || sentence is < 1 or > 10_000)
            {
                return false;
            }

            sentences.Add(sentence);
        }

        var topics = parts[3].Split(',', StringSplitOptions.RemoveEmptyEntries);
        click = new AnswerClick(action, kind, sentences, topics, parts[4]);
        return true;
    }

    private static string Encode(AnswerAction action, Answer answer, string request, int maxIdLength)
    {
        // The state a click needs: sentences for Source, the question for Share, everything for feedback; whole
        // numbers and ids only, as many as fit, and the question cut to what is left.
        // Sized for what it will most likely hold, not the limit: Slack's is 2,000 characters, and every answer makes several ids.
        var id = new StringBuilder(Math.Min(maxIdLength, 64 + request.Length)).Append(Prefix).Append(Verb(action)).Append(Separator).Append(Kind(answer.Kind)).Append(Separator);
        var fixedLength = id.Length + 2;
        var sentences = action is AnswerAction.Share ? [] : answer.Sources.Select(s => s.Sentence.ToString(CultureInfo.InvariantCulture));
        AppendFitting(id, sentences, maxIdLength - fixedLength);
        id.Append(Separator);
        var topics = action is AnswerAction.Helpful or AnswerAction.NotHelpful ? answer.Topics.Where(t => !t.Contains(Separator) && !t.Contains(',')) : [];
        AppendFitting(id, topics, maxIdLength - 1 - id.Length);
        id.Append(Separator);
        if (action is not AnswerAction.Source)
        {
            var question = request.Trim();
            var room = Math.Max(0, maxIdLength - id.Length);
            if (question.Length > room)
            {
                // Cut on a whole character: a lone surrogate is not valid text on either platform.
                question = question[..(room > 0 && char.IsHighSurrogate(question[room - 1]) ? room - 1 : room)];
            }

            id.Append(question);
        }

        return id.ToString();
    }

    private static void AppendFitting(StringBuilder id, IEnumerable<string> items, int room)
    {
        var used = 0;
        foreach (var item in items)
        {
            var cost = item.Length + (used == 0 ? 0 : 1);
            if (used + cost > room)
            {
                break;
            }

            id.Append(used == 0 ? "" : ",").Append(item);
            used += cost;
        }
    }

    private static string Verb(AnswerAction action) => action switch
    {
        AnswerAction.Source => "src",
        AnswerAction.Share => "share",
        AnswerAction.Helpful => "up",
        _ => "down",
    };

    private static AnswerAction? Verb(string verb) => verb switch
    {
        "src" => AnswerAction.Source,
        "share" => AnswerAction.Share,
        "up" => AnswerAction.Helpful,
        "down" => AnswerAction.NotHelpful,
        _ => null,
    };

    private static string Kind(AnswerKind kind) => kind switch
    {
        AnswerKind.Fact => "f",
        AnswerKind.NotFound => "n",
        AnswerKind.Help => "h",
        _ => "e",
    };

    private static AnswerKind? Kind(string kind) => kind switch
    {
        "f" => AnswerKind.Fact,
        "n" => AnswerKind.NotFound,
        "h" => AnswerKind.Help,
        "e" => AnswerKind.Error,
        _ => null,
    };
}
