namespace Bot.Engine;

/// <summary>The fact set in responses/ is missing or wrong. The message names the file and the entry.</summary>
public sealed class FactSetException(string message) : Exception(message);
