using System.Net;
using Bot.Engine;
using Bot.Engine.Content;
using Bot.TestSupport;
using Microsoft.Extensions.Logging;

namespace Bot.Host.Tests;

/// <summary>The service answers from its first second and loads the sentence model in the background; /readyz tells which.</summary>
public class SentenceModelWarmUpTests
{
    private static (AnswerEngine Engine, GatedEncoder Encoder) GatedEngine()
    {
        var encoder = new GatedEncoder();
        return (new AnswerEngine(FactSetLoader.Load(ServiceUnderTest.Responses), encoder: encoder.Factory), encoder);
    }

    [Fact]
    public async Task Readyz_is_503_while_the_model_loads_and_200_once_it_has()
    {
        var (engine, encoder) = GatedEngine();
        await using var service = await ServiceUnderTest.StartAsync(engine);
        try
        {
            encoder.WaitUntilLoadStarted();
            var (status, body) = await service.ReadyzAsync();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.Contains("sentence-model: Unhealthy (loading the sentence model)", body);
            Assert.Contains("slack: Healthy", body); // only the model holds readiness back
            Assert.False(engine.SemanticReady);
        }
        finally
        {
            encoder.Open();
        }

        var ready = await service.WaitForReadyzAsync(HttpStatusCode.OK);
        Assert.StartsWith("Healthy", ready);
        Assert.Contains("sentence-model: Healthy (sentence model loaded in", ready);
        Assert.True(engine.SemanticReady);
        var loaded = Assert.Single(service.Logs.Lines, l => l.Category == typeof(SentenceModelWarmUp).FullName);
        Assert.Equal(LogLevel.Information, loaded.Level);
        Assert.Matches("^Sentence model loaded in [0-9]+ ms", loaded.Message);
    }

    [Fact]
    public async Task A_signed_slash_command_is_answered_while_the_model_is_still_loading()
    {
        var (engine, encoder) = GatedEngine();
        await using var service = await ServiceUnderTest.StartAsync(engine);
        try
        {
            encoder.WaitUntilLoadStarted();

            using var response = await service.PostSlashCommandAsync("/who-left", "");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync();
            Assert.All(new[] { "Umunna", "Berger", "Gapes", "Leslie", "Coffey", "Smith", "Shuker" }, name => Assert.Contains(name, body));

            // Still loading: the answer did not wait for the model.
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await service.ReadyzAsync()).Status);
            Assert.False(engine.SemanticReady);
        }
        finally
        {
            encoder.Open();
        }

        await service.WaitForReadyzAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_missing_model_still_starts_answers_by_words_and_is_ready_with_the_reason()
    {
        var empty = Directory.CreateTempSubdirectory("bot-no-model-");
        var cache = Directory.CreateTempSubdirectory("bot-cache-");
        try
        {
            await using var service = await ServiceUnderTest.StartAsync(extra: new Dictionary<string, string?>
            {
                [ContentSettings.ModelPathKey] = empty.FullName,
                [ContentSettings.CachePathKey] = cache.FullName,
            });

            var body = await service.WaitForReadyzAsync(HttpStatusCode.OK);
            Assert.StartsWith("Degraded", body);
            Assert.Contains("sentence-model: Degraded (answering by words only: ", body);
            Assert.Contains(Path.Combine(empty.FullName, "model.onnx"), body);

            using var response = await service.PostSlashCommandAsync("/ask", "who left the party?");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("Umunna", await response.Content.ReadAsStringAsync());

            var warning = Assert.Single(service.Logs.Lines, l => l.Category == typeof(SentenceModelWarmUp).FullName);
            Assert.Equal(LogLevel.Warning, warning.Level);
            Assert.StartsWith("Sentence model not loaded, answering by words only: ", warning.Message);
            Assert.Contains("model.onnx", warning.Message);
        }
        finally
        {
            empty.Delete(recursive: true);
            cache.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Model_path_none_turns_the_model_off_without_a_warning_and_is_ready_at_once()
    {
        await using var service = await ServiceUnderTest.StartAsync(extra: new Dictionary<string, string?>
        {
            [ContentSettings.ModelPathKey] = "None",
        });

        var body = await service.WaitForReadyzAsync(HttpStatusCode.OK);
        Assert.StartsWith("Healthy", body);
        Assert.Contains("sentence model off (Content:ModelPath=none)", body);
        Assert.DoesNotContain(service.Logs.Lines, l => l.Level >= LogLevel.Warning && l.Category == typeof(SentenceModelWarmUp).FullName);
    }

    [Fact]
    public async Task An_engine_without_a_model_to_load_is_ready_at_once()
    {
        await using var service = await ServiceUnderTest.StartAsync(new RecordingEngine());

        var (status, body) = await service.ReadyzAsync();
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("sentence-model: Healthy (no sentence model to load)", body);
    }
}
