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
    IReadOnlyList<GapEntry>? Gaps,
    VocabularyEntry? Vocabulary = null);

/// <summary>The article's own terms, merged over english.json: topic synonyms ("jewish": antisemitism) and phrases.</summary>
public sealed record VocabularyEntry(IReadOnlyDictionary<string, IReadOnlyList<string>>? Concepts, IReadOnlyDictionary<string, string>? Phrases);

/// <summary>The JSON shape of responses/english.json: general English, nothing about any article.</summary>
public sealed record EnglishDocument(
    int Schema,
    string? About,
    IReadOnlyList<string>? StopWords,
    IReadOnlyList<string>? Fillers,
    IReadOnlyList<string>? TagPhrases,
    IReadOnlyList<string>? QuestionWords,
    IReadOnlyList<string>? Auxiliaries,
    IReadOnlyList<string>? Imperatives,
    IReadOnlyList<string>? PremiseOpeners,
    IReadOnlyList<string>? OverrideWords,
    IReadOnlyList<string>? FormatRequests,
    IReadOnlyList<string>? Attitudes,
    IReadOnlyList<string>? FutureWords,
    IReadOnlyList<string>? MembershipPhrases,
    IReadOnlyList<string>? ConfirmationWords,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? ArgumentWords,
    IReadOnlyList<string>? LeadIns,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? Concepts,
    IReadOnlyDictionary<string, string>? Phrases,
    IReadOnlyDictionary<string, string>? Spellings = null,
    IReadOnlyList<string>? OpinionAsks = null,
    IReadOnlyList<string>? OutcomeAsks = null,
    IReadOnlyList<IReadOnlyList<string>>? Contrasts = null,
    IReadOnlyList<string>? ChatRequests = null,
    IReadOnlyList<string>? Negations = null,
    IReadOnlyList<string>? LaterAsks = null,
    IReadOnlyList<string>? Superlatives = null,
    IReadOnlyList<string>? SignOffs = null,
    IReadOnlyList<string>? EmbeddedAsks = null,
    IReadOnlyDictionary<string, int>? Ordinals = null,
    IReadOnlyList<string>? AnswerNouns = null,
    IReadOnlyList<string>? Recaps = null);

public sealed record EntityEntry(
    string? Id, string? Name, string? Kind, IReadOnlyList<string>? Aliases, string? Role, string? Evidence, int Sentence,
    IReadOnlyList<string>? Questions = null, string? Pronoun = null);

public sealed record DepartureEntry(
    string? Title, string? Group, IReadOnlyList<string>? Members, IReadOnlyList<string>? About, string? Text, string? Context,
    IReadOnlyList<string>? Keywords, string? Evidence, int Sentence, IReadOnlyList<string>? Questions = null);

/// <param name="Also">Further sentences the line rests on: a summary line cites every sentence it draws from.</param>
public sealed record EvidencedLine(string? Text, string? Evidence, int Sentence, IReadOnlyList<EvidenceEntry>? Also = null);

public sealed record EvidenceEntry(string? Evidence, int Sentence);

public sealed record FactEntry(
    string? Id, string? Title, string? Text, string? Evidence, int Sentence,
    IReadOnlyList<string>? About, IReadOnlyList<string>? Keywords, IReadOnlyList<string>? Answers, IReadOnlyList<string>? Questions = null);

/// <param name="Answers">Kinds of question the reaction answers beyond what was said and why: "where" when the article says where.</param>
public sealed record ReactionEntry(
    IReadOnlyList<string>? By, string? Title, string? Text, string? Evidence, int Sentence, IReadOnlyList<string>? Keywords,
    IReadOnlyList<string>? Questions = null, IReadOnlyList<string>? Answers = null);

/// <summary>Something people ask that the article does not say: answered as such, never guessed.</summary>
public sealed record GapEntry(
    string? Id, string? Text, IReadOnlyList<string>? About, IReadOnlyList<string>? Keywords, IReadOnlyList<string>? Answers,
    IReadOnlyList<string>? Questions = null, string? Nearest = null);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(FactSetDocument))]
[JsonSerializable(typeof(EnglishDocument))]
internal sealed partial class FactSetJsonContext : JsonSerializerContext;
