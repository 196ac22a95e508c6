using System.Text.Json.Nodes;
using Bot.Runtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bot.Discord;

/// <summary>
/// With Redis, Gateway mentions go through the shared work queue instead of straight to <see cref="MentionHandler"/>:
/// claimed and queued in one step, answered by any replica, and taken over from a replica that dies mid-answer (the
/// reply's nonce keeps Discord from posting a taken-over reply twice). Each channel keeps to one partition.
/// Not registered without Redis: in one process the direct path already drains everything on stop.
/// </summary>
public sealed partial class MentionQueue(IWorkQueueFactory queues, MentionHandler mentions, ReplyRetry retry, ILogger<MentionQueue> logger)
{
    public const int Partitions = 4;
    public const int Capacity = 1024;

    private readonly IWorkQueue _queue = queues.Create("discord-mentions", "Discord mention(s)", Partitions, Capacity);

    /// <summary>Queues a mention of us; Refused means it was not taken (full, Redis away) and the caller answers it itself.</summary>
    public async ValueTask<WorkAcceptance> TryAcceptAsync(JsonObject message, string selfId)
    {
        var messageId = InteractionHandler.Str(message["id"]);
        var payload = new JsonObject { ["self"] = selfId, ["message"] = message.DeepClone() };
        var partition = WorkPartition.For(InteractionHandler.Str(message["channel_id"]), Partitions);
        try
        {
            return await _queue.TryAcceptAsync(MentionHandler.ClaimKey(messageId), MentionHandler.ClaimTtl, partition, payload.ToJsonString(), CancellationToken.None);
        }
        catch (SharedStoreUnavailableException)
        {
            return WorkAcceptance.Refused;
        }
    }

    public Task RunAsync() => _queue.RunAsync(HandleAsync);

    private async Task<bool> HandleAsync(AcceptedWork work, WorkLease lease, CancellationToken abandon)
    {
        try
        {
            if (JsonNode.Parse(work.Payload) is not JsonObject { } payload || payload["message"] is not JsonObject message)
            {
                return true;
            }

            return await mentions.HandleAsync(message, InteractionHandler.Str(payload["self"]), abandon, retry.MentionDeadline(work.AcceptedAt), lease, claimed: true);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, ex);
            return false;
        }
    }

    [LoggerMessage(EventId = 320, Level = LogLevel.Error, Message = "Answering a queued Discord mention failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

/// <summary>Works off the shared mention queue until the host stops and what was taken is answered.</summary>
internal sealed class MentionQueueWorker(MentionQueue queue) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => queue.RunAsync();
}
