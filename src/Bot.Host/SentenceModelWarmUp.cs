using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Bot.Engine;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bot.Host;

/// <summary>
/// /readyz for the sentence model: Unhealthy while it loads, Healthy once loaded (or when there is none to load),
/// Degraded when it could not load. Degraded counts as ready (ASP.NET Core answers 200 for it): the bot answers
/// every command and ranks answers to questions by words alone, and neither a restart nor taking the instance out of
/// rotation brings a missing or broken model back; it would only turn a less clever bot into no bot. The reason is
/// in /readyz's body and in one warning line of the log.
/// </summary>
public sealed class SentenceModelReadiness : IHealthCheck
{
    /// <summary>The check's name on /readyz.</summary>
    public const string Name = "sentence-model";

    public const string LoadingDescription = "loading the sentence model";

    // Null while loading; set once, from the warm-up's thread (boxed: a volatile field can't hold the struct).
    private volatile StrongBox<HealthCheckResult>? _result;

    /// <param name="engine">The engine the service answers with; only <see cref="AnswerEngine"/> has a model to load.</param>
    public SentenceModelReadiness(IAnswerEngine engine)
    {
        if (engine is not AnswerEngine)
        {
            Set(HealthCheckResult.Healthy("no sentence model to load"));
        }
    }

    /// <summary>Whether warm-up has finished, whatever its outcome.</summary>
    public bool Settled => _result is not null;

    internal void Loaded(TimeSpan took) =>
        Set(HealthCheckResult.Healthy(string.Create(CultureInfo.InvariantCulture, $"sentence model loaded in {took.TotalMilliseconds:F0} ms")));

    internal void SwitchedOff() =>
        Set(HealthCheckResult.Healthy($"sentence model off ({ContentSettings.ModelPathKey}={ContentSettings.NoModel}): answers ranked by words"));

    internal void WordsOnly(string problem) => Set(HealthCheckResult.Degraded("answering by words only: " + problem));

    internal void Failed(string error) => Set(HealthCheckResult.Degraded("the sentence model failed to load; commands answer, questions may not: " + error));

    private void Set(HealthCheckResult result) => _result = new StrongBox<HealthCheckResult>(result);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_result?.Value ?? HealthCheckResult.Unhealthy(LoadingDescription));
}

/// <summary>
/// Loads the sentence model once the service has started, off the start-up path: slash commands never need it and
/// are answered from the first second; /readyz turns ready when it is loaded (<see cref="SentenceModelReadiness"/>).
/// A question asked before then is answered once the model is in (the engine loads it once, whoever asks first).
/// </summary>
/// <param name="modelSwitchedOff">The settings turned the model off (<c>Content:ModelPath=none</c>): nothing to load, nothing to warn about.</param>
public sealed partial class SentenceModelWarmUp(IAnswerEngine engine, SentenceModelReadiness readiness, bool modelSwitchedOff, ILogger<SentenceModelWarmUp> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (engine is not AnswerEngine answers)
        {
            return;
        }

        if (modelSwitchedOff)
        {
            LogSwitchedOff(logger, ContentSettings.ModelPathKey, ContentSettings.NoModel);
            readiness.SwitchedOff();
            return;
        }

        var clock = Stopwatch.StartNew();
        bool loaded;
        try
        {
            // The load itself cannot be cancelled; a stop in the meantime stops waiting for it.
            loaded = await Task.Run(answers.WarmUp, CancellationToken.None).WaitAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            // Not one of the failures the engine falls back from (a missing native library, say). Commands still
            // answer, so the service stays ready, but the engine keeps this error for every free-text question.
            // "The type initializer for ... threw" says nothing; the innermost error's first line says what is missing.
            var error = ex.GetBaseException().Message.Split('\n', 2)[0].Trim();
            LogWarmUpFailed(logger, error, ex);
            readiness.Failed(error);
            return;
        }

        if (loaded)
        {
            LogLoaded(logger, (long)clock.Elapsed.TotalMilliseconds);
            readiness.Loaded(clock.Elapsed);
        }
        else
        {
            var problem = answers.SemanticProblem ?? "the sentence model did not load";
            LogWordsOnly(logger, problem);
            readiness.WordsOnly(problem);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Sentence model loaded in {Milliseconds} ms: answers ranked by meaning and words")]
    private static partial void LogLoaded(ILogger logger, long milliseconds);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Sentence model not loaded, answering by words only: {Problem}")]
    private static partial void LogWordsOnly(ILogger logger, string problem);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Sentence model off ({Key}={Value}): answers ranked by words")]
    private static partial void LogSwitchedOff(ILogger logger, string key, string value);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "Sentence model failed to load; commands answer, questions may not: {Error}")]
    private static partial void LogWarmUpFailed(ILogger logger, string error, Exception exception);
}
