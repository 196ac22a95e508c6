using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bot.Discord;

/// <summary>
/// The Discord gateway for this process: learns the shard count and identify concurrency (GET /gateway/bot), then
/// runs one <see cref="GatewayShardConnection"/> per shard in <see cref="DiscordOptions.Shards"/>, each with its own
/// session. Something no reconnect can fix on one shard stops them all.
/// </summary>
public sealed class GatewayClient(
    IServiceProvider services,
    DiscordOptions options,
    DiscordRestClient rest,
    GatewayState state,
    TimeProvider time,
    ILogger<GatewayClient> logger) : BackgroundService
{
    /// <summary>GUILDS | GUILD_MESSAGES | DIRECT_MESSAGES: no privileged intent, as mentions carry their content.</summary>
    public const int Intents = (1 << 0) | (1 << 9) | (1 << 12);

    private volatile IReadOnlyList<GatewayShardConnection> connections = [];

    /// <summary>The shards this process runs (empty until planned).</summary>
    public IReadOnlyList<GatewayShard> Shards => [.. connections.Select(c => c.Shard)];

    /// <summary>Our own user id, from READY: how we recognise mentions of us and our own messages.</summary>
    public string? UserId => connections.Select(c => c.UserId).FirstOrDefault(id => id is not null);

    private sealed record Plan(Uri Url, int ShardCount, int MaxConcurrency);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Plan plan;
        try
        {
            plan = await PlanAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            state.SetReady(false, "shut down");
            return;
        }
        catch (FatalGatewayException ex)
        {
            StopFor(ex.Message);
            return;
        }

        var range = options.Shards ?? new ShardRange(0, plan.ShardCount - 1);
        if (range.Last >= plan.ShardCount)
        {
            StopFor($"Discord:Shards {range} is outside the {plan.ShardCount} shard(s) Discord recommends; set Discord:ShardCount, or a range within 0-{plan.ShardCount - 1}.");
            return;
        }

        var gate = new IdentifyGate(plan.MaxConcurrency, options.IdentifyInterval, time);
        connections = [.. range.Ids.Select(id => ActivatorUtilities.CreateInstance<GatewayShardConnection>(services, new GatewayShard(id, plan.ShardCount), plan.Url, gate))];
        state.Expect(connections.Count);
        DiscordLog.ShardsStarting(logger, range.ToString(), plan.ShardCount, gate.MaxConcurrency);

        using var shardsStop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        await Task.WhenAll(connections.Select(async connection =>
        {
            await connection.RunAsync(shardsStop.Token);
            if (state.StoppedReason is not null)
            {
                // A rejected token or refused intents on one shard is the same for every shard: stop them all.
                await shardsStop.CancelAsync();
            }
        }));
    }

    /// <summary>
    /// Where to connect, how many shards and how many may identify at once. Asks Discord unless both the URL and the
    /// count are set; a failure is retried with backoff, a rejected token stops the adapter.
    /// </summary>
    private async Task<Plan> PlanAsync(CancellationToken cancellationToken)
    {
        if (options.GatewayUrl is { } fixedUrl && options.ShardCount is { } fixedCount)
        {
            return new Plan(fixedUrl, fixedCount, 1);
        }

        for (var failures = 1; ; failures++)
        {
            try
            {
                return await AskDiscordAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is not (OperationCanceledException or FatalGatewayException))
            {
                DiscordLog.GatewayConnectFailed(logger, ex.Message);
                await Task.Delay(GatewayShardConnection.Backoff(failures), time, cancellationToken);
            }
        }
    }

    private async Task<Plan> AskDiscordAsync(CancellationToken cancellationToken)
    {
        var response = await rest.SendAsync(HttpMethod.Get, "/gateway/bot", null, cancellationToken);
        if (response.Status == System.Net.HttpStatusCode.Unauthorized)
        {
            throw new FatalGatewayException("Discord rejected the bot token (401 from GET /gateway/bot). Check Discord:Token; a reset token must be copied again.");
        }

        var url = InteractionHandler.Str(response.Body?["url"]);
        if (!response.IsSuccess || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            throw new InvalidOperationException($"GET /gateway/bot answered {(int)response.Status}");
        }

        // Out of identifies for today: wait for the reset rather than burn the token.
        var limit = response.Body?["session_start_limit"];
        if (limit is not null && InteractionHandler.Int(limit["remaining"]) == 0)
        {
            var resetMs = limit["reset_after"] is JsonValue r && r.TryGetValue<long>(out var ms) ? ms : 60_000;
            DiscordLog.IdentifyBudgetUsedUp(logger, resetMs / 60_000.0);
            await Task.Delay(TimeSpan.FromMilliseconds(resetMs), time, cancellationToken);
        }

        var recommended = response.Body?["shards"] is JsonValue s && s.TryGetValue<int>(out var n) && n > 0 ? n : 1;
        var concurrency = limit?["max_concurrency"] is JsonValue c && c.TryGetValue<int>(out var m) && m > 0 ? m : 1;
        return new Plan(options.GatewayUrl ?? uri, options.ShardCount ?? recommended, concurrency);
    }

    private void StopFor(string reason)
    {
        DiscordLog.GatewayStopped(logger, reason);
        state.Stop(reason);
    }
}

/// <summary>Something no reconnect can fix (a rejected token, disallowed intents): the adapter stops.</summary>
public sealed class FatalGatewayException(string message) : Exception(message);
