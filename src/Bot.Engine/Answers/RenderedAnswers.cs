using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Bot.Engine.Answers;

/// <summary>
/// What a platform renderer made of an answer (its JSON bytes), kept by what was asked, so that the same question
/// answered with the same content is written from those bytes. Rendering (buttons' ids, blocks or embeds, escaping)
/// costs more than answering a command, and most commands are asked again and again. Each adapter keeps its own.
/// </summary>
/// <param name="maxEntries">Questions kept; the whole set is dropped when it is full (a flood of distinct questions).</param>
/// <param name="maxBytes">Only renderings up to this size are kept (a few KiB in practice).</param>
public sealed class RenderedAnswers(int maxEntries = RenderedAnswers.DefaultEntries, int maxBytes = RenderedAnswers.DefaultBytes)
{
    public const int DefaultEntries = 256;
    public const int DefaultBytes = 16 * 1024;

    private readonly ConcurrentDictionary<string, Kept> _kept = new(StringComparer.Ordinal);

    /// <summary>The bytes made for <paramref name="asked"/>, if the answer then had the content <paramref name="answer"/> has now.</summary>
    public bool TryGet(string asked, Answer answer, [NotNullWhen(true)] out byte[]? rendered)
    {
        if (_kept.TryGetValue(asked, out var kept) && AnswerContent.Same(kept.Answer, answer))
        {
            rendered = kept.Rendered;
            return true;
        }

        rendered = null;
        return false;
    }

    public void Keep(string asked, Answer answer, byte[] rendered)
    {
        if (rendered.Length > maxBytes)
        {
            return;
        }

        if (_kept.Count >= maxEntries)
        {
            _kept.Clear();
        }

        _kept[asked] = new Kept(answer, rendered);
    }

    /// <summary>Forgets everything kept (tests).</summary>
    public void Clear() => _kept.Clear();

    private sealed record Kept(Answer Answer, byte[] Rendered);
}
