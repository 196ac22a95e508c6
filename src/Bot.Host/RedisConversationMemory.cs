using System.Text.Json;
using System.Text.Json.Serialization;
using Bot.Engine.Conversation;
using Bot.Runtime.Redis;
using StackExchange.Redis;

namespace Bot.Host;

/// <summary>
/// Conversation memory shared by replicas: a capped list of turns per conversation (the newest
/// <see cref="TurnsPerConversation"/>), forgotten Redis:ConversationLifetime after the last one. A follow-up is
/// understood whichever replica answers it. While Redis is away a conversation is answered as if new (the failure is
/// logged by <see cref="RedisConnection"/>): a lost turn of context is better than no answer.
/// </summary>
public sealed class RedisConversationMemory(Func<RedisConnection> redis) : IConversationMemory
{
    /// <summary>As many as the in-memory store keeps.</summary>
    public const int TurnsPerConversation = 6;

    public IReadOnlyList<ConversationTurn> Recall(string conversation)
    {
        var connection = redis();
        try
        {
            var stored = connection.Database.ListRange(Key(connection, conversation));
            var turns = new List<ConversationTurn>(stored.Length);
            foreach (var item in stored)
            {
                if ((string?)item is { Length: > 0 } json && JsonSerializer.Deserialize(json, ConversationTurnJson.Default.ConversationTurn) is { } turn)
                {
                    turns.Add(turn);
                }
            }

            return turns;
        }
        catch (Exception ex) when (RedisConnection.IsUnavailable(ex))
        {
            connection.Failed("recall a conversation", ex);
            return [];
        }
        catch (JsonException)
        {
            // Written by another version of the bot: start the conversation afresh rather than fail the answer.
            return [];
        }
    }

    public void Remember(string conversation, ConversationTurn turn)
    {
        var connection = redis();
        var key = Key(connection, conversation);
        try
        {
            var batch = connection.Database.CreateTransaction();
            _ = batch.ListRightPushAsync(key, JsonSerializer.Serialize(turn, ConversationTurnJson.Default.ConversationTurn));
            _ = batch.ListTrimAsync(key, -TurnsPerConversation, -1);
            _ = batch.KeyExpireAsync(key, connection.Options.ConversationLifetime);
            batch.Execute();
        }
        catch (Exception ex) when (RedisConnection.IsUnavailable(ex))
        {
            connection.Failed("remember a conversation turn", ex);
        }
    }

    private static RedisKey Key(RedisConnection connection, string conversation) => connection.Key("conversation:" + conversation);
}

[JsonSerializable(typeof(ConversationTurn))]
internal sealed partial class ConversationTurnJson : JsonSerializerContext;
