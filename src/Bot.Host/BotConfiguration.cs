using System.Text.Json;
using Bot.Engine;
using Microsoft.Extensions.Configuration;

namespace Bot.Host;

/// <summary>A setting that makes the service unable to start, said in plain words.</summary>
public sealed class ConfigurationException(string message) : Exception(message);

/// <summary>appsettings.json beside the binary, then environment variables, then the command line.</summary>
public static class BotConfiguration
{
    public const string ResponsesPathKey = ContentSettings.ResponsesPathKey;

    private const string SettingsFile = "appsettings.json";

    public static IConfiguration Build(string[] args) =>
        new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile(SettingsFile, optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(SettingArguments(args))
            .Build();

    /// <summary>
    /// The `--Key=value` and `--Key value` settings among the arguments, each as `--Key=value`. A `--flag` followed by
    /// another `--…` or by nothing is a switch of a verb (`--jsonl`, `--explain`), not a setting.
    /// </summary>
    public static string[] SettingArguments(IReadOnlyList<string> args)
    {
        var settings = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                continue;
            }

            if (arg.Contains('='))
            {
                settings.Add(arg);
            }
            else if ((arg.Contains(':') || arg.Equals("--urls", StringComparison.OrdinalIgnoreCase)) && i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                // Only sectioned keys ("--Slack:BotToken value") and --urls: "--http https://…" belongs to its verb.
                settings.Add(arg + "=" + args[++i]);
            }
        }

        return [.. settings];
    }

    /// <summary>
    /// The `Content:` settings the one-shot verbs (`ask`, `eval`, `calibrate`) need, resolved with the same precedence
    /// as <see cref="Build"/> (command line `--Content:ModelPath=...`, environment `Content__ModelPath`, appsettings.json)
    /// but without loading the configuration stack: that alone cost ~20 ms, a third of a cold `ask`.
    /// </summary>
    public static ContentSettings Content(string[] args)
    {
        Dictionary<string, string?>? file = null;
        return ContentSettings.Load(key =>
        {
            var flag = "--" + key + "=";
            var configured = args.LastOrDefault(a => a.StartsWith(flag, StringComparison.OrdinalIgnoreCase))?[flag.Length..]
                             ?? Environment.GetEnvironmentVariable(key.Replace(":", "__", StringComparison.Ordinal));
            if (configured is not null)
            {
                return configured;
            }

            file ??= ContentSectionOfSettingsFile();
            return file.GetValueOrDefault(key);
        });
    }

    /// <summary>Loads the fact set (and, lazily, the sentence model) for a one-shot verb; see <see cref="Content(string[])"/>.</summary>
    public static AnswerEngine LoadEngine(string[] args) => Content(args).LoadEngine();

    /// <summary>Loads and validates the fact set the settings point at; the sentence model loads later, lazily.</summary>
    public static AnswerEngine LoadEngine(IConfiguration configuration) => ContentSettings.Load(configuration).LoadEngine();

    /// <summary>The fact set folder; relative paths are taken from the binary's folder, where the build copies responses/.</summary>
    public static string ResponsesPath(string[] args) => Content(args).ResponsesPath;

    /// <inheritdoc cref="ResponsesPath(string[])"/>
    public static string ResponsesPath(IConfiguration configuration) => ContentSettings.Load(configuration).ResponsesPath;

    /// <summary>The string values of the "Content" section of appsettings.json beside the binary, keyed "Content:Name" (case-insensitive, as configuration keys are).</summary>
    private static Dictionary<string, string?> ContentSectionOfSettingsFile()
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var path = Path.Combine(AppContext.BaseDirectory, SettingsFile);
        if (!File.Exists(path))
        {
            return values;
        }

        try
        {
            using var settings = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions
            {
                CommentHandling = JsonCommentHandling.Skip,
                AllowTrailingCommas = true,
            });
            if (settings.RootElement.ValueKind != JsonValueKind.Object)
            {
                return values;
            }

            foreach (var section in settings.RootElement.EnumerateObject())
            {
                if (!string.Equals(section.Name, "Content", StringComparison.OrdinalIgnoreCase) || section.Value.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                foreach (var setting in section.Value.EnumerateObject())
                {
                    if (setting.Value.ValueKind == JsonValueKind.String)
                    {
                        values["Content:" + setting.Name] = setting.Value.GetString();
                    }
                }
            }

            return values;
        }
        catch (JsonException ex)
        {
            throw new ConfigurationException($"{path}: not valid JSON: {ex.Message}");
        }
    }
}
