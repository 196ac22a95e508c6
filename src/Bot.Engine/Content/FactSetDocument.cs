using System.Text.Json.Serialization;

namespace Bot.Engine.Content;

// The JSON shape of responses/facts.json. Loaded once, validated by FactSetLoader, then only read.

public sealed record FactSetDocument(
    int Schema,
    string? Article,
    string? Headline,
    IReadOnlyList<string>? Examples,
    IReadOnlyList<EntityEntry>? Entities,
    DepartureEntry? Departure,
    IReadOnlyList<EvidencedLine>? Summary,
    IReadOnlyList<FactEntry>? Facts,
    IReadOnlyList<ReactionEntry>? Reactions,
    IReadOnlyList<GapEntry>? Gaps);

public sealed record EntityEntry(
    string? Id, string? Name, string? Kind, IReadOnlyList<string>? Aliases, string? Role, string? Evidence, int Sentence);

public sealed record DepartureEntry(
    string? Title, string? Group, IReadOnlyList<string>? Members, IReadOnlyList<string>? About, string? Text, string? Context,
    IReadOnlyList<string>? Keywords, string? Evidence, int Sentence);

public sealed record EvidencedLine(string? Text, string? Evidence, int Sentence);

public sealed record FactEntry(
    string? Id, string? Title, string? Text, string? Evidence, int Sentence,
    IReadOnlyList<string>? About, IReadOnlyList<string>? Keywords, IReadOnlyList<string>? Answers);

public sealed record ReactionEntry(
    IReadOnlyList<string>? By, string? Title, string? Text, string? Evidence, int Sentence, IReadOnlyList<string>? Keywords);

/// <summary>Something people ask that the article does not say: answered as such, never guessed.</summary>
public sealed record GapEntry(string? Id, string? Text, IReadOnlyList<string>? About, IReadOnlyList<string>? Keywords, IReadOnlyList<string>? Answers);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(FactSetDocument))]
internal sealed partial class FactSetJsonContext : JsonSerializerContext;
