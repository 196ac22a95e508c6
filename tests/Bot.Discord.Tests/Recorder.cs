namespace Bot.Discord.Tests;

/// <summary>A list that tests can wait on: every wait is for a signal, with a generous timeout, never a fixed sleep.</summary>
public sealed class Recorder<T>
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    private readonly List<T> items = [];
    private readonly List<(int Skip, Func<T, bool> Match, TaskCompletionSource<T> Done)> waiters = [];

    public int Count
    {
        get
        {
            lock (items)
            {
                return items.Count;
            }
        }
    }

    public void Add(T item)
    {
        lock (items)
        {
            items.Add(item);
            foreach (var waiter in waiters.ToList())
            {
                if (items.Count - 1 >= waiter.Skip && waiter.Match(item))
                {
                    waiters.Remove(waiter);
                    waiter.Done.TrySetResult(item);
                }
            }
        }
    }

    public List<T> Snapshot()
    {
        lock (items)
        {
            return [.. items];
        }
    }

    /// <summary>The first item (at index ≥ <paramref name="skip"/>) that matches, waiting for it if need be.</summary>
    public async Task<T> WaitAsync(Func<T, bool> match, int skip = 0, TimeSpan? timeout = null, string? what = null)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (items)
        {
            for (var i = skip; i < items.Count; i++)
            {
                if (match(items[i]))
                {
                    return items[i];
                }
            }

            waiters.Add((skip, match, done));
        }

        try
        {
            return await done.Task.WaitAsync(timeout ?? DefaultTimeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Timed out waiting for {what ?? typeof(T).Name}. Seen:\n" + string.Join("\n", Snapshot()));
        }
    }
}
