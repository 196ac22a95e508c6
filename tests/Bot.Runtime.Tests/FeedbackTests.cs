using Bot.Runtime.Feedback;
using Bot.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Bot.Runtime.Tests;

/// <summary>Feedback kept where the service keeps it: a JSON-lines file on one machine, a Redis stream shared by replicas.</summary>
[Collection(RedisCollection.Name)]
public class FeedbackTests(RedisServer server) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("feedback-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static FeedbackEntry Entry(DateTimeOffset at, bool helpful, string question) =>
        new(at, "slack", FeedbackEntry.OpaqueUser("slack", "T1", "U1"), helpful, "fact", ["reaction:corbyn"], question);

    [Fact]
    public async Task The_file_store_keeps_entries_and_reads_those_since_a_time_skipping_torn_lines()
    {
        var store = new FileFeedbackStore(Options.Create(new FeedbackOptions { Path = Path.Combine(_directory, "sub", "feedback.jsonl") }));
        var now = DateTimeOffset.UtcNow;
        await store.AddAsync(Entry(now.AddDays(-10), true, "old"), CancellationToken.None);
        await store.AddAsync(Entry(now.AddMinutes(-1), false, "what did corbyn say"), CancellationToken.None);
        await File.AppendAllTextAsync(store.Path, "{\"at\": torn\n");

        var recent = await store.ReadSinceAsync(now.AddDays(-7), CancellationToken.None);

        var only = Assert.Single(recent);
        Assert.False(only.Helpful);
        Assert.Equal("what did corbyn say", only.Question);
        Assert.Equal(["reaction:corbyn"], only.Topics);
    }

    [Fact]
    public async Task The_redis_store_is_shared_by_replicas_and_read_since_a_time()
    {
        var prefix = RedisServer.NewPrefix();
        using var a = new Replica(server.Configuration, prefix);
        using var b = new Replica(server.Configuration, prefix);
        var options = Options.Create(new FeedbackOptions());
        var now = DateTimeOffset.UtcNow;
        await new RedisFeedbackStore(a.Redis, options).AddAsync(Entry(now, true, "from a"), CancellationToken.None);
        await new RedisFeedbackStore(b.Redis, options).AddAsync(Entry(now, false, "from b"), CancellationToken.None);

        var all = await new RedisFeedbackStore(a.Redis, options).ReadSinceAsync(now.AddMinutes(-1), CancellationToken.None);
        var none = await new RedisFeedbackStore(a.Redis, options).ReadSinceAsync(now.AddMinutes(5), CancellationToken.None);

        Assert.Equal(["from a", "from b"], all.Select(e => e.Question));
        Assert.Empty(none);
    }

    [Fact]
    public async Task The_recorder_keeps_an_opaque_user_and_a_shortened_question()
    {
        var store = new FileFeedbackStore(Options.Create(new FeedbackOptions { Path = Path.Combine(_directory, "feedback.jsonl") }));
        var recorder = new FeedbackRecorder(store, TimeProvider.System, NullLogger<FeedbackRecorder>.Instance);

        Assert.True(await recorder.RecordAsync("discord", "G1", "80351110224678912", helpful: false, TestKind.NotFound, [], new string('q', 900), CancellationToken.None));

        var entry = Assert.Single(await store.ReadSinceAsync(DateTimeOffset.MinValue, CancellationToken.None));
        Assert.DoesNotContain("80351110224678912", await File.ReadAllTextAsync(store.Path), StringComparison.Ordinal);
        Assert.Equal(FeedbackEntry.OpaqueUser("discord", "G1", "80351110224678912"), entry.User);
        Assert.NotEqual(FeedbackEntry.OpaqueUser("discord", "G2", "80351110224678912"), entry.User);
        Assert.Equal(FeedbackRecorder.MaxQuestionLength, entry.Question.Length);
        Assert.Equal("not_found", entry.AnswerKind);
    }

    [Fact]
    public async Task A_store_that_cannot_be_written_costs_the_vote_not_the_service()
    {
        // A directory where the file should be: the write fails with an IOException-family error.
        var path = Path.Combine(_directory, "taken");
        Directory.CreateDirectory(path);
        var recorder = new FeedbackRecorder(new FileFeedbackStore(Options.Create(new FeedbackOptions { Path = path })), TimeProvider.System, NullLogger<FeedbackRecorder>.Instance);

        Assert.False(await recorder.RecordAsync("slack", "T1", "U1", helpful: true, TestKind.Fact, [], "q", CancellationToken.None));
    }
}

/// <summary>The engine's answer kinds as the recorder sees them: any enum, kept by its metric name.</summary>
internal enum TestKind
{
    Fact,
    NotFound,
}
