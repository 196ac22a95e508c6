using Bot.Engine.Answers;

namespace Bot.Engine.Content;

// The validated fact set: every reference resolved, every quote found in the article.

public sealed record Entity(string Id, string Name, string Kind, IReadOnlyList<string> Aliases, string Role, SourceRef Source)
{
    public bool IsPerson => Kind == "person";
}

public sealed record Departure(
    string Title, Entity Group, IReadOnlyList<Entity> Members, IReadOnlyList<Entity> About, string Text, string Context,
    IReadOnlyList<string> Keywords, SourceRef Source);

public sealed record SummaryLine(string Text, SourceRef Source);

public sealed record Fact(
    string Id, string Title, string Text, SourceRef Source,
    IReadOnlyList<Entity> About, IReadOnlyList<string> Keywords, IReadOnlyList<string> Answers);

public sealed record Reaction(IReadOnlyList<Entity> By, string Title, string Text, SourceRef Source, IReadOnlyList<string> Keywords);

public sealed record Gap(string Id, string Text, IReadOnlyList<Entity> About, IReadOnlyList<string> Keywords, IReadOnlyList<string> Answers);

public sealed record FactSet(
    string Headline,
    ArticleText Article,
    IReadOnlyList<string> Examples,
    IReadOnlyList<Entity> Entities,
    Departure Departure,
    IReadOnlyList<SummaryLine> Summary,
    IReadOnlyList<Fact> Facts,
    IReadOnlyList<Reaction> Reactions,
    IReadOnlyList<Gap> Gaps)
{
    public IEnumerable<Reaction> ReactionsBy(Entity entity) => Reactions.Where(r => r.By.Contains(entity));

    /// <summary>Everyone with a reaction of their own, in the fact set's order.</summary>
    public IReadOnlyList<Entity> Reactors { get; } = [.. Reactions.Select(r => r.By[0]).Distinct()];
}
