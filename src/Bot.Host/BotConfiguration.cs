using Bot.Engine;
using Microsoft.Extensions.Configuration;

namespace Bot.Host;

/// <summary>A setting that makes the service unable to start, said in plain words.</summary>
public sealed class ConfigurationException(string message) : Exception(message);

/// <summary>appsettings.json beside the binary, then environment variables, then the command line.</summary>
public static class BotConfiguration
{
    public const string ResponsesPathKey = "Content:ResponsesPath";

    public static IConfiguration Build(string[] args) =>
        new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=')).ToArray())
            .Build();

    /// <summary>
    /// The one setting `ask` needs, resolved with the same precedence as <see cref="Build"/> (command line,
    /// environment, appsettings.json) but without loading the configuration stack: that alone cost ~20 ms,
    /// a third of a cold `ask`.
    /// </summary>
    public static string ResponsesPath(string[] args)
    {
        const string flag = "--" + ResponsesPathKey + "=";
        var configured = args.LastOrDefault(a => a.StartsWith(flag, StringComparison.OrdinalIgnoreCase))?[flag.Length..];
        if (configured is null)
        {
            configured = Environment.GetEnvironmentVariable(ResponsesPathKey.Replace(":", "__", StringComparison.Ordinal));
        }

        configured ??= FromSettingsFile();
        return Resolve(configured);
    }

    private static string? FromSettingsFile()
    {
        var file = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        if (!File.Exists(file))
        {
            return null;
        }

        try
        {
            using var settings = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(file), new System.Text.Json.JsonDocumentOptions
            {
                CommentHandling = System.Text.Json.JsonCommentHandling.Skip,
                AllowTrailingCommas = true,
            });
            return settings.RootElement.TryGetProperty("Content", out var content)
                   && content.TryGetProperty("ResponsesPath", out var path)
                   && path.ValueKind == System.Text.Json.JsonValueKind.String
                ? path.GetString()
                : null;
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new ConfigurationException($"{file}: not valid JSON: {ex.Message}");
        }
    }

    /// <summary>Loads and validates the fact set the settings point at.</summary>
    public static AnswerEngine LoadEngine(IConfiguration configuration) => AnswerEngine.Load(ResponsesPath(configuration));

    /// <summary>The fact set folder; relative paths are taken from the binary's folder, where the build copies responses/.</summary>
    public static string ResponsesPath(IConfiguration configuration) => Resolve(configuration[ResponsesPathKey]);

    private static string Resolve(string? configured)
    {
        var path = string.IsNullOrWhiteSpace(configured) ? "responses" : configured;
        return Path.IsPathRooted(path) ? path : Path.Combine(AppContext.BaseDirectory, path);
    }
}
