using Bot.Engine;
using Bot.Engine.Semantic;

namespace Bot.Host.Tests;

/// <summary>Content:ResponsesPath, Content:ModelPath and Content:CachePath: defaults, `none`, relative paths, mistakes.</summary>
public class ContentSettingsTests
{
    private static ContentSettings Load(params (string Key, string? Value)[] values) =>
        ContentSettings.Load(key => values.FirstOrDefault(v => v.Key == key).Value);

    [Fact]
    public void Unset_or_blank_settings_mean_the_shipped_model_and_the_per_user_cache()
    {
        foreach (var settings in new[] { Load(), Load((ContentSettings.ModelPathKey, " "), (ContentSettings.CachePathKey, "")) })
        {
            Assert.Equal(Path.Combine(AppContext.BaseDirectory, "responses"), settings.ResponsesPath);
            Assert.Equal(OnnxSentenceEncoder.DefaultModelDirectory, settings.ModelDirectory);
            Assert.Equal(AnswerEngine.DefaultCacheDirectory, settings.CacheDirectory);
            Assert.False(settings.ModelSwitchedOff);
        }
    }

    [Theory]
    [InlineData("none")]
    [InlineData("NONE")]
    [InlineData(" none ")]
    public void None_turns_the_model_off(string value)
    {
        var settings = Load((ContentSettings.ModelPathKey, value));
        Assert.Null(settings.ModelDirectory);
        Assert.True(settings.ModelSwitchedOff);
    }

    [Fact]
    public void Relative_paths_are_taken_from_the_binarys_folder_and_absolute_ones_kept()
    {
        var settings = Load((ContentSettings.ModelPathKey, "my-model"), (ContentSettings.CachePathKey, "/var/cache/factbot"));
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "my-model"), settings.ModelDirectory);
        Assert.Equal("/var/cache/factbot", settings.CacheDirectory);
    }

    [Fact]
    public void A_file_where_a_folder_is_wanted_is_refused_with_the_key_and_the_path()
    {
        var file = Path.GetTempFileName();
        try
        {
            var model = Assert.Throws<ConfigurationException>(() => Load((ContentSettings.ModelPathKey, file)));
            Assert.Contains("Content:ModelPath", model.Message);
            Assert.Contains(file, model.Message);
            Assert.Contains("'none'", model.Message);

            var cache = Assert.Throws<ConfigurationException>(() => Load((ContentSettings.CachePathKey, file)));
            Assert.Contains("Content:CachePath", cache.Message);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void A_missing_model_folder_is_not_a_setting_error()
    {
        var missing = Path.Combine(Path.GetTempPath(), "bot-model-" + Guid.NewGuid().ToString("N"));
        Assert.Equal(missing, Load((ContentSettings.ModelPathKey, missing)).ModelDirectory);
    }

    [Fact]
    public void The_one_shot_verbs_read_the_settings_from_the_command_line_before_appsettings_json()
    {
        var cache = Path.Combine(Path.GetTempPath(), "bot-cache-flag");
        var settings = BotConfiguration.Content(["--Content:ModelPath=none", $"--content:cachepath={cache}", "/who-left"]);
        Assert.True(settings.ModelSwitchedOff);
        Assert.Equal(cache, settings.CacheDirectory);
        // appsettings.json beside the binary says "responses"; a blank ModelPath there means the shipped model.
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "responses"), settings.ResponsesPath);
        Assert.Equal(OnnxSentenceEncoder.DefaultModelDirectory, BotConfiguration.Content([]).ModelDirectory);
    }

    [Fact]
    public async Task Ask_with_a_model_folder_that_is_empty_still_answers_a_question_by_words()
    {
        var empty = Directory.CreateTempSubdirectory("bot-no-model-");
        try
        {
            var result = await BotProcess.RunAsync("", new Dictionary<string, string> { ["Content__ModelPath"] = empty.FullName }, "ask", "who left the party?");
            Assert.Equal(0, result.ExitCode);
            Assert.Contains("Umunna", result.Stdout);
        }
        finally
        {
            empty.Delete();
        }
    }

    [Fact]
    public async Task Ask_refuses_a_model_path_that_is_a_file_with_one_line_and_exit_3()
    {
        var file = Path.GetTempFileName();
        try
        {
            var result = await BotProcess.RunAsync("", null, "ask", $"--Content:ModelPath={file}", "/who-left");
            Assert.Equal(3, result.ExitCode);
            Assert.Equal("", result.Stdout);
            Assert.StartsWith("error: Content:ModelPath must be the folder", result.Stderr);
            Assert.Single(result.Stderr.Trim().Split('\n'));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
