using Bot.Engine.Content;

namespace Bot.Engine.Understanding;

/// <summary>
/// Names kept by length, so a misspelling is compared only with names it could be within its allowance of
/// ("corbyyn" with the six- to eight-letter ones), not with every alias. On equal distance the name added first wins.
/// </summary>
internal sealed class TypoIndex
{
    private readonly Dictionary<int, List<(string Key, Entity Entity, int Order)>> _byLength = [];
    private int _count;

    public void Add(string key, Entity entity)
    {
        if (!_byLength.TryGetValue(key.Length, out var keys))
        {
            _byLength[key.Length] = keys = [];
        }

        keys.Add((key, entity, _count++));
    }

    /// <param name="pluralIsNotTypo">"groups" is not a typo of "group": a plural means the common noun, not the entity.</param>
    public Entity? Nearest(string text, int allowance, bool pluralIsNotTypo = false)
    {
        Entity? best = null;
        var bestDistance = int.MaxValue;
        var bestOrder = int.MaxValue;
        var singular = pluralIsNotTypo ? text.AsSpan().TrimEnd('s') : default;
        for (var length = text.Length - allowance; length <= text.Length + allowance; length++)
        {
            if (!_byLength.TryGetValue(length, out var keys))
            {
                continue;
            }

            foreach (var (key, entity, order) in keys)
            {
                if (pluralIsNotTypo && singular.SequenceEqual(key.AsSpan().TrimEnd('s')))
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
