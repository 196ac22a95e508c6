using Bot.Host;

// `ask` is the cold-start path (one process per question from scripts): keep it free of the host,
// the adapters and async machinery, so it loads as little as possible. `eval` needs no more than `ask`.
if (args is ["ask", ..])
{
    return AskCommand.RunFromCommandLine(args[1..]);
}

if (args is ["calibrate", ..])
{
    return CalibrateCommand.RunFromCommandLine(args[1..]);
}

if (args is ["eval", ..])
{
    return EvalCommand.RunFromCommandLine(args[1..]);
}

return await BotCommandLine.RunAsync(args);
