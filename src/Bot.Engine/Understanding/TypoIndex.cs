using Bot.Engine.Content;

namespace Bot.Engine.Understanding;

/// <summary>
/// Names kept by length, so a misspelling is compared only with names it could be within its allowance of
/// ("corbyyn" with the six- to eight-letter ones), not with every alias; and of those, only with names whose set of
/// letters is near enough (each edit changes it by at most two letters). On equal distance the name added first wins.
/// </summary>
internal sealed class TypoIndex
{
    private readonly Dictionary<int, List<(string Key, Entity Entity, int Order, uint Letters)>> _byLength = [];
    private int _count;

    public void Add(string key, Entity entity)
    {
        if (!_byLength.TryGetValue(key.Length, out var keys))
        {
            _byLength[key.Length] = keys = [];
        }

        keys.Add((key, entity, _count++, Letters(key)));
    }

    /// <summary>Which of a–z (and, as one bit, anything else) the text uses.</summary>
    private static uint Letters(string text)
    {
        var mask = 0u;
        foreach (var c in text)
        {
            mask |= c is >= 'a' and <= 'z' ? 1u << (c - 'a') : 1u << 26;
        }

        return mask;
    }

    /// <param name="pluralIsNotTypo">"groups" is not a typo of "group": a plural means the common noun, not the entity.</param>
    public Entity? Nearest(string text, int allowance, bool pluralIsNotTypo = false)
    {
        Entity? best = null;
        var bestDistance = int.MaxValue;
        var bestOrder = int.MaxValue;
        var singular = pluralIsNotTypo ? text.AsSpan().TrimEnd('s') : default;
        var letters = Letters(text);
        for (var length = text.Length - allowance; length <= text.Length + allowance; length++)
        {
            if (!_byLength.TryGetValue(length, out var keys))
            {
                continue;
            }

            foreach (var (key, entity, order, keyLetters) in keys)
            {
                if (System.Numerics.BitOperations.PopCount(letters ^ keyLetters) > 2 * allowance
                    || (pluralIsNotTypo && singular.SequenceEqual(key.AsSpan().TrimEnd('s'))))
                {
                    continue;
                }

                var distance = Words.Distance(text, key, allowance);
                if (distance <= allowance && (distance < bestDistance || (distance == bestDistance && order < bestOrder)))
                {
                    (best, bestDistance, bestOrder) = (entity, distance, order);
                }
            }
        }

        return best;
    }
}
