using Bot.Engine;
using Bot.Engine.Answers;
using Bot.Engine.Commands;

namespace Bot.Host;

/// <summary>The bot in a terminal, for anyone without Slack or Discord tokens. Also works with piped input.</summary>
public static class ConsoleChat
{
    public const string Banner =
        "Console chat: try /who-left, /reaction corbyn, or just ask a question (/quit to leave). " +
        "To connect Slack or Discord, set their tokens (see README.md).";

    /// <summary>The conversation keys of console sessions start with this; each session gets its own.</summary>
    public const string ConversationPrefix = "console:";

    /// <param name="status">Where the banner goes when input is not a terminal (default stderr), so piped answers stay clean.</param>
    public static async Task<int> RunAsync(IAnswerEngine engine, TextReader input, TextWriter output, CancellationToken cancellationToken, TextWriter? status = null)
    {
        // One session is one conversation: "and Unison?" follows on from the question before it.
        var conversation = ConversationPrefix + Guid.NewGuid().ToString("N");
        var interactive = ReferenceEquals(input, Console.In) && !Console.IsInputRedirected;
        // While a person reads the banner and types, load the sentence model, so the first question doesn't wait
        // for it. Piped input (scripts, mostly commands) loads it only if a question needs it.
        var warmUp = interactive && engine is AnswerEngine answers ? Task.Run(answers.WarmUp, CancellationToken.None) : Task.FromResult(true);
        await (interactive ? output : status ?? Console.Error).WriteLineAsync(Banner);
        while (!cancellationToken.IsCancellationRequested)
        {
            if (interactive)
            {
                await output.WriteAsync("> ");
            }

            string? line;
            try
            {
                // Console.In reads synchronously whatever the token says: read on a pool thread and stop waiting on
                // Ctrl-C, so it leaves at once instead of at the next Enter.
                line = await Task.Run(input.ReadLine, CancellationToken.None).WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                if (interactive)
                {
                    await output.WriteLineAsync();
                }

                break;
            }

            if (line is null || line.Trim() is "/quit" or "/exit")
            {
                break;
            }

            if (line.Trim().Length == 0 && !interactive)
            {
                continue;
            }

            await output.WriteLineAsync(ConsoleRenderer.Render(engine.Answer(BotRequest.Parse(line, conversation))));
            await output.WriteLineAsync();
        }

        // Never leave while the native model load is half done.
        await ((Task)warmUp).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return 0;
    }
}
