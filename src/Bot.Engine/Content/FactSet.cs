using Bot.Engine.Answers;

namespace Bot.Engine.Content;

// The validated fact set: every reference resolved, every quote found in the article.

public sealed record Entity(string Id, string Name, string Kind, IReadOnlyList<string> Aliases, string Role, SourceRef Source)
{
    /// <summary>Example questions about who this is, in our own words: matched by meaning.</summary>
    public IReadOnlyList<string> Questions { get; init; } = [];

    /// <summary>How a follow-up refers to a person ("he", "she"): picks who a pronoun means when two were spoken of; null when unknown.</summary>
    public string? Pronoun { get; init; }

    public bool IsPerson => Kind == "person";
}

public sealed record Departure(
    string Title, Entity Group, IReadOnlyList<Entity> Members, IReadOnlyList<Entity> About, string Text, string Context,
    IReadOnlyList<string> Keywords, SourceRef Source, IReadOnlyList<string> Questions);

public sealed record SummaryLine(string Text, IReadOnlyList<SourceRef> Sources);

public sealed record Fact(
    string Id, string Title, string Text, SourceRef Source,
    IReadOnlyList<Entity> About, IReadOnlyList<string> Keywords, IReadOnlyList<string> Answers, IReadOnlyList<string> Questions);

/// <param name="Answers">Kinds of question it answers besides what, how, who and why ("where": the article says where it was said).</param>
public sealed record Reaction(
    IReadOnlyList<Entity> By, string Title, string Text, SourceRef Source, IReadOnlyList<string> Keywords, IReadOnlyList<string> Questions,
    IReadOnlyList<string> Answers);

/// <param name="Nearest">The id of the fact that comes closest to what was asked, offered with the honest "the article doesn't say".</param>
public sealed record Gap(
    string Id, string Text, IReadOnlyList<Entity> About, IReadOnlyList<string> Keywords, IReadOnlyList<string> Answers,
    IReadOnlyList<string> Questions, string? Nearest);

public sealed record FactSet(
    string Headline,
    ArticleText Article,
    IReadOnlyList<string> Examples,
    IReadOnlyList<Entity> Entities,
    Departure Departure,
    IReadOnlyList<SummaryLine> Summary,
    IReadOnlyList<Fact> Facts,
    IReadOnlyList<Reaction> Reactions,
    IReadOnlyList<Gap> Gaps,
    Lazy<Vocabulary> LazyVocabulary)
{
    /// <summary>
    /// The words questions are read with, english.json merged with the article's own. Built (and english.json read and
    /// checked) on first use: a slash command never reads a question, so a one-shot `ask /who-left` never pays for it.
    /// </summary>
    public Vocabulary Vocabulary => LazyVocabulary.Value;

    public IEnumerable<Reaction> ReactionsBy(Entity entity) => Reactions.Where(r => r.By.Contains(entity));

    /// <summary>Everyone with a reaction of their own, in the fact set's order.</summary>
    public IReadOnlyList<Entity> Reactors { get; } = [.. Reactions.Select(r => r.By[0]).Distinct()];
}
