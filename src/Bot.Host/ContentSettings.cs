using Bot.Engine;
using Bot.Engine.Conversation;
using Bot.Engine.Semantic;
using Microsoft.Extensions.Configuration;

namespace Bot.Host;

/// <summary>
/// The `Content:` settings: where the fact set, the sentence model and the cache of example vectors are.
/// Relative paths are taken from the binary's folder, like <c>Content:ResponsesPath</c> always was.
/// </summary>
/// <param name="ResponsesPath">The fact set folder (responses/).</param>
/// <param name="ModelDirectory">The folder holding the sentence model; null when <c>Content:ModelPath</c> is <c>none</c>.</param>
/// <param name="CacheDirectory">Where the engine keeps example vectors between runs.</param>
public sealed record ContentSettings(string ResponsesPath, string? ModelDirectory, string CacheDirectory)
{
    public const string ResponsesPathKey = "Content:ResponsesPath";
    public const string ModelPathKey = "Content:ModelPath";
    public const string CachePathKey = "Content:CachePath";

    /// <summary>The <c>Content:ModelPath</c> value that turns meaning-based matching off: words alone rank answers.</summary>
    public const string NoModel = "none";

    /// <summary>Whether the settings turn the sentence model off (as opposed to a model that fails to load).</summary>
    public bool ModelSwitchedOff => ModelDirectory is null;

    /// <summary>The model the build copies next to the binary. <see cref="OnnxSentenceEncoder.DefaultModelDirectory"/>, built from
    /// the constant so that reading settings does not load the encoder's type (and ONNX Runtime's assembly) on the cold `ask` path.</summary>
    public static string DefaultModelDirectory => Path.Combine(AppContext.BaseDirectory, OnnxSentenceEncoder.DefaultModelFolder);

    public static ContentSettings Load(IConfiguration configuration) => Load(key => configuration[key]);

    /// <summary>Reads and checks the three settings; <paramref name="setting"/> gives a key's raw value (null: not set).</summary>
    /// <exception cref="ConfigurationException">A value can never work (a file where a folder is wanted, an invalid path).</exception>
    public static ContentSettings Load(Func<string, string?> setting)
    {
        var responses = Resolve(ResponsesPathKey, setting(ResponsesPathKey)) ?? Resolve(ResponsesPathKey, "responses")!;

        var modelSetting = setting(ModelPathKey)?.Trim();
        var model = string.Equals(modelSetting, NoModel, StringComparison.OrdinalIgnoreCase)
            ? null
            : Resolve(ModelPathKey, modelSetting) ?? DefaultModelDirectory;
        // A missing folder is not an error here: the bot starts, says why on /readyz and answers by words.
        if (model is not null && File.Exists(model))
        {
            throw new ConfigurationException(
                $"{ModelPathKey} must be the folder holding {OnnxSentenceEncoder.ModelFile} and {OnnxSentenceEncoder.VocabularyFile} (or '{NoModel}'), not a file: {model}");
        }

        var cache = Resolve(CachePathKey, setting(CachePathKey)) ?? AnswerEngine.DefaultCacheDirectory;
        if (File.Exists(cache))
        {
            throw new ConfigurationException($"{CachePathKey} must be a folder (the cache of example vectors is kept in it), not a file: {cache}");
        }

        return new ContentSettings(responses, model, cache);
    }

    /// <summary>Loads and validates the fact set; the sentence model is loaded later (<see cref="AnswerEngine.WarmUp"/> or the first question).</summary>
    /// <param name="memory">Where conversations are kept; this process's memory when null.</param>
    public AnswerEngine LoadEngine(IConversationMemory? memory = null) => LoadEngineForCommands(memory).ReadyForQuestions();

    /// <summary>The fact set alone, validated; english.json is read only if a question comes (`ask "/who-left"` asks none).</summary>
    public AnswerEngine LoadEngineForCommands(IConversationMemory? memory = null) => AnswerEngine.Load(ResponsesPath, ModelDirectory, CacheDirectory, memory);

    /// <summary>Null for a blank value; otherwise the full path, relative ones from the binary's folder.</summary>
    private static string? Resolve(string key, string? configured)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            return null;
        }

        try
        {
            return Path.GetFullPath(configured.Trim(), AppContext.BaseDirectory);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new ConfigurationException($"{key} is not a valid path: {ex.Message}");
        }
    }
}
