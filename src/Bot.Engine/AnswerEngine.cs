using Bot.Engine.Answers;
using Bot.Engine.Commands;
using Bot.Engine.Content;
using Bot.Engine.Understanding;

namespace Bot.Engine;

/// <summary>
/// Routes a request (slash command or mention) to an answer grounded in the fact set. Everything it
/// knows comes from responses/; this class only knows how to ask and how to say "the article doesn't say".
/// </summary>
public sealed class AnswerEngine : IAnswerEngine
{
    public const int MaxChoices = 25;

    private readonly FactSet _facts;
    private readonly EntityIndex _entities;
    // Built on the first question: commands never need it, and a one-shot `ask /who-left` should not pay for it.
    private readonly Lazy<FactIndex> _lazyIndex;
    private readonly AnswerComposer _compose;

    public AnswerEngine(FactSet facts)
    {
        _facts = facts;
        _entities = new EntityIndex(facts.Entities);
        _lazyIndex = new Lazy<FactIndex>(() => new FactIndex(facts));
        _compose = new AnswerComposer(facts);
    }

    /// <summary>Loads and validates responses/; throws <see cref="FactSetException"/> naming the faulty entry.</summary>
    public static AnswerEngine Load(string responsesDirectory) => new(FactSetLoader.Load(responsesDirectory));

    public FactSet Facts => _facts;

    private FactIndex Index => _lazyIndex.Value;

    public Answer Answer(BotRequest request)
    {
        try
        {
            var text = Clean(request.Text);
            return request.Kind == BotRequestKind.Command ? Command(request.Command, text) : Mention(text);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A bug must cost one answer, never the service.
            return _compose.InternalError();
        }
    }

    public IReadOnlyList<Choice> Complete(string command, string option, string prefix)
    {
        if (!string.Equals(command.TrimStart('/'), CommandCatalog.Reaction, StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        var typed = Clean(prefix);
        var reactors = _facts.Reactors.ToHashSet();
        var matches = _entities.StartingWith(typed).Where(reactors.Contains).ToList();
        if (matches.Count == 0 && _entities.Resolve(typed) is { } typo && reactors.Contains(typo))
        {
            matches.Add(typo);
        }

        // Keep the fact set's order, so the list reads the same every time.
        return _facts.Reactors.Where(matches.Contains).Take(MaxChoices).Select(e => new Choice(e.Name, e.Id)).ToList();
    }

    /// <summary>The best-ranked candidates for a question and their scores: for tuning the fact set (`ask --explain`).</summary>
    public IEnumerable<string> Explain(string text)
    {
        var question = Question.Analyze(Clean(text), _entities, Index.Knows);
        yield return $"type={question.Type} entities=[{string.Join(", ", question.Entities.Select(e => e.Entity.Id))}] " +
                     $"concepts=[{string.Join(", ", question.Concepts.Select(c => c.Concept))}] them={question.MentionsThem}";
        foreach (var (candidate, score) in Index.Candidates.Select(c => (c, Index.Score(c, question))).OrderByDescending(p => p.Item2).Take(5))
        {
            yield return $"{score,6:F2}  {candidate.Kind} {Describe(candidate.Item)}";
        }
    }

    private static string Describe(object item) => item switch
    {
        Fact fact => fact.Id,
        Gap gap => gap.Id,
        Entity entity => entity.Id,
        Reaction reaction => reaction.By[0].Id,
        _ => "",
    };

    private Answer Command(string command, string text) => command switch
    {
        CommandCatalog.WhoLeft => text.Length == 0 ? _compose.WhoLeft() : Membership(text),
        CommandCatalog.Reaction => text.Length == 0 ? _compose.ReactionList() : Reaction(text),
        CommandCatalog.Summary => _compose.Summary(),
        CommandCatalog.Help => _compose.Help(),
        CommandCatalog.Ask => text.Length == 0 ? _compose.AskUsage() : Mention(text),
        _ => _compose.UnknownCommand(command),
    };

    /// <summary>"/who-left chuka", "/who-left is chuka one of them", "/who-left chuka, berger and diane abbott".</summary>
    private Answer Membership(string text)
    {
        var argument = CommandArgument.Parse(text, _entities);
        return argument.Names switch
        {
            [] => argument.HasPlatformMention ? _compose.NotAName(CommandCatalog.WhoLeft) : _compose.WhoLeft(),
            [{ Entity: { } entity }] => _compose.Membership(entity),
            [var unknown] => _compose.NotAMember(unknown.Words),
            var names => _compose.Memberships(names, argument.Omitted),
        };
    }

    /// <summary>"/reaction khan", "/reaction what did khan say on facebook", "/reaction corbyn and cable".</summary>
    private Answer Reaction(string text)
    {
        var argument = CommandArgument.Parse(text, _entities);
        return argument.Names switch
        {
            [] => argument.HasPlatformMention ? _compose.NotAName(CommandCatalog.Reaction) : _compose.ReactionList(),
            [{ Entity: { } entity }] => _compose.Reaction(entity),
            [var unknown] => _compose.NoReactionFrom(unknown.Words),
            var names => _compose.Reactions(names, argument.Omitted),
        };
    }

    private Answer Mention(string text)
    {
        if (text.StartsWith('/'))
        {
            var request = BotRequest.Parse(text);
            return Command(request.Command, Clean(request.Text));
        }

        var question = Question.Analyze(text, _entities, Index.Knows);
        if (question.Words.Length == 0)
        {
            return _compose.Summary();
        }

        var concepts = question.Concepts.Select(c => c.Concept).ToHashSet();
        var named = question.Named;
        if (concepts.Contains(Lexicon.Help) && named.Count == 0)
        {
            return _compose.Help();
        }

        if (named.Count == 0 && (concepts.Contains(Lexicon.Summary) || (concepts.Count > 0 && concepts.All(c => c is Lexicon.Happened))))
        {
            return _compose.Summary();
        }

        // "what's it about" words only steer towards the summary; they say nothing about which fact.
        concepts.Remove(Lexicon.Happened);
        if (concepts.Count == 0 && named.Count == 0 && !question.MentionsThem)
        {
            return _compose.Help(); // "hi", "?", "hello bot"
        }

        if (MembershipQuestion(question, named) is { } membership)
        {
            return membership;
        }

        if (ReactionQuestion(question, named, concepts) is { } reaction)
        {
            return reaction;
        }

        var unknown = concepts.Where(c => !Index.Knows(c)).ToList();
        var best = Index.Best(question);
        var shared = best is null ? 0 : FactIndex.SharedConcepts(best.Value.Candidate, question);
        if (best is null || unknown.Count > shared + named.Count || (named.Count == 0 && !question.MentionsThem && unknown.Count > 0 && unknown.Count >= shared))
        {
            // Mostly about things the article never mentions ("who won the football?"): don't stretch a weak match.
            return _compose.NotCovered();
        }

        var found = best.Value.Candidate;
        if (unknown.Count > 0 && !FactIndex.SharesConcept(found, question) && named.Count == 1)
        {
            // "How old is Chuka Umunna?": the article names them but says nothing of that; say so, then what it does say.
            return _compose.OnlyWhatIsKnown(named[0]);
        }

        return _compose.From(found);
    }

    /// <summary>"Is Chuka Umunna one of them?", "did Diane Abbott resign?"</summary>
    private Answer? MembershipQuestion(Question question, IReadOnlyList<Entity> named)
    {
        var asksMembership = question.Words.Contains("among")
            || question.HasWords("one", "of")
            || question.HasWords("part", "of")
            || question.HasWords("member", "of");
        // The group itself, or what they left ("is Chris Leslie still in Labour?"), is context, not the person asked about.
        var departure = _facts.Departure;
        var context = named.Where(e => e == departure.Group || departure.About.Contains(e)).ToList();
        if (question.Type != QuestionType.YesNo || !(asksMembership || context.Count > 0 || question.HasConcept(Lexicon.Leave)))
        {
            return null;
        }

        // "Is Angela Smith a rebel?", "did Tony Blair resign?": one person (or body) besides that context.
        var people = named.Where(e => e.IsPerson).ToList();
        var subjects = people.Count == 1 ? people : named.Except(context).ToList();
        if (subjects.Count == 1)
        {
            return _compose.Membership(subjects[0]);
        }

        if (subjects.Count == 0 && people.Count == 0)
        {
            var name = question.NameBefore(w => IsLeaveWord(w) || w is "one" or "among" or "part" or "member" or "a");
            if (name is not null)
            {
                return _compose.NotAMember(name);
            }
        }

        return null;
    }

    /// <summary>"What did X say?": a known X gets their reaction, an unknown one an honest "not reported".</summary>
    private Answer? ReactionQuestion(Question question, IReadOnlyList<Entity> named, HashSet<string> concepts)
    {
        // "What's Theresa May's view?" gets the same honest "not reported" as "what did she say?".
        if (!concepts.Contains(Lexicon.React) && !concepts.Contains(Lexicon.View))
        {
            return null;
        }

        // Other concepts ("Corbyn's view on Israel") mean the question is about more than a reaction: let retrieval rank.
        // The departure itself ("his response to the resignations") is what every reaction is about, so it doesn't count.
        var others = concepts.Where(c => c is not (Lexicon.React or Lexicon.View or Lexicon.Leave) && Index.Knows(c)).ToList();
        var speakerIsNamed = question.Speaker is null ? !question.SpeakerIsThem : named.Count == 1 && question.Speaker == named[0];
        // A view alone ("what views does Corbyn hold?") may mean beliefs the article describes: let retrieval weigh it.
        if (named.Count == 1 && others.Count == 0 && speakerIsNamed && concepts.Contains(Lexicon.React))
        {
            // "What did Corbyn say about France?": say plainly that the article doesn't link the two.
            var unknown = question.Concepts.Where(c => c.Concept is not (Lexicon.React or Lexicon.View or Lexicon.Happened) && !Index.Knows(c.Concept))
                .Select(c => question.Words[c.Index]).ToList();
            return _compose.Reaction(named[0], unknown.Count is > 0 and <= 3 ? unknown : null);
        }

        if (named.Count == 0 && !question.MentionsThem)
        {
            var name = question.NameBefore(IsReactWord) ?? question.NameAfter(IsReactWord);
            if (name is not null)
            {
                return _compose.NoReactionFrom(name);
            }

            if (others.Count == 0)
            {
                return _compose.ReactionList();
            }
        }

        return null;
    }

    private static bool IsLeaveWord(string word) => Lexicon.ConceptOf(word) == Lexicon.Leave;

    private static bool IsReactWord(string word) => Lexicon.ConceptOf(word) is Lexicon.React or Lexicon.View;

    /// <summary>No control characters, one line, at most <see cref="BotRequest.MaxTextLength"/> characters: longer text is answered from its start.</summary>
    private static string Clean(string text)
    {
        var cleaned = new string(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Trim();
        return cleaned.Length <= BotRequest.MaxTextLength ? cleaned : cleaned[..BotRequest.MaxTextLength];
    }
}
