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

    /// <summary>The fact set folder; relative paths are taken from the binary's folder, where the build copies responses/.</summary>
    public static string ResponsesPath(IConfiguration configuration)
    {
        var configured = configuration[ResponsesPathKey];
        var path = string.IsNullOrWhiteSpace(configured) ? "responses" : configured;
        return Path.IsPathRooted(path) ? path : Path.Combine(AppContext.BaseDirectory, path);
    }
}
