using System.Globalization;
using Bot.Engine.Commands;
using Bot.Engine.Content;
using Bot.Engine.Understanding;

namespace Bot.Engine.Answers;

/// <summary>Turns what the engine found into answers. The wording of "not in the article" lives here; the facts do not.</summary>
public sealed class AnswerComposer(FactSet facts)
{
    private static readonly string[] CountWords = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

    // What a person would type after /reaction, worked out once per entity.
    private readonly Dictionary<Entity, string> _reactionKeys = facts.Entities.ToDictionary(e => e, KeyFor);

    private Departure Left => facts.Departure;

    private string CountOfLeavers => Left.Members.Count < CountWords.Length ? CountWords[Left.Members.Count] : Left.Members.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);

    // Answers that depend on nothing but the fact set: composed on first use, then the same instance for everyone.
    private Answer? _whoLeft;
    private Answer? _reactionList;
    private Answer? _summary;
    private Answer? _help;
    private Answer? _askUsage;

    public Answer WhoLeft() => _whoLeft ??= new(
        AnswerKind.Fact,
        Left.Title,
        [AnswerBlock.Paragraph(Left.Text), AnswerBlock.Bullets(Left.Members.Select(m => m.Name)), AnswerBlock.Paragraph(Left.Context)],
        Sources(Left.Source, Left.Members[0].Source),
        ["/reaction " + FirstReactorKey(), "/summary"]);

    /// <summary>"Which of them have first names starting with C?": those of the leavers whose name starts so, or none.</summary>
    /// <param name="surname">Surnames, first names, or (null) either.</param>
    public Answer ByInitial(char letter, bool? surname)
    {
        var part = surname switch { true => "surname", false => "first name", null => "name" };
        bool Starts(string word) => char.ToLowerInvariant(word[0]) == letter;
        var matching = Left.Members.Where(m => Words.SplitKeepingCase(m.Name) is { Length: > 0 } name
            && ((surname != true && Starts(name[0])) || (surname != false && Starts(name[^1])))).Select(m => m.Name).ToList();
        var upper = char.ToUpperInvariant(letter);
        return new Answer(
            AnswerKind.Fact,
            matching.Count == 0 ? $"None with a {part} starting with {upper}" : $"{part[..1].ToUpperInvariant()}{part[1..]}s starting with {upper}",
            [
                matching.Count == 0
                    ? AnswerBlock.Paragraph($"None of the {CountOfLeavers} MPs who left has a {part} starting with {upper}.")
                    : AnswerBlock.Paragraph($"Of the {CountOfLeavers} MPs who left, {matching.Count} {(matching.Count == 1 ? "has" : "have")} a {part} starting with {upper}:"),
                .. matching.Count == 0 ? [] : new[] { AnswerBlock.Bullets(matching) },
                AnswerBlock.Paragraph($"All {CountOfLeavers}: {NameList(Left.Members)}."),
            ],
            Sources(Left.Members[0].Source),
            ["/who-left"]);
    }

    /// <summary>"Which Tories defected?", "why did the Lib Dem MPs quit?": no one from that party is reported leaving.</summary>
    public Answer NoneLeftFrom(Entity party) => new(
        AnswerKind.Fact,
        $"No one from {party.Name} is reported leaving",
        [
            AnswerBlock.Paragraph($"The article doesn't report anyone from {party.Name} leaving; it names {party.Name} as {party.Role}."),
            AnswerBlock.Paragraph(Left.Text, $"The {CountOfLeavers} who left: {NameList(Left.Members)}."),
        ],
        Sources(party.Source, Left.Source),
        ["/who-left", "/summary"]);

    /// <summary>"Why did the 7 Tory MPs quit?": the answer about those who did leave, after a line that puts the party right.</summary>
    public Answer NoneLeftFrom(Entity party, Answer meant) => meant with
    {
        Body =
        [
            AnswerBlock.Paragraph($"The article doesn't report anyone from {party.Name} leaving; it reports {CountOfLeavers} MPs leaving {NameList(Left.About)}."),
            .. meant.Body,
        ],
        Sources = [.. meant.Sources.Append(Left.Source).DistinctBy(s => s.Sentence).OrderBy(s => s.Sentence)],
    };

    /// <param name="stillIn">The party they left, when the question asked whether the entity is still in it ("is Berger still Labour?").</param>
    public Answer Membership(Entity entity, Entity? stillIn = null)
    {
        if (Left.Members.Contains(entity))
        {
            // To "is Berger still Labour?" a "yes" would answer "was she one of them", not the question asked.
            var (title, lead) = stillIn is null ? ($"Yes: {entity.Name} was one of them", "Yes,") : ($"No: {entity.Name} left {stillIn.Name}", "No.");
            return new Answer(
                AnswerKind.Fact,
                title,
                [AnswerBlock.Paragraph($"{lead} {entity.Name} is {entity.Role}.", Left.Text)],
                Sources(entity.Source, Left.Source),
                ["/who-left", "/reaction " + ReactionKey(entity)]);
        }

        if (entity == Left.Group)
        {
            return WhoLeft();
        }

        // What they did instead is the most useful part of a "no" ("they will stick with the party"). To "is Khan still in
        // Labour?" a "No: ... did not leave" would read as a no to the question asked.
        var reactions = facts.ReactionsBy(entity).ToList();
        List<AnswerBlock> body =
        [
            AnswerBlock.Paragraph(stillIn is null
                ? $"No. The article names {entity.Name} as {entity.Role}; it doesn't list them among those who left."
                : $"The article names {entity.Name} as {entity.Role}; it doesn't list them among those who left {stillIn.Name}."),
            .. reactions.Select(r => AnswerBlock.Paragraph(r.Text)),
        ];
        if (stillIn is null)
        {
            // ("any tories?": who did leave, and from where, is the rest of the answer.)
            body.Add(AnswerBlock.Paragraph(Left.Text, $"The {CountOfLeavers} who left: {NameList(Left.Members)}."));
        }

        return new Answer(
            AnswerKind.Fact,
            stillIn is null ? $"No: {entity.Name} did not leave" : $"{entity.Name} is not among those who left",
            body,
            Sources([entity.Source, Left.Source, .. reactions.Select(r => r.Source)]),
            ["/who-left", "/reaction " + ReactionKey(entity)]);
    }

    public Answer NotAMember(IEnumerable<string> nameWords)
    {
        var name = Words.ForEcho(nameWords);
        return new Answer(
            AnswerKind.NotFound,
            $"No: {name} isn't one of them",
            [
                AnswerBlock.Paragraph($"No. The article doesn't name {name} among those who left."),
                AnswerBlock.Paragraph($"The {CountOfLeavers} it names: {NameList(Left.Members)}."),
            ],
            Sources(Left.Members[0].Source),
            ["/who-left"]);
    }

    /// <param name="unmatched">Words of the question the article never uses, said back so the answer doesn't pretend to cover them.</param>
    public Answer Reaction(Entity entity, IReadOnlyList<string>? unmatched = null)
    {
        var own = facts.ReactionsBy(entity).ToList();
        if (own.Count > 0)
        {
            var lead = unmatched is null ? null : $"The article doesn't mention {Words.ForEcho(unmatched)}. Here is the reaction it reports from {entity.Name}:";
            return ReactionAnswer(own, lead);
        }

        var group = facts.ReactionsBy(Left.Group).ToList();
        if (Left.Members.Contains(entity) && group.Count > 0)
        {
            return ReactionAnswer(group, lead: $"The article doesn't report {entity.Name} speaking alone; it reports what the {CountOfLeavers} said together:");
        }

        return new Answer(
            AnswerKind.NotFound,
            $"No reaction from {entity.Name} in the article",
            [
                AnswerBlock.Paragraph($"The article doesn't report a reaction from {entity.Name}; it mentions them as {entity.Role}."),
                AnswerBlock.Paragraph($"It reports reactions from {NameList(facts.Reactors)}."),
            ],
            Sources(entity.Source),
            ReactionSuggestions());
    }

    /// <summary>"Why did Khan say Labour needs a long hard look?": those words are Unison's. Say whose they are, then what the person asked about did say.</summary>
    public Answer Misattributed(Entity asked, Reaction actual)
    {
        var speaker = actual.By[0];
        var own = facts.ReactionsBy(asked).ToList();
        var blocks = new List<AnswerBlock>
        {
            AnswerBlock.Paragraph($"The article reports that from {speaker.Name}, not {asked.Name}:"),
            AnswerBlock.Paragraph(actual.Text),
            AnswerBlock.Quote(actual.Source.Quote),
        };
        foreach (var reaction in own)
        {
            blocks.Add(AnswerBlock.Paragraph($"What it reports from {asked.Name}: {reaction.Text}"));
        }

        return new Answer(
            AnswerKind.Fact,
            $"That was {speaker.Name}, not {asked.Name}",
            blocks,
            Sources([actual.Source, .. own.Select(r => r.Source)]),
            [$"/reaction {ReactionKey(speaker)}", .. own.Count > 0 ? [$"/reaction {ReactionKey(asked)}"] : Array.Empty<string>()]);
    }

    /// <summary>"Why did the rebels defend the IRA?": the article says that of Corbyn. Say of whom, then the fact itself.</summary>
    public Answer SaidOfSomeoneElse(Entity asked, Entity actual, Fact fact) => new(
        AnswerKind.Fact,
        $"The article says that of {actual.Name}, not {NameOf(asked)}",
        [AnswerBlock.Paragraph($"The article says that of {actual.Name}, not {NameOf(asked)}:"), AnswerBlock.Paragraph(fact.Text), AnswerBlock.Quote(fact.Source.Quote)],
        Sources(fact.Source),
        ["/summary"]);

    /// <summary>"What did Corbyn accuse them of?": the article reports it done to him, by them.</summary>
    public Answer OtherWayRound(Entity asked, Entity doer, Fact fact) => new(
        AnswerKind.Fact,
        "The other way round",
        [AnswerBlock.Paragraph($"In the article, {NameOf(doer)} did that to {NameOf(asked)}, not the reverse:"), AnswerBlock.Paragraph(fact.Text), AnswerBlock.Quote(fact.Source.Quote)],
        Sources(fact.Source),
        ["/summary"]);

    /// <summary>"What's Umunna's view on NATO?": the article gives no view of theirs on it; what it says there is of someone else.</summary>
    public Answer ViewNotGiven(Entity asked, Entity actual, Fact fact) => new(
        AnswerKind.NotFound,
        NotInArticleTitle,
        [
            AnswerBlock.Paragraph($"The article doesn't give {NameOf(asked)}'s view on that. What it says on it is about {actual.Name} ({fact.Title}):"),
            AnswerBlock.Paragraph(fact.Text),
        ],
        Sources(fact.Source),
        ["/summary"]);

    private string NameOf(Entity entity) => entity == Left.Group ? $"the {CountOfLeavers} MPs" : entity.Name;

    public Answer NoReactionFrom(IEnumerable<string> nameWords) => new(
        AnswerKind.NotFound,
        "Not reported in the article",
        [
            AnswerBlock.Paragraph($"The article doesn't report a reaction from {Words.ForEcho(nameWords)}."),
            AnswerBlock.Paragraph($"It reports reactions from {NameList(facts.Reactors)}."),
        ],
        [],
        ReactionSuggestions());

    public Answer ReactionList() => _reactionList ??= new(
        AnswerKind.Help,
        "Whose reactions the article reports",
        [AnswerBlock.Bullets(facts.Reactors.Select(e => $"{e.Name}: {e.Role}"))],
        [],
        ReactionSuggestions());

    public Answer Summary() => _summary ??= new(
        AnswerKind.Fact,
        "Summary",
        [AnswerBlock.Bullets(facts.Summary.Select(l => l.Text))],
        Sources([.. facts.Summary.SelectMany(l => l.Sources)]),
        ["/who-left", "/reaction " + FirstReactorKey()]);

    /// <param name="locale">A Discord locale ("de", "fr"): the help in that language when the catalog has it, else English.</param>
    /// <summary>The commands and how to ask; in the asker's language when the catalog has it (English is kept once made).</summary>
    public Answer Help(string? locale = null) =>
        CommandCatalog.TranslationFor(locale) is null ? _help ??= ComposeHelp(null) : ComposeHelp(locale);

    private Answer ComposeHelp(string? locale)
    {
        var lines = CommandCatalog.All.Select(c => $"/{c.Name}{(c.Options.Count == 0 ? "" : " " + c.UsageHint)}: {CommandCatalog.Describe(c, locale)}");
        var examples = string.Join(", ", facts.Examples.Take(3).Select(e => $"\"{e}\""));
        if (CommandCatalog.TranslationFor(locale) is { } translation)
        {
            return new Answer(
                AnswerKind.Help,
                translation.HelpTitle,
                [
                    AnswerBlock.Paragraph(string.Format(CultureInfo.InvariantCulture, translation.HelpIntro, facts.Headline)),
                    AnswerBlock.Bullets(lines),
                    AnswerBlock.Paragraph(facts.Examples.Count > 0 ? string.Format(CultureInfo.InvariantCulture, translation.HelpMention, examples) : translation.HelpMentionPlain),
                    AnswerBlock.Paragraph(string.Format(CultureInfo.InvariantCulture, translation.HelpMessageAction, translation.MessageActionName)),
                ],
                [],
                []);
        }

        return new Answer(
            AnswerKind.Help,
            "What I can do",
            [
                AnswerBlock.Paragraph($"I answer questions about one article: {facts.Headline}."),
                AnswerBlock.Bullets(lines),
                AnswerBlock.Paragraph("Or mention me with a question" + (facts.Examples.Count > 0 ? ", e.g. " + examples : "") + "."),
                AnswerBlock.Paragraph($"About someone's message: choose \"{CommandCatalog.AskAboutMessage.Name}\" in its menu (Apps)."),
            ],
            [],
            []);
    }

    /// <summary>The Source button: each sentence the answer rests on, whole, as the article has it.</summary>
    public Answer Passages(IReadOnlyList<int> sentences)
    {
        var article = facts.Article.Sentences;
        var quoted = sentences.Where(n => n >= 1 && n <= article.Count).Distinct().Order().Take(10).ToList();
        if (quoted.Count == 0)
        {
            return new Answer(AnswerKind.NotFound, "No source to show", [AnswerBlock.Paragraph("That answer cites no sentence of the article.")], [], [], AnswerVisibility.Private);
        }

        return new Answer(
            AnswerKind.Fact,
            quoted.Count == 1 ? "From the article" : $"From the article ({quoted.Count} sentences)",
            [.. quoted.Select(n => AnswerBlock.Quote(article[n - 1]))],
            [.. quoted.Select(n => new SourceRef(n, article[n - 1]))],
            [],
            AnswerVisibility.Private);
    }

    public Answer AskUsage() => _askUsage ??= new(
        AnswerKind.Help,
        "Ask me a question about the article",
        [AnswerBlock.Paragraph("Usage: /ask <question>" + (facts.Examples.Count > 0 ? $", e.g. /ask {facts.Examples[0]}" : ""))],
        [],
        ["/summary", "help"],
        AnswerVisibility.Private);

    /// <summary>An answer to a guessed command's words, saying once that the command itself doesn't exist.</summary>
    public Answer AsQuestion(string command, Answer answer)
    {
        var safe = SafeCommand(command);
        var note = safe.Length > 0 ? $"(/{safe} isn't one of my commands, so I read it as a question. /help lists them.)" : "(I read that as a question. /help lists my commands.)";
        return answer with { Body = [.. answer.Body, AnswerBlock.Paragraph(note)] };
    }

    private static string SafeCommand(string command) => new(command.Where(c => char.IsAsciiLetterOrDigit(c) || c == '-').Take(32).ToArray());

    public Answer UnknownCommand(string command)
    {
        var safe = SafeCommand(command);
        return new Answer(
            AnswerKind.Help,
            safe.Length > 0 ? $"I don't know /{safe}" : "I don't know that command",
            [AnswerBlock.Paragraph("Commands: " + string.Join(", ", CommandCatalog.All.Select(c => c.Usage)) + ".")],
            [],
            ["help"],
            AnswerVisibility.Private);
    }

    private const string NotCoveredTitle = "The article doesn't say";

    /// <summary>The title of answers that name what the article leaves out ("it gives no name for the group"): a finding, unlike <see cref="NotCoveredTitle"/>.</summary>
    public const string NotInArticleTitle = "Not in the article";

    public Answer NotCovered() => new(
        AnswerKind.NotFound,
        NotCoveredTitle,
        [AnswerBlock.Paragraph($"I only know one article ({facts.Headline}), and it doesn't cover that.")],
        [],
        ["/who-left", "/reaction " + FirstReactorKey(), "/summary", "help"]);

    /// <summary>"Were they right to leave?", "your honest opinion?": the bot reports the article; it has no verdict of its own.</summary>
    public Answer NoOpinion() => new(
        AnswerKind.NotFound,
        NotInArticleTitle,
        [AnswerBlock.Paragraph("I don't give opinions of my own, and the article doesn't judge it either: it reports what happened and what people said.")],
        [],
        ["/summary", "/reaction " + FirstReactorKey()]);

    /// <summary>"The article doesn't say when", then the nearest thing it does report, labelled as such.</summary>
    public Answer NotSaid(string what, Candidate nearest)
    {
        var closest = From(nearest);
        return new Answer(
            AnswerKind.NotFound,
            NotInArticleTitle,
            [AnswerBlock.Paragraph($"The article doesn't say {what}. The closest it reports ({closest.Title}):"), .. closest.Body],
            closest.Sources,
            ["/summary", "/who-left"]);
    }

    /// <summary>"elected on a right-wing platform?": the article's word put first, then what it reports.</summary>
    public Answer Contradicted(string said, string actual, Candidate candidate)
    {
        var answer = From(candidate);
        var correction = AnswerBlock.Paragraph($"Not quite: the article says \u201c{actual}\u201d, not \u201c{said}\u201d.");
        return answer with { Body = [correction, .. answer.Body] };
    }

    /// <summary>"Since eight MPs left...": the article's count, and who they were.</summary>
    public Answer CountCorrection(int stated) => new(
        AnswerKind.Fact,
        $"The article says {CountOfLeavers} left, not {(stated < CountWords.Length ? CountWords[stated] : stated.ToString(System.Globalization.CultureInfo.InvariantCulture))}",
        [AnswerBlock.Paragraph(Left.Text), AnswerBlock.Paragraph($"The {CountOfLeavers}: {NameList(Left.Members)}.")],
        Sources(Left.Source, Left.Members[0].Source),
        ["/who-left"]);

    public int LeaverCount => Left.Members.Count;

    /// <summary>
    /// Several answers to one message, in one reply: each part under its own title with its own source, the
    /// same answer never twice, and a word on questions left unanswered beyond the limit.
    /// </summary>
    public Answer Combine(IReadOnlyList<Answer> parts, int dropped)
    {
        // A clause that matched nothing ("which, whatever") adds noise next to real answers; an honest "not in the article" stays.
        var useful = parts.Where(p => p.Kind != AnswerKind.Help && p.Title != NotCoveredTitle).ToList();
        var distinct = new List<Answer>();
        foreach (var part in useful.Count > 0 ? useful : parts.Take(1))
        {
            var lines = part.BodyLines.ToHashSet(StringComparer.Ordinal);
            if (distinct.Any(d => lines.IsSubsetOf(d.BodyLines)))
            {
                continue;
            }

            distinct.RemoveAll(d => d.BodyLines.All(lines.Contains));
            distinct.Add(part);
        }

        var note = dropped > 0
            ? AnswerBlock.Paragraph($"I answer up to {MessageSplitter.MaxQuestions} questions per message; ask the other {(dropped == 1 ? "one" : dropped.ToString(System.Globalization.CultureInfo.InvariantCulture))} again on its own.")
            : null;
        if (distinct.Count == 1)
        {
            return note is null ? distinct[0] : distinct[0] with { Body = [.. distinct[0].Body, note] };
        }

        var blocks = new List<AnswerBlock>();
        foreach (var part in distinct)
        {
            // The sources of all parts are cited once, under the whole answer, as for any other answer. (A part whose body
            // opens with its own title, colon and all, is headed by it already.)
            if (part.BodyLines.FirstOrDefault() != part.Title + ":")
            {
                blocks.Add(AnswerBlock.Paragraph(part.Title + ":"));
            }

            blocks.AddRange(part.Body);
        }

        if (note is not null)
        {
            blocks.Add(note);
        }

        var title = string.Join(" · ", distinct.Select(p => p.Title));
        return new Answer(
            distinct.Any(p => p.Kind == AnswerKind.Fact) ? AnswerKind.Fact : distinct[0].Kind,
            title.Length <= 100 ? title : $"Answers to your {distinct.Count} questions",
            blocks,
            Sources([.. distinct.SelectMany(p => p.Sources)]),
            [.. distinct.SelectMany(p => p.Suggestions).Distinct().Take(3)]);
    }

    public Answer InternalError() => new(
        AnswerKind.Error,
        "Sorry, something went wrong",
        [AnswerBlock.Paragraph("I couldn't answer that one.")],
        [],
        ["/who-left", "/summary", "help"],
        AnswerVisibility.Private);

    public Answer From(Candidate candidate) => candidate.Item switch
    {
        Departure => WhoLeft(),
        Fact fact => new Answer(
            AnswerKind.Fact,
            fact.Title,
            [AnswerBlock.Paragraph(fact.Text), AnswerBlock.Quote(fact.Source.Quote)],
            Sources(fact.Source),
            ["/summary"]),
        Reaction reaction => ReactionAnswer([reaction], lead: null),
        Gap gap => GapAnswer(gap),
        Entity entity => Profile(entity),
        _ => NotCovered(),
    };

    /// <summary>A fact the article reports of all who left, asked of one of them: says that it is said of them all.</summary>
    public Answer SaidOfAllOfThem(Entity member, Answer answer) => answer with
    {
        Body = [AnswerBlock.Paragraph($"{member.Name} is one of the {CountOfLeavers} who left; the article says this of all of them:"), .. answer.Body],
    };

    private Answer GapAnswer(Gap gap)
    {
        var nearest = gap.Nearest is null ? null : facts.Facts.First(f => f.Id == gap.Nearest);
        return new Answer(
            AnswerKind.NotFound,
            NotInArticleTitle,
            nearest is null
                ? [AnswerBlock.Paragraph(gap.Text)]
                : [AnswerBlock.Paragraph(gap.Text), AnswerBlock.Paragraph($"The closest it reports ({nearest.Title}): {nearest.Text}")],
            nearest is null ? [] : Sources(nearest.Source),
            ["/summary", "/who-left"]);
    }

    /// <summary>Asked how someone answered a point the article raises, when the only reaction it reports from them is to the news itself.</summary>
    public Answer ReactionNotAbout(Entity entity, Fact topic)
    {
        var reactions = facts.ReactionsBy(entity).ToList();
        return new Answer(
            AnswerKind.NotFound,
            NotInArticleTitle,
            [
                AnswerBlock.Paragraph($"The article doesn't report a response from {entity.Name} to that ({topic.Title.ToLowerInvariant()}). The reaction it does report from {entity.Name}:"),
                .. reactions.Select(r => AnswerBlock.Paragraph(r.Text)),
            ],
            Sources([.. reactions.Select(r => r.Source)]),
            ["/reaction " + ReactionKey(entity)]);
    }

    /// <summary>Asked what someone said later: the article reports one moment, and their reaction in it.</summary>
    /// <summary>Asked for more of a fact or a reaction just given: the article has no more; what it has, once more.</summary>
    public Answer AllThereIs(Candidate candidate)
    {
        var told = From(candidate);
        var lead = candidate.Item is Reaction reaction
            ? $"That is all the article reports {reaction.By[0].Name} saying:"
            : "That is all the article says about it:";
        return told with { Body = [AnswerBlock.Paragraph(lead), .. told.Body] };
    }

    public Answer NothingSaidLater(Entity entity)
    {
        var reactions = facts.ReactionsBy(entity).ToList();
        return new Answer(
            AnswerKind.NotFound,
            NotInArticleTitle,
            [
                AnswerBlock.Paragraph($"The article doesn't report anything {entity.Name} said later. The reaction it does report, at the time:"),
                .. reactions.Select(r => AnswerBlock.Paragraph(r.Text)),
            ],
            Sources([.. reactions.Select(r => r.Source)]),
            ["/reaction " + ReactionKey(entity)]);
    }

    /// <summary>"is vince cable a tory?": yes when the article has them lead that body, no when it has them lead another or leave.</summary>
    public Answer Affiliation(Entity person, Entity body, Entity? ledBody)
    {
        var (kind, title, lead) = ledBody == body
            ? (AnswerKind.Fact, $"Yes: {person.Name} leads {body.Name}", $"Yes. The article names {person.Name} as {person.Role}.")
            : ledBody is not null
                ? (AnswerKind.Fact, $"No: {person.Name} leads {ledBody.Name}", $"No. The article names {person.Name} as {person.Role}, not as a member of {body.Name}.")
                : Left.Members.Contains(person)
                    ? (AnswerKind.Fact, $"No: {person.Name} left {Left.About.FirstOrDefault(e => !e.IsPerson)?.Name ?? "their party"}",
                        $"No. {person.Name} is {person.Role}; the article doesn't report them joining {body.Name}.")
                    : (AnswerKind.NotFound, $"The article doesn't say {person.Name}'s party",
                        $"The article doesn't say whether {person.Name} belongs to {body.Name}. What it does say: {person.Name}: {person.Role}.");
        return new Answer(kind, title, [AnswerBlock.Paragraph(lead)], Sources(person.Source), ["/reaction " + ReactionKey(person), "/who-left"]);
    }

    public Answer OnlyWhatIsKnown(Entity entity, string? what = null)
    {
        var profile = Profile(entity);
        return profile with
        {
            Kind = AnswerKind.NotFound,
            Body = [AnswerBlock.Paragraph($"The article doesn't say {what ?? "that about " + entity.Name}. What it does say:"), .. profile.Body],
        };
    }

    public Answer Profile(Entity entity)
    {
        var blocks = new List<AnswerBlock> { AnswerBlock.Paragraph($"{entity.Name}: {entity.Role}.") };
        var sources = new List<SourceRef> { entity.Source };
        foreach (var reaction in facts.ReactionsBy(entity))
        {
            blocks.Add(AnswerBlock.Paragraph(reaction.Text));
            sources.Add(reaction.Source);
        }

        return new Answer(AnswerKind.Fact, entity.Name, blocks, Sources([.. sources]), ["/reaction " + ReactionKey(entity), "/who-left"]);
    }

    private Answer ReactionAnswer(IReadOnlyList<Reaction> reactions, string? lead)
    {
        var blocks = new List<AnswerBlock>();
        if (lead is not null)
        {
            blocks.Add(AnswerBlock.Paragraph(lead));
        }

        foreach (var reaction in reactions)
        {
            blocks.Add(AnswerBlock.Paragraph(reaction.Text));
            blocks.Add(AnswerBlock.Quote(reaction.Source.Quote));
        }

        var others = facts.Reactors.Where(e => !reactions.Any(r => r.By.Contains(e))).Take(3).Select(e => "/reaction " + ReactionKey(e));
        return new Answer(AnswerKind.Fact, reactions[0].Title, blocks, Sources([.. reactions.Select(r => r.Source)]), [.. others]);
    }

    private string[] ReactionSuggestions() => [.. facts.Reactors.Take(4).Select(e => "/reaction " + ReactionKey(e))];

    private string FirstReactorKey() => facts.Reactors.Select(ReactionKey).FirstOrDefault() ?? "";

    /// <summary>The surname when it is an alias, else the first one-word alias: what a person would type after /reaction.</summary>
    private string ReactionKey(Entity entity) => _reactionKeys[entity];

    private static string KeyFor(Entity entity)
    {
        var surname = Words.Split(entity.Name).LastOrDefault();
        return surname is not null && entity.Aliases.Contains(surname)
            ? surname
            : entity.Aliases.FirstOrDefault(a => !a.Contains(' ')) ?? entity.Id;
    }

    private static string NameList(IEnumerable<Entity> entities)
    {
        var names = entities.Select(e => e.Name).ToList();
        return names.Count <= 1 ? string.Concat(names) : string.Join(", ", names[..^1]) + " and " + names[^1];
    }

    private static SourceRef[] Sources(params SourceRef[] sources) =>
        [.. sources.DistinctBy(s => s.Sentence).OrderBy(s => s.Sentence)];

    /// <summary>"/who-left chuka, berger and diane abbott": one line per name, in the order given.</summary>
    public Answer Memberships(IReadOnlyList<ArgumentName> names, int omitted)
    {
        var lines = new List<string>();
        var sources = new List<SourceRef> { Left.Source };
        var yes = 0;
        foreach (var name in names)
        {
            if (name.Entity is not { } entity)
            {
                lines.Add($"{Capitalize(Words.ForEcho(name.Words))}: no, the article doesn't name them among those who left.");
                continue;
            }

            sources.Add(entity.Source);
            if (Left.Members.Contains(entity) || entity == Left.Group)
            {
                yes++;
                lines.Add(entity == Left.Group ? $"{Capitalize(entity.Name)}: yes, that is the group that left." : $"{entity.Name}: yes, {entity.Role}.");
            }
            else
            {
                lines.Add($"{Capitalize(entity.Name)}: no, named as {entity.Role}, not as one of those who left.");
            }
        }

        var first = names.FirstOrDefault(n => n.IsKnown)?.Entity;
        return new Answer(
            yes > 0 || names.Any(n => n.IsKnown) ? AnswerKind.Fact : AnswerKind.NotFound,
            $"Who left: {yes} of {names.Count} named",
            [
                AnswerBlock.Bullets(lines),
                AnswerBlock.Paragraph($"The {CountOfLeavers} who left: {NameList(Left.Members)}."),
                .. OmittedNote(omitted),
            ],
            Sources([.. sources]),
            first is null ? ["/who-left"] : ["/who-left", "/reaction " + ReactionKey(first)]);
    }

    /// <summary>"/reaction corbyn and cable": each reaction once, labelled with who it is from, in the order asked.</summary>
    public Answer Reactions(IReadOnlyList<ArgumentName> names, int omitted)
    {
        var blocks = new List<AnswerBlock>();
        var sources = new List<SourceRef>();
        var shown = new Dictionary<Reaction, string>();
        var group = facts.ReactionsBy(Left.Group).ToList();
        var found = 0;
        foreach (var name in names)
        {
            if (name.Entity is not { } entity)
            {
                blocks.Add(AnswerBlock.Paragraph($"{Capitalize(Words.ForEcho(name.Words))}: the article doesn't report a reaction from them."));
                continue;
            }

            var own = facts.ReactionsBy(entity).ToList();
            var label = Capitalize(entity.Name);
            if (own.Count == 0 && Left.Members.Contains(entity) && group.Count > 0)
            {
                found++;
                blocks.Add(AnswerBlock.Paragraph(group.All(shown.ContainsKey)
                    ? $"{label}: the article doesn't report anything they said alone; what the {CountOfLeavers} said together is above."
                    : $"{label}: the article doesn't report anything they said alone; what the {CountOfLeavers} said together:"));
                AddReactions(group, label);
            }
            else if (own.Count > 0)
            {
                found++;
                if (own.All(shown.ContainsKey))
                {
                    blocks.Add(AnswerBlock.Paragraph($"{label}: the same reaction as {shown[own[0]]}, above."));
                }

                AddReactions(own, label);
            }
            else
            {
                blocks.Add(AnswerBlock.Paragraph($"{label}: the article doesn't report a reaction; it mentions them as {entity.Role}."));
                sources.Add(entity.Source);
            }
        }

        if (found < names.Count)
        {
            blocks.Add(AnswerBlock.Paragraph($"It reports reactions from {NameList(facts.Reactors)}."));
        }

        blocks.AddRange(OmittedNote(omitted));
        var asked = names.Where(n => n.IsKnown).Select(n => n.Entity!).ToHashSet();
        var title = $"Reactions from {NameList(names.Select(n => n.Entity).OfType<Entity>())}";
        return new Answer(
            found > 0 ? AnswerKind.Fact : AnswerKind.NotFound,
            found == names.Count && title.Length <= 100 ? title : $"Reactions: {found} of {names.Count} named",
            blocks,
            Sources([.. sources]),
            found < names.Count ? ReactionSuggestions() : [.. facts.Reactors.Where(e => !asked.Contains(e)).Take(3).Select(e => "/reaction " + ReactionKey(e))]);

        void AddReactions(IEnumerable<Reaction> reactions, string label)
        {
            foreach (var reaction in reactions.Where(r => shown.TryAdd(r, label)))
            {
                blocks.Add(AnswerBlock.Paragraph(reaction.Title + ":", reaction.Text));
                blocks.Add(AnswerBlock.Quote(reaction.Source.Quote));
                sources.Add(reaction.Source);
            }
        }
    }

    /// <summary>A platform mention ("&lt;@U123&gt;", "&lt;#C123|general&gt;") where a name from the article was wanted.</summary>
    public Answer NotAName(string command)
    {
        var isReaction = command == CommandCatalog.Reaction;
        var example = isReaction ? FirstReactorKey() : Words.Split(Left.Members[0].Name).LastOrDefault() ?? "";
        return new Answer(
            AnswerKind.Help,
            "Give a name from the article",
            [
                AnswerBlock.Paragraph(
                    "That is a Slack or Discord mention, not a name I can look up: I only know the people and groups the article names.",
                    $"Type a name instead, e.g. /{command} {example}"),
                AnswerBlock.Paragraph(isReaction
                    ? $"It reports reactions from {NameList(facts.Reactors)}."
                    : $"The {CountOfLeavers} who left: {NameList(Left.Members)}."),
            ],
            [],
            isReaction ? ReactionSuggestions() : ["/who-left"],
            AnswerVisibility.Private);
    }

    private static IEnumerable<AnswerBlock> OmittedNote(int omitted) => omitted <= 0
        ? []
        : [AnswerBlock.Paragraph($"I answered for the first {CommandArgument.MaxNames} names only; ask again for the other {omitted}.")];

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
