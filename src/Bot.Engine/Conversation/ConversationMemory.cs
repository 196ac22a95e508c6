namespace Bot.Engine.Conversation;

/// <summary>
/// One answered question of a conversation, as later turns need it: the question as understood (pronouns
/// resolved), who it named (entity ids) and what answered it (a topic key such as "fact:reasons"). Plain
/// strings only, so a shared store can keep it.
/// </summary>
public sealed record ConversationTurn(string Question, IReadOnlyList<string> EntityIds, string? Topic);

/// <summary>What the bot remembers of each conversation (a Slack thread, a Discord channel, a console session).</summary>
public interface IConversationMemory
{
    /// <summary>The most recent turns, oldest first; empty for an unknown or expired conversation.</summary>
    IReadOnlyList<ConversationTurn> Recall(string conversation);

    void Remember(string conversation, ConversationTurn turn);
}

/// <summary>
/// Conversations in this process's memory: the last few turns of each, forgotten a day after the last one,
/// and never more than a fixed number of conversations (the least recently used goes first).
/// </summary>
public sealed class InMemoryConversationMemory(TimeProvider time, int maxConversations = 10_000, int turnsPerConversation = 6, TimeSpan? lifetime = null)
    : IConversationMemory
{
    private readonly TimeSpan _lifetime = lifetime ?? TimeSpan.FromDays(1);
    private readonly Dictionary<string, LinkedListNode<Entry>> _byKey = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _byUse = new(); // most recently used first
    private readonly Lock _lock = new();

    public InMemoryConversationMemory()
        : this(TimeProvider.System)
    {
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _byKey.Count;
            }
        }
    }

    public IReadOnlyList<ConversationTurn> Recall(string conversation)
    {
        lock (_lock)
        {
            if (!_byKey.TryGetValue(conversation, out var node))
            {
                return [];
            }

            if (time.GetUtcNow() - node.Value.LastUsed > _lifetime)
            {
                Forget(node);
                return [];
            }

            return [.. node.Value.Turns];
        }
    }

    public void Remember(string conversation, ConversationTurn turn)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            if (_byKey.TryGetValue(conversation, out var node))
            {
                _byUse.Remove(node);
                if (now - node.Value.LastUsed > _lifetime)
                {
                    node.Value.Turns.Clear();
                }
            }
            else
            {
                node = new LinkedListNode<Entry>(new Entry(conversation));
                _byKey[conversation] = node;
            }

            node.Value.LastUsed = now;
            node.Value.Turns.Enqueue(turn);
            while (node.Value.Turns.Count > turnsPerConversation)
            {
                node.Value.Turns.Dequeue();
            }

            _byUse.AddFirst(node);
            while (_byKey.Count > maxConversations && _byUse.Last is { } oldest)
            {
                Forget(oldest);
            }
        }
    }

    private void Forget(LinkedListNode<Entry> node)
    {
        _byUse.Remove(node);
        _byKey.Remove(node.Value.Key);
    }

    private sealed class Entry(string key)
    {
        public string Key { get; } = key;

        public Queue<ConversationTurn> Turns { get; } = new();

        public DateTimeOffset LastUsed { get; set; }
    }
}
