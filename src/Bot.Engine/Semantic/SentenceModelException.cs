namespace Bot.Engine.Semantic;

/// <summary>The sentence encoder's model directory is missing or holds something unusable. The message names the file.</summary>
public sealed class SentenceModelException(string message) : Exception(message);
