using Bot.Engine.Answers;
using Bot.Engine.Commands;
using Bot.Engine.Content;
using Bot.Engine.Conversation;
using Bot.Engine.Semantic;
using Bot.Engine.Understanding;

namespace Bot.Engine;

/// <summary>
/// Routes a request (slash command or mention) to an answer grounded in the fact set. Everything it
/// knows comes from responses/; this class only knows how to ask and how to say "the article doesn't say".
/// </summary>
public sealed partial class AnswerEngine : IAnswerEngine
{
    public const int MaxChoices = 25;

    private readonly FactSet _facts;
    // The readers are built on first use: `/who-left` needs none of them, and a one-shot `ask /who-left`
    // should not pay for building them (a cold process spends most of its time compiling such code).
    private readonly Lazy<Lexicon> _lexicon;
    private readonly Lazy<EntityIndex> _entities;
    private readonly Lazy<FactIndex> _lazyIndex;
    private readonly AnswerComposer _compose;
    private readonly Lazy<MessageSplitter> _splitter;
    private readonly Lazy<FollowUpResolver> _followUps;
    private readonly IConversationMemory _memory;
    // responses/ranking.json: read with the first question (commands never rank), or by ReadyForQuestions.
    private readonly Lazy<Ranking> _calibrated;

    // The sentence model, when there is one: loaded on the first free-text question (or by WarmUp), never for commands.
    private readonly Lazy<SemanticIndex?> _semantic;

    /// <param name="facts">The validated fact set.</param>
    /// <param name="memory">Conversation memory; in this process by default.</param>
    /// <param name="encoder">Loads the sentence model; null: words alone rank answers.</param>
    /// <param name="cacheDirectory">Where example vectors are kept between runs; null: computed at each start.</param>
    /// <param name="ranking">How signals combine and where to abstain (responses/ranking.json); null: the built-in defaults.</param>
    public AnswerEngine(FactSet facts, IConversationMemory? memory = null, Func<ISentenceEncoder>? encoder = null, string? cacheDirectory = null, Ranking? ranking = null)
        : this(facts, memory, encoder, cacheDirectory, () => ranking, dictionary: null)
    {
    }

    private AnswerEngine(
        FactSet facts, IConversationMemory? memory, Func<ISentenceEncoder>? encoder, string? cacheDirectory, Func<Ranking?> ranking, Func<IReadOnlySet<string>?>? dictionary)
    {
        _facts = facts;
        // A slip is as likely of a word people ask with ("represnt" of a gap's "represent") as of a word of the article.
        _lexicon = new Lazy<Lexicon>(() => new Lexicon(facts.Vocabulary, dictionary, facts.Article.Sentences.SelectMany(Words.Split)
            .Concat(facts.Facts.SelectMany(f => f.Keywords)).Concat(facts.Gaps.SelectMany(g => g.Keywords)).Concat(facts.Reactions.SelectMany(r => r.Keywords))
            .Where(w => !w.Contains(' '))));
        _entities = new Lazy<EntityIndex>(() => new EntityIndex(facts.Entities, Lexicon));
        _lazyIndex = new Lazy<FactIndex>(() => new FactIndex(facts, Lexicon));
        _compose = new AnswerComposer(facts);
        _splitter = new Lazy<MessageSplitter>(() => new MessageSplitter(Lexicon, OnlyNames));
        _followUps = new Lazy<FollowUpResolver>(() => new FollowUpResolver(facts, Entities, Lexicon));
        _memory = memory ?? new InMemoryConversationMemory();
        _calibrated = new Lazy<Ranking>(() => ranking() ?? Ranking.Default);
        _semantic = new Lazy<SemanticIndex?>(() => LoadSemantic(encoder, cacheDirectory));
    }

    /// <summary>Why meaning-based matching is off, when it is ("model not found ..."); null while it is on or not yet loaded.</summary>
    public string? SemanticProblem { get; private set; }

    /// <summary>Whether the sentence model is loaded and its example vectors ready.</summary>
    public bool SemanticReady => _semantic.IsValueCreated && _semantic.Value is not null;

    /// <summary>
    /// Reads and checks what questions need beyond the fact set (english.json with the article's own words, ranking.json), so
    /// that a broken file stops the service at start rather than costing the first question. Commands never need it.
    /// </summary>
    public AnswerEngine ReadyForQuestions()
    {
        _ = _facts.Vocabulary;
        _ = _calibrated.Value;
        return this;
    }

    /// <summary>Loads the sentence model now rather than on the first question (the service does this in the background).</summary>
    public bool WarmUp() => _semantic.Value is not null;

    private SemanticIndex? Semantic => _semantic.Value;

    private Ranking Active => SemanticReady ? _calibrated.Value : Ranking.LexicalOnly;

    /// <summary>The ranking in force: the calibrated one once the model is loaded, words alone before.</summary>
    public Ranking ActiveRanking => Active;

    private SemanticIndex? LoadSemantic(Func<ISentenceEncoder>? encoder, string? cacheDirectory)
    {
        if (encoder is null)
        {
            SemanticProblem = "no sentence model configured";
            return null;
        }

        try
        {
            var loaded = encoder();
            return new SemanticIndex(Index.Candidates, loaded, (loaded as OnnxSentenceEncoder)?.ModelIdentity, cacheDirectory);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Any failure to load (a missing native library too): words alone still answer; the host reports it once and /readyz says why.
            var inner = ex;
            while (inner.InnerException is not null)
            {
                inner = inner.InnerException;
            }

            SemanticProblem = inner.Message.Split('\n')[0].Trim();
            return null;
        }
    }

    /// <summary>Loads and validates responses/; throws <see cref="FactSetException"/> naming the faulty entry.</summary>
    public static AnswerEngine Load(string responsesDirectory) => Load(responsesDirectory, OnnxSentenceEncoder.DefaultModelDirectory);

    /// <summary>Loads responses/ and, lazily, the sentence model in <paramref name="modelDirectory"/> (null: words alone).</summary>
    public static AnswerEngine Load(string responsesDirectory, string? modelDirectory, string? cacheDirectory = null, IConversationMemory? memory = null) =>
        new(
            FactSetLoader.Load(responsesDirectory),
            memory,
            modelDirectory is null ? null : () => OnnxSentenceEncoder.Load(modelDirectory),
            cacheDirectory ?? DefaultCacheDirectory,
            () => RankingFile.Load(responsesDirectory),
            () => DictionaryWords.Load(modelDirectory));

    /// <summary>Example vectors are cached per user (~/.cache/factbot), keyed by content: a second start reads instead of encoding.</summary>
    public static string DefaultCacheDirectory =>
        Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"), "factbot");

    public FactSet Facts => _facts;

    private FactIndex Index => _lazyIndex.Value;

    private IReadOnlySet<string> ArticleWords => _articleWords ??= _facts.Article.Sentences.SelectMany(Words.Split).ToHashSet(StringComparer.Ordinal);

    private IReadOnlySet<string>? _articleWords;

    /// <summary>
    /// Whether a clause is only a name or two: names the fact set knows ("ann coffey and angela smith"), or words typed with
    /// capitals that mean nothing to the lexicon ("Diane Abbott"); "fine" or "I heard Umunna quit" are more than names.
    /// </summary>
    private bool OnlyNames(string text)
    {
        var typed = Words.SplitKeepingCase(text);
        var words = typed.Select(w => w.ToLowerInvariant()).ToArray();
        if (words.Length is 0 or > 6)
        {
            return false;
        }

        var covered = Entities.Find(words, [.. typed.Select(w => char.IsUpper(w[0]))]).SelectMany(m => Enumerable.Range(m.Start, m.Length)).ToHashSet();
        return Enumerable.Range(0, words.Length).All(i => covered.Contains(i) || words[i] is "and" or "the" or "&"
            || (char.IsUpper(typed[i][0]) && !Lexicon.IsKnownWord(words[i]) && Words.NumberValue(words[i]) is null));
    }

    private Lexicon Lexicon => _lexicon.Value;

    private EntityIndex Entities => _entities.Value;

    public Answer Answer(BotRequest request)
    {
        try
        {
            var text = Clean(request.Text);
            return request.Kind == BotRequestKind.Command ? Command(request.Command, text, request.Conversation) : Mention(text, request.Conversation);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A bug must cost one answer, never the service.
            return _compose.InternalError();
        }
    }

    public ArticleOverview Overview => new(_facts.Headline, _facts.Examples);

    public Answer Passages(IReadOnlyList<int> sentences) => _compose.Passages(sentences);

    public Answer Help(string? locale) => _compose.Help(locale);

    public IReadOnlyList<Choice> Complete(string command, string option, string prefix)
    {
        if (!string.Equals(command.TrimStart('/'), CommandCatalog.Reaction, StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        var typed = Clean(prefix);
        var reactors = _facts.Reactors.ToHashSet();
        var matches = Entities.StartingWith(typed).Where(reactors.Contains).ToList();
        if (matches.Count == 0 && Entities.Resolve(typed) is { } typo && reactors.Contains(typo))
        {
            matches.Add(typo);
        }

        // Keep the fact set's order, so the list reads the same every time.
        return _facts.Reactors.Where(matches.Contains).Take(MaxChoices).Select(e => new Choice(e.Name, e.Id)).ToList();
    }

    /// <summary>The best-ranked candidates for a question and their scores: for tuning the fact set (`ask --explain`).</summary>
    public IEnumerable<string> Explain(string text)
    {
        _ = Semantic; // the ranking shown is the one questions get once the model is in
        text = Lexicon.Respell(text);
        var question = Question.Analyze(Clean(text), Entities, Lexicon, Index.Knows);
        yield return $"type={question.Type} entities=[{string.Join(", ", question.Entities.Select(e => e.Entity.Id))}] " +
                     $"concepts=[{string.Join(", ", question.Concepts.Select(c => c.Concept))}] them={question.MentionsThem}";
        yield return $"parts: {MessageSplitter.Describe(_splitter.Value.Split(Clean(text)))}";
        yield return $"threshold {Active.Threshold:F2}{(SemanticProblem is null ? "" : " (words only: " + SemanticProblem + ")")}";
        foreach (var ranked in Rank(question, Active).Take(6))
        {
            yield return Describe(ranked);
        }

        var retrievals = new List<string>();
        AnswerExplained(BotRequest.ForMention(text), retrievals.Add);
        foreach (var line in retrievals)
        {
            yield return line;
        }
    }

    /// <summary>Answers <paramref name="request"/> (remembering it in its conversation, as any answer does) and reports each retrieval the answer made: a part of the message, with what it took as context, as it saw it.</summary>
    public Answer AnswerExplained(BotRequest request, Action<string> explain) =>
        AnswerObserved(request, (asked, concepts, ranked) =>
        {
            var unknown = concepts.Where(c => !Index.Knows(c));
            explain($"retrieval: \"{asked.Text}\"{(asked.ContextText is null ? "" : $" + context \"{asked.ContextText}\"")} " +
                    $"concepts=[{string.Join(", ", concepts)}] unknown=[{string.Join(", ", unknown)}] context concepts=[{string.Join(", ", asked.ContextConcepts)}]");
            foreach (var r in ranked.Take(3))
            {
                explain("  " + Describe(r));
            }
        });

    private static string Describe(RankedCandidate ranked) =>
        $"{ranked.Score,6:F2}  lexical {ranked.Lexical,5:F2}  meaning {ranked.Semantic?.ToString("F2", System.Globalization.CultureInfo.InvariantCulture) ?? "-",5}  {ranked.Candidate.Kind} {Describe(ranked.Candidate.Item)}";

    private static string Describe(object item) => item switch
    {
        Fact fact => fact.Id,
        Gap gap => gap.Id,
        Entity entity => entity.Id,
        Reaction reaction => reaction.By[0].Id,
        _ => "",
    };

    /// <param name="conversation">Where it was asked: `/ask` follows on from the earlier questions there.</param>
    private Answer Command(string command, string text, string? conversation) => command switch
    {
        CommandCatalog.WhoLeft => text.Length == 0 ? Remembered(conversation, "who left", "departure", _compose.WhoLeft()) : Membership(WithReferents(text, conversation), conversation),
        CommandCatalog.Reaction => text.Length == 0 ? _compose.ReactionList() : Reaction(WithReferents(text, conversation), conversation),
        CommandCatalog.Summary => _compose.Summary(),
        CommandCatalog.Help => _compose.Help(),
        CommandCatalog.Ask => text.Length == 0 ? _compose.AskUsage() : Mention(text, conversation),
        _ => Guessed(command, text, conversation),
    };

    /// <summary>"ok and /reaction boris", "pls /who-left": a command typed after nothing but small words is that command.</summary>
    private string WithoutLeadInToCommand(string text)
    {
        var slash = text.IndexOf(" /", StringComparison.Ordinal);
        if (slash <= 0)
        {
            return text;
        }

        var command = text[(slash + 2)..].Split(' ', 2)[0].ToLowerInvariant();
        var leadIn = Words.Split(text[..slash]);
        return CommandCatalog.All.Any(c => c.Name == command) && leadIn.All(w => Lexicon.IsFiller(w) || Lexicon.IsStopWord(w))
            ? text[(slash + 1)..]
            : text;
    }

    /// <summary>
    /// "/quote unison", "/tldr", "/count rebels": people guess at command names, and the words still say what they want.
    /// Read as a question when that finds something in the article; otherwise list the real commands.
    /// </summary>
    private Answer Guessed(string command, string text, string? conversation)
    {
        var words = (command.Replace('-', ' ').Replace('_', ' ') + " " + text).Trim();
        if (words.Length > 0 && !words.StartsWith('/') && Mention(words, conversation) is { } answer
            && (answer.Kind == AnswerKind.Fact || (answer.Kind == AnswerKind.NotFound && answer.Title == AnswerComposer.NotInArticleTitle)))
        {
            return _compose.AsQuestion(command, answer);
        }

        return _compose.UnknownCommand(command);
    }

    /// <summary>A bare command is a turn too: "/who-left", then "when?" asks when they left.</summary>
    private Answer Remembered(string? conversation, string asked, string topic, Answer answer)
    {
        if (conversation is not null)
        {
            _memory.Remember(conversation, new ConversationTurn(asked, [_facts.Departure.Group.Id], topic));
        }

        return answer;
    }

    /// <summary>"/reaction him", "/who-left is she one of them": in a conversation, a pronoun of a command names whoever was just spoken of.</summary>
    private string WithReferents(string text, string? conversation)
    {
        if (conversation is null || !FollowUpResolver.HasPronoun(Words.Split(text)) || _memory.Recall(conversation) is not [.., var previous])
        {
            return text;
        }

        // "/who-left both of them and umunna": the people of the last two turns, each by name.
        var people = _memory.Recall(conversation).TakeLast(2).SelectMany(t => t.EntityIds).Distinct()
            .Select(id => _facts.Entities.FirstOrDefault(e => e.Id == id)).OfType<Entity>().Where(e => e.IsPerson).ToList();
        if (people.Count > 1 && text.Contains("both of them", StringComparison.OrdinalIgnoreCase))
        {
            text = text.Replace("both of them", string.Join(" and ", people.Select(p => p.Name)), StringComparison.OrdinalIgnoreCase);
        }

        return _followUps.Value.Resolve(text, previous, Index.Knows).Text;
    }

    /// <summary>"/who-left chuka", "/who-left is chuka one of them", "/who-left chuka, berger and diane abbott".</summary>
    private Answer Membership(string text, string? conversation)
    {
        var argument = CommandArgument.Parse(text, Entities);
        Remember(conversation, argument, names => $"is {names} one of them", "departure");
        return argument.Names switch
        {
            // "/who-left what seats do they hold": no name, but a question about them; answered as one.
            [] when !argument.HasPlatformMention && AsksMoreThanWho(text) => Mention(text, conversation),
            // ("/who-left the full list pls" is the bare command, and a turn like it: "when was that?" asks when they left.)
            [] => argument.HasPlatformMention ? _compose.NotAName(CommandCatalog.WhoLeft) : Remembered(conversation, "who left", "departure", _compose.WhoLeft()),
            [{ Entity: { } entity }] => _compose.Membership(entity),
            [var unknown] => _compose.NotAMember(unknown.Words),
            var names => _compose.Memberships(names, argument.Omitted),
        };
    }

    /// <summary>Whether command text without a name asks about something besides who left ("what seats do they hold").</summary>
    private bool AsksMoreThanWho(string text) =>
        Analyze(text).Concepts.Any(c => Index.Knows(c.Concept) && c.Concept is not (Lexicon.Leave or Lexicon.Happened or Lexicon.Help or "names" or "mp" or "party" or "more"));

    /// <summary>"/reaction khan", "/reaction what did khan say on facebook", "/reaction corbyn and cable".</summary>
    private Answer Reaction(string text, string? conversation)
    {
        var argument = CommandArgument.Parse(text, Entities);
        Remember(conversation, argument, names => $"what did {names} say", argument.Names is [{ Entity: { } one }] ? "reaction:" + one.Id : null);
        return argument.Names switch
        {
            [] => argument.HasPlatformMention ? _compose.NotAName(CommandCatalog.Reaction) : _compose.ReactionList(),
            [{ Entity: { } entity }] => _compose.Reaction(entity),
            [var unknown] => _compose.NoReactionFrom(unknown.Words),
            var names => _compose.Reactions(names, argument.Omitted),
        };
    }

    /// <summary>A command in a conversation is a turn of it: "/who-left chuka", then "and chris leslie?" asks the same of him.</summary>
    private void Remember(string? conversation, CommandArgument argument, Func<string, string> asQuestion, string? topic)
    {
        if (conversation is null || argument.Names.Count == 0)
        {
            return;
        }

        var names = string.Join(" and ", argument.Names.Select(n => n.Entity?.Name ?? string.Join(' ', n.Words)));
        var ids = argument.Names.Select(n => n.Entity?.Id).OfType<string>().Distinct().ToList();
        _memory.Remember(conversation, new ConversationTurn(Shorten(asQuestion(names)), ids, topic));
    }

    private Answer Mention(string text, string? conversation)
    {
        text = WithoutLeadInToCommand(text);
        if (text.StartsWith('/'))
        {
            var request = BotRequest.Parse(text);
            return Command(request.Command, Clean(request.Text), conversation);
        }

        var message = _splitter.Value.Split(Lexicon.Respell(text));
        if (message.Parts.Count == 0)
        {
            // A bare mention asks for the gist; "hi", "lol" or "?" get the help.
            return Words.Split(MessageSplitter.WithoutPlatformNoise(text)).Length == 0 ? _compose.Summary() : _compose.Help();
        }

        var history = conversation is null ? [] : _memory.Recall(conversation);
        var typed = history.Count == 0 ? [] : Words.Split(Lexicon.Respell(text));
        if (EarlierTurnPointedAt(typed, history) is { } pointedAt)
        {
            // "short version of ur first answer", "repeat the 2nd reply": that question, answered again (answers are short as they are).
            var (again, turn) = AnswerQuestion(new ResolvedQuestion(pointedAt.Question, null), null, earlierTurn: true, opinionAskedAround: false);
            _memory.Remember(conversation!, turn);
            return again;
        }

        if (history.Count >= 2 && AsksRecap(typed))
        {
            // "sum all that up in one line": each thing the conversation was about, once, newest last.
            var topics = history.Where(t => t.Topic is not null).DistinctBy(t => t.Topic).TakeLast(CommandArgument.MaxNames).ToList();
            if (topics.Count > 0)
            {
                return _compose.Combine([.. topics.Select(t => AnswerQuestion(new ResolvedQuestion(t.Question, null), null, earlierTurn: true, opinionAskedAround: false).Answer)], 0);
            }
        }

        var previous = history.Count > 0 ? history[^1] : null;
        if (message.Statements is { Count: > 0 } statements)
        {
            // What the message itself says before asking ("... something about Corbyn and the IRA. does the article mention that?") comes first.
            var said = string.Join(' ', statements);
            var named = Entities.Find(Words.Split(said)).Select(m => m.Entity.Id).Distinct().ToList();
            previous = new ConversationTurn(Shorten(said), named.Count > 0 ? named : previous?.EntityIds ?? [], previous?.Topic);
        }

        var statementTurn = previous;
        var opinionAskedAround = message.Statements?.Any(said => AsksOpinion(Words.Split(said))) == true;
        var replies = new List<Answer>();
        foreach (var part in message.QuestionParts)
        {
            var resolved = part.Standalone ? new ResolvedQuestion(part.Text, null) : _followUps.Value.Resolve(part.Text, previous, Index.Knows);
            if (resolved.Context is null && previous == statementTurn && message.Statements is { Count: > 0 } statementsAround && statementsAround.LastOrDefault(SaysSomethingOfSubstance) is { } nearest
                && LeansOnWhatWasSaid(resolved.Text, nearest))
            {
                // "... there's a paragraph about why they didn't just go to the other pro-european party. what reason does the
                // article give?": a question that only points ("what reason", "what was it") is about the last thing of substance
                // said before it, not about the essay, the podcast or the tutor.
                resolved = resolved with { Context = nearest };
            }

            var (answer, turn) = AnswerQuestion(resolved, previous, earlierTurn: message.Statements is not { Count: > 0 } || previous != statementTurn, opinionAskedAround);
            if (OccasionCorrection(part.Text) is { } occasion && occasion.Title != answer.Title)
            {
                replies.Add(occasion);
            }

            replies.Add(answer);
            previous = turn;
            if (conversation is not null)
            {
                _memory.Remember(conversation, turn);
            }
        }

        // "After Corbyn praised them, ...": a claim taken as given is checked against what the article reports, and what
        // puts it right comes first, as the premise came first.
        var corrections = message.Premises.Select(CheckPremise).OfType<Answer>().ToList();
        replies.InsertRange(0, corrections);

        // "she reckons 5 MPs walked, I say more. who wins?": a count said in passing is put right too; so is "so the blair and
        // brown era mps all quit too, what's the total now?", someone said to have left who didn't, first, as it was said first.
        foreach (var said in message.Statements ?? [])
        {
            if (WrongCount(Analyze(said)) is { } stated && _compose.CountCorrection(stated) is var correction && !replies.Any(r => r.Title == correction.Title))
            {
                replies.Add(correction);
            }
            else if (NotAmongThoseWhoLeft(said) is { } notAmong && !replies.Any(r => r.Title == notAmong.Title))
            {
                replies.Insert(0, notAmong);
            }
        }

        if (replies.All(r => r.Kind == AnswerKind.NotFound && r.Sources.Count == 0) && message.Statements is { Count: > 0 }
            && BuriedQuestion(message.Statements, statementTurn) is { } buried)
        {
            // "before I post this, can someone confirm what exactly Unison told Labour to do, my uncle will fact check me": what
            // reads as the question matched nothing, and the real one sits inside the chatter.
            replies = [buried];
        }

        return _compose.Combine(replies, message.DroppedQuestions);
    }

    /// <summary>"your first answer", "the 2nd reply", "the previous answer": that turn of the conversation, when it has one.</summary>
    private ConversationTurn? EarlierTurnPointedAt(string[] words, IReadOnlyList<ConversationTurn> history)
    {
        var vocabulary = Lexicon.Vocabulary;
        for (var i = 0; i + 1 < words.Length; i++)
        {
            if (vocabulary.Ordinals.TryGetValue(words[i], out var place)
                && (vocabulary.AnswerNouns.Contains(words[i + 1]) || (i + 2 < words.Length && vocabulary.AnswerNouns.Contains(words[i + 2]))))
            {
                var index = place > 0 ? place - 1 : history.Count + place;
                return index >= 0 && index < history.Count ? history[index] : null;
            }
        }

        return null;
    }

    /// <summary>"sum all that up", "recap this thread": a summary word with words that take in the conversation so far.</summary>
    private bool AsksRecap(string[] words) =>
        words.Any(w => Lexicon.ConceptOf(w) == Lexicon.Summary)
            && Lexicon.Vocabulary.Recaps.Any(r => Enumerable.Range(0, words.Length).Any(i => Lexicon.StartsAt(words, i, r)));

    /// <summary>
    /// Whether a question only points at something said around it: "what was it they said?", "what reason does the article
    /// give?" (nothing named, and no word of substance but asking for a reason or for what was said).
    /// </summary>
    private bool LeansOnWhatWasSaid(string text, string said)
    {
        var question = Analyze(text);
        var onlyAsks = question.Concepts.All(c => c.Concept is Lexicon.Reason or Lexicon.React or Lexicon.View or Lexicon.Happened);
        // ("ok and the ira thing, what did he actually do": a topic named just before, then a question with nothing of its own
        // but who it is about.)
        return (question.Named.Count == 0 && (question.Words.Any(w => w is "it" or "that") || onlyAsks))
            || (onlyAsks && question.Named.Count == 1 && Words.Split(said).Length <= 5 && Analyze(said).Named.Count == 0);
    }

    /// <summary>Whether a statement names something the article knows, beyond asking for reasons or what was said.</summary>
    private bool SaysSomethingOfSubstance(string statement) =>
        Analyze(statement) is var said && (said.Named.Count > 0
            || said.Concepts.Any(c => c.Concept is not (Lexicon.Reason or Lexicon.React or Lexicon.View or Lexicon.Happened) && Index.Knows(c.Concept)));

    /// <summary>
    /// The first statement with a question inside it ("… can someone confirm what exactly Unison told Labour to do"), asked
    /// from its question word on, when that gets an answer from the article; else null.
    /// </summary>
    private Answer? BuriedQuestion(IReadOnlyList<string> statements, ConversationTurn? context)
    {
        foreach (var statement in statements)
        {
            var words = Words.Split(statement);
            var opener = Array.FindIndex(words, 1, w => Lexicon.Vocabulary.QuestionWords.Contains(w));
            if (opener < 0 || words.Length - opener < 3)
            {
                continue;
            }

            var (answer, _) = AnswerQuestion(new ResolvedQuestion(string.Join(' ', words[opener..]), null), context);
            if (answer.Kind == AnswerKind.Fact)
            {
                return answer;
            }
        }

        return null;
    }

    private (Answer Answer, ConversationTurn Turn) AnswerQuestion(ResolvedQuestion resolved, ConversationTurn? previous, bool earlierTurn = true, bool opinionAskedAround = false)
    {
        var question = Analyze(resolved.Text) with { OpinionAskedAround = opinionAskedAround };
        if (resolved.Context is not null)
        {
            var context = Analyze(resolved.Context);
            question = question with
            {
                ContextText = resolved.Context,
                ContextIsEarlierTurn = earlierTurn,
                ContextConcepts = [.. context.RankingConcepts.Except(question.RankingConcepts)],
                ContextEntities = resolved.ContextNamesWho ? [.. context.Named.Except(question.Named)] : [],
            };
        }

        var (answer, topic) = Route(question, previous?.Topic);
        // Who the answer was about counts too: "who leads that party?" answered with Cable makes him the next "he".
        // So does the one person a fact names, when the question named no one ("what'd they accuse him of?" answered with
        // Corbyn: "how did he take it?"; after "why did he go?" about Umunna, "he" stays Umunna).
        // The one party or body such a fact is about counts the same way: "which party did they decline to join?" answered
        // with the Lib Dems makes them the next "it" ("who leads it?").
        var askedOfSomeone = question.Named.Concat(question.ContextEntities).Any(e => e.IsPerson);
        var askedOfABody = question.Named.Concat(question.ContextEntities).Any(e => !e.IsPerson && !IsSetting(e));
        var answeredAbout = topic?.Split(':') switch
        {
            ["reaction" or "profile", var id] => [id],
            ["fact", var id] when _facts.Facts.FirstOrDefault(f => f.Id == id) is { } fact =>
                [.. (!askedOfABody && fact.About.Where(e => !e.IsPerson && !IsSetting(e)).ToList() is [var body] ? [body.Id] : Array.Empty<string>()),
                 .. (!askedOfSomeone && fact.About.Where(e => e.IsPerson).ToList() is [var person] ? [person.Id] : Array.Empty<string>())],
            _ => Array.Empty<string>(),
        };
        var named = question.Named.Concat(question.ContextEntities).Select(e => e.Id).Concat(answeredAbout).Distinct().ToList();
        // Keep who was spoken of for the next "he" or "they", even across a turn that named nobody.
        var entityIds = named.Count > 0 ? named : previous?.EntityIds ?? [];
        var remembered = resolved.Context is null ? resolved.Text : resolved.Text + " " + resolved.Context;
        if (resolved.Context is null && question.Named.Count == 0 && !question.MentionsThem && question.RankingConcepts.All(c => !Index.Knows(c) || c is "month" or "year" or "date")
            && answer.Kind == AnswerKind.Fact && answer.Title.Length > 0)
        {
            // "what month was it?" answered with the leaving: the next "and what year?" leans on what it was answered with.
            remembered += " " + answer.Title;
        }
        return (answer, new ConversationTurn(Shorten(remembered), entityIds, topic));
    }

    private Question Analyze(string text) => Question.Analyze(text, Entities, Lexicon, Index.Knows);

    private static string Shorten(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length <= 40 ? text : string.Join(' ', words[..40]);
    }

    /// <summary>One question to one answer, and the topic key that answered it (for the conversation's memory).</summary>
    private (Answer Answer, string? Topic) Route(Question question, string? previousTopic)
    {
        if (question.Words.Length == 0)
        {
            return (_compose.Help(), null);
        }

        var concepts = question.Concepts.Select(c => c.Concept).ToHashSet();
        var named = question.Named;
        if (concepts.Contains(Lexicon.Help) && named.Count == 0)
        {
            return (_compose.Help(), null);
        }

        // ("tl;dr of the labour resignations?": the party they left and the seven are the story itself.)
        if (named.All(IsSetting) && question.ContextConcepts.Count == 0
            && ((concepts.Contains(Lexicon.Summary) && (named.Count == 0 || concepts.All(c => c is Lexicon.Summary or Lexicon.Happened or Lexicon.Leave || !Index.Knows(c))))
                || (named.Count == 0 && concepts.Count > 0 && concepts.All(c => c is Lexicon.Happened))))
        {
            return (_compose.Summary(), "summary");
        }

        // "sadiq's fb post, what's the gist": the gist of what one person said is what they said.
        if (concepts.Contains(Lexicon.Summary) && named.Concat(question.ContextEntities).Where(e => _facts.ReactionsBy(e).Any()).Distinct().ToList() is [var reactor])
        {
            return (_compose.Reaction(reactor), "reaction:" + reactor.Id);
        }

        // "what's it about" words only steer towards the summary; they say nothing about which fact.
        concepts.Remove(Lexicon.Happened);
        if (concepts.Count == 0 && named.Count == 0 && !question.MentionsThem && question.ContextConcepts.Count == 0 && question.ContextEntities.Count == 0)
        {
            return (_compose.Help(), null); // "hi", "?", "hello bot"
        }

        // "do you reckon they were right to leave?", "ur honest opinion: is corbyn good for labour?": asked for a verdict.
        if (AsksOpinion(question.Words) || (question.Type == QuestionType.YesNo && question.OpinionAskedAround))
        {
            return (_compose.NoOpinion(), null);
        }

        if (WrongCount(question) is { } stated)
        {
            // "Why did the six MPs walk out?": put the count right, then answer what was asked of them.
            var correction = _compose.CountCorrection(stated);
            var rest = Analyze(string.Join(' ', question.Words.Where(w => Words.NumberValue(w) != stated)));
            var (answer, topic) = rest.Type is QuestionType.HowMany or QuestionType.Who or QuestionType.YesNo or QuestionType.None
                ? (correction, "departure")
                : Route(rest, previousTopic);
            return topic == "departure" ? (correction, topic) : (_compose.Combine([correction, answer], 0), topic);
        }

        if (Contradiction(question, previousTopic) is var (said, actual, fact))
        {
            // "why were they elected on corbyn's right-wing platform?": put the word right, then say what the article says.
            var sentence = SourceOf(fact.Item) is { } source ? _facts.Article.Sentences[source.Sentence - 1] : "";
            var corrected = _compose.Contradicted(AsWritten(said, question.Text), AsWritten(actual, sentence), fact);
            if (question.Type == QuestionType.Why && fact.Kind == CandidateKind.Departure)
            {
                // "why did the pro-leave mps quit?": once the word is put right, the why is still asked.
                var at = Enumerable.Range(0, question.Words.Length).First(i => Lexicon.StartsAt(question.Words, i, said));
                var (why, whyTopic) = Route(Analyze(string.Join(' ', question.Words[..at].Concat(question.Words[(at + said.Length)..]))), previousTopic);
                return (_compose.Combine([corrected, why], 0), whyTopic);
            }

            return (corrected, TopicOf(fact));
        }

        if (Affiliation(question) is var (partyOf, party))
        {
            return (_compose.Affiliation(partyOf, party, _facts.Entities.FirstOrDefault(b => !b.IsPerson && Entities.LeaderOf(b) == partyOf)), "profile:" + partyOf.Id);
        }

        var asksParty = question.Type == QuestionType.What && question.Words.Any(w => Lexicon.ConceptOf(w) == "party");
        if (asksParty && NamedBesidesThePartyWord(question) is [{ IsPerson: true } unplaced]
            && !Entities.IsLeader(unplaced) && !_facts.Departure.Members.Contains(unplaced) && !_facts.ReactionsBy(unplaced).Any()
            && question.Concepts.All(c => c.Concept is "party" or "mp" or Lexicon.Leader || !Index.Knows(c.Concept)))
        {
            // "what party was cameron in?": someone the article neither has lead a party, nor leave one, nor speak.
            return (_compose.OnlyWhatIsKnown(unplaced, "which party " + unplaced.Name + " belongs to"), "profile:" + unplaced.Id);
        }

        if (asksParty && question.Words.Contains("now") && NamedBesidesThePartyWord(question) is var who
            && (who.Count > 0 || question.MentionsThem) && who.All(e => e == _facts.Departure.Group || _facts.Departure.Members.Contains(e)))
        {
            // "what party are they in now?" of the seven: the article has them leave one and join none.
            var whom = who is [{ IsPerson: true } one] ? one.Name + " belongs" : "they belong";
            return (_compose.NotSaid($"which party {whom} to now", DepartureCandidate), "departure");
        }

        if (JoinedTakenForGranted(question) is var (joined, nearest))
        {
            return (_compose.NotSaid($"that they joined {joined.Name}", nearest), TopicOf(nearest));
        }

        if (MembershipQuestion(question, named, previousTopic) is { } membership)
        {
            // ("are the blair/brown lot leaving too?" answered with their staying put: a "for how long?" asks of that.)
            var stayer = named.Where(e => !_facts.Departure.Members.Contains(e) && !IsSetting(e)).ToList() is [var one] && _facts.ReactionsBy(one).Any() ? one : null;
            return (membership, stayer is null ? "departure" : "reaction:" + stayer.Id);
        }

        if (Initial(question) is var (letter, surname))
        {
            return (_compose.ByInitial(letter, surname), "departure");
        }

        // "any names?" after the Blair- and Brown-era MPs: a group whose members the fact set never lists; the article
        // describes it, it doesn't name anyone in it.
        // ("which ones?" after "were any conservatives part of this": a party's MPs, whom the article doesn't name either.)
        var asksWhichOnes = question.ContextIsEarlierTurn && question.Words is ["which", "ones" or "one", ..] or ["who", "are" or "were", "they"];
        if ((concepts.Contains("names") || asksWhichOnes) && concepts.All(c => c is "names" or "mp" || Words.NumberValue(c) is not null) && !question.IsFuture
            && named.Concat(question.ContextEntities).Where(e => e != _facts.Departure.Group).Distinct().ToList() is [{ Kind: "group" or "party" } unlisted]
            && !_facts.Departure.About.Contains(unlisted))
        {
            return (_compose.OnlyWhatIsKnown(unlisted), "profile:" + unlisted.Id);
        }

        // "anything else?", "what else is on that list?", "what else did he say?" after a fact or a reaction: the article says
        // no more of it than that; so say, with what it does say, rather than give another fact that shares a word.
        if (AsksForMore(question) && CandidateOf(previousTopic) is { Kind: CandidateKind.Fact or CandidateKind.Reaction } told
            && question.Named.All(e => told.About.ContainsKey(e) || IsSetting(e)))
        {
            return (_compose.AllThereIs(told), previousTopic);
        }

        // "Who else left with him?" after one of the seven, a bare "who else?" after a turn about the leaving, "who else
        // quit?": the others who left, not who might leave next ("who else is leaving?", "who else will go?").
        // ("what about the others?" after one of them is asked the same way.)
        var departed = named.Concat(question.ContextEntities).ToList();
        var aboutTheRest = question.Words is ["what" or "how" or "and", "about", .., "others" or "rest"] && previousTopic == "departure";
        if ((question.Type == QuestionType.Who || question.Words is ["anyone" or "anybody" or "any", "else", ..] || aboutTheRest)
            && question.Words.Any(w => w is "else" or "rest" or "others")
            && !question.IsFuture && !question.Words.Any(IsOngoing)
            && (concepts.Contains(Lexicon.Leave) || question.ContextConcepts.Contains(Lexicon.Leave) || previousTopic == "departure")
            && concepts.All(c => c is Lexicon.Leave or "more" or "rest") && !question.Words.Any(w => w is "since" or "yet" or "now" or "afterwards")
            && departed.All(e => _facts.Departure.Members.Contains(e) || e == _facts.Departure.Group || _facts.Departure.About.Contains(e)))
        {
            return (_compose.WhoLeft(), "departure");
        }

        // "lib dems tryna link up w them?", "is sadiq teaming up with them": a speaker as the subject of joining the group; what
        // they said about it is the answer ("did they join the lib dems?" has the group as its subject, and is not this).
        var group = _facts.Departure.Group;
        if (concepts.Contains(Lexicon.Join) && question.Type != QuestionType.Why && question.Entities is [var joiner, ..] && joiner.Entity != group && !_facts.Departure.About.Contains(joiner.Entity)
            && _facts.ReactionsBy(joiner.Entity).Any() && question.Words[..joiner.Start].All(w => Lexicon.IsStopWord(w) || Lexicon.IsFiller(w))
            && (question.MentionsThem || named.Skip(1).All(e => e == group)) && named.Count(e => e != group) == 1)
        {
            return (_compose.Reaction(joiner.Entity), "reaction:" + joiner.Entity.Id);
        }

        // "Has he said anything since?" after Khan's reaction: the article reports one moment; nothing he said later.
        if (concepts.Contains(Lexicon.React) && named.Concat(question.ContextEntities).Where(e => _facts.ReactionsBy(e).Any()).Distinct().ToList() is [var speaker]
            && Lexicon.Vocabulary.LaterAsks.Any(p => Enumerable.Range(0, question.Words.Length).Any(i => Lexicon.StartsAt(question.Words, i, p))))
        {
            return (_compose.NothingSaidLater(speaker), "reaction:" + speaker.Id);
        }

        // "Which Conservative MPs defected alongside them?": the article reports no one leaving any other party.
        if ((question.Type == QuestionType.Who || question.Words is ["which", ..]) && concepts.Contains(Lexicon.Leave) && !question.IsFuture
            && named.Where(e => e != group && !_facts.Departure.About.Contains(e)).ToList() is [{ Kind: "party" } otherParty]
            && named.All(e => e == otherParty || e == group || _facts.Departure.About.Contains(e)))
        {
            return (_compose.NoneLeftFrom(otherParty), "departure");
        }

        // "Why did the 7 Tory MPs quit?" takes a leaving from the wrong party for granted: put that right, then answer it of
        // those who did leave.
        if (question.Type == QuestionType.Why && !question.IsFuture && question.Concepts.FirstOrDefault(c => c.Concept == Lexicon.Leave) is (var leftAt, not null)
            && question.Entities.Where(m => m.Start < leftAt && m.Entity != group && !_facts.Departure.About.Contains(m.Entity)).ToList() is [{ Entity.Kind: "party" } wrongParty]
            && named.All(e => e == wrongParty.Entity || e == group || _facts.Departure.About.Contains(e)))
        {
            var meant = Analyze(string.Join(' ', question.Words.Where((_, i) => i < wrongParty.Start || i >= wrongParty.Start + wrongParty.Length)));
            var (answer, topic) = Route(meant, previousTopic);
            return (_compose.NoneLeftFrom(wrongParty.Entity, answer), topic);
        }

        // "When were they elected?", then "on what platform?": a short follow-up whose every word of substance is in the answer
        // just given asks for that detail of it, not for another fact that shares the word (the new platform they plan).
        // ("what were those reasons?" asks for the reasons it only mentions; "how many more?" for a number it doesn't give.)
        // ("has one been organised yet?" after the referendum Cable spoke of asks whether it came about, which it can't say.)
        if (named.Count == 0 && question.Words.Length <= 5 && question.Type != QuestionType.HowMany && !(question.Type == QuestionType.YesNo && question.AsksOutcome)
            && !question.Words.Any(w => w is "those" or "these" or "that" or "this") && DetailOf(question, previousTopic) is { } detail)
        {
            return (_compose.From(detail), previousTopic);
        }

        // "Why would that happen?" after what could happen to them: the fact just given says why, when it answers why-questions.
        // ("why would members do that to them?": its other words are the fact's own.)
        if (question.Type == QuestionType.Why && named.Count == 0 && (concepts.All(c => c == Lexicon.Reason) || DetailOf(question, previousTopic) is not null)
            && CandidateOf(previousTopic) is { Item: Fact { } because } explained && because.Answers.Contains("why"))
        {
            return (_compose.From(explained), previousTopic);
        }

        // "I could only remember chuka. who are the other 6?": the rest of the seven, counted as fewer than all of them
        // ("who are the other 2 parties" asks about something else).
        if (question.Type == QuestionType.Who && question.Words.Any(w => w is "other" or "others") && !question.IsFuture
            && question.Numbers is [var others] && others > 0 && others < _compose.LeaverCount
            && named.All(e => _facts.Departure.Members.Contains(e) || e == _facts.Departure.Group)
            && concepts.All(c => c is "more" or Lexicon.Leave or "mp" or "names" || Words.NumberValue(c) is not null))
        {
            return (_compose.WhoLeft(), "departure");
        }

        // "Who were the seven again?", "who are they?": nothing asked but who they are.
        if (question.Type == QuestionType.Who && concepts.Count == 0 && question.ContextConcepts.All(c => c is Lexicon.Summary or Lexicon.Happened)
            && (named.Count == 0 ? question.MentionsThem : named.All(e => e == _facts.Departure.Group)))
        {
            return (_compose.WhoLeft(), "departure");
        }

        // "is vince cable a sir?", "is khan the mayor?": asks whether the name or role the article gives them fits.
        if (question.Type == QuestionType.YesNo && named is [{ IsPerson: true } titled] && question.Words.Length > 0
            && Words.Split(titled.Name + " " + titled.Role).ToHashSet() is var given
            && Enumerable.Range(1, question.Words.Length - 1).Where(i => !question.Entities.Any(m => i >= m.Start && i < m.Start + m.Length))
                .Select(i => question.Words[i]).Where(w => !Lexicon.IsFiller(w) && (given.Contains(w) || !Lexicon.IsStopWord(w))).ToList() is var asked
            && (asked.Count > 0 || question.Entities.Count > 1) && asked.All(given.Contains))
        {
            return (_compose.Profile(titled), "profile:" + titled.Id);
        }

        // "What's the smith one's first name?", "has he got a title?": someone named in part; the answer is their whole name.
        if (named is [{ IsPerson: true } partlyNamed] && concepts.Any(c => c is Lexicon.FullName or "name")
            && concepts.All(c => c is Lexicon.FullName or "name" || Words.NumberValue(c) == 1))
        {
            return (_compose.Profile(partlyNamed), "profile:" + partlyNamed.Id);
        }

        // "Who is the London mayor?", "who runs labour": someone named by what they are; the answer is their name.
        if (question.Type == QuestionType.Who && named is [{ IsPerson: true } person] && concepts.All(c => c == Lexicon.Leader)
            && question.Entities.All(m => !Words.Split(person.Name).Contains(question.Words[m.Start])))
        {
            return (_compose.Profile(person), "profile:" + person.Id);
        }

        // "I remember something from a trade union in there. what was it they said?": asked only what was said, of the one
        // speaker the same message named.
        if (named.Count == 0 && !question.ContextIsEarlierTurn && concepts.Count > 0 && concepts.All(c => c is Lexicon.React or Lexicon.View)
            && question.ContextEntities.Where(e => _facts.ReactionsBy(e).Any()).ToList() is [var speakerAround])
        {
            return (_compose.Reaction(speakerAround), "reaction:" + speakerAround.Id);
        }

        if (ReactionQuestion(question, named, concepts, previousTopic) is { } reaction)
        {
            return (reaction, named.Count == 1 ? "reaction:" + named[0].Id : null);
        }

        if (SaidOfSomeoneElse(question) is { } misplaced)
        {
            return (misplaced, null);
        }

        if (TheOtherWayRound(question) is var (reversed, doneTo))
        {
            return (reversed, "reaction:" + doneTo.Id);
        }

        return Retrieve(question, concepts, previousTopic);
    }

    /// <summary>A phrase as <paramref name="text"/> writes it ("left-wing", "pro-EU"), or its words when the text doesn't have it.</summary>
    private static string AsWritten(string[] phrase, string text)
    {
        var pattern = @"\b" + string.Join(@"[\s\-]+", phrase.Select(System.Text.RegularExpressions.Regex.Escape)) + @"\b";
        var match = System.Text.RegularExpressions.Regex.Match(text, pattern, System.Text.RegularExpressions.RegexOptions.IgnoreCase, TimeSpan.FromMilliseconds(50));
        return match.Success ? match.Value : string.Join(' ', phrase);
    }

    /// <summary>
    /// A word of the question whose opposite (english.json contrasts) stands in the one article sentence that the rest of the
    /// question points at: "right wing" where the article says "left-wing". Null when no such sentence shares anything else.
    /// </summary>
    private (string[] Said, string[] Actual, Candidate Candidate)? Contradiction(Question question, string? previousTopic)
    {
        // "ok and was it the 18th of march?" after the leaving: what the thread was just answered with is what "it" points at,
        // and a day of the month the sentence gives points at it too.
        var earlier = previousTopic == "departure" ? DepartureCandidate : CandidateOf(previousTopic);
        var days = question.Words.Select(w => w.TrimEnd('s', 't', 'n', 'd', 'r', 'h')).Where(w => w.Length is > 0 and <= 2 && w.All(char.IsAsciiDigit)).ToList();
        (string[] Said, string[] Actual, Candidate? Candidate, double Weight) strongest = ([], [], null, 0);
        foreach (var (one, other) in Lexicon.Vocabulary.Contrasts)
        {
            foreach (var (said, actual) in new[] { (one, other), (other, one) })
            {
                var at = Enumerable.Range(0, Math.Max(0, question.Words.Length - said.Length + 1)).FirstOrDefault(i => Lexicon.StartsAt(question.Words, i, said), -1);
                if (at < 0 || question.HasWords(actual))
                {
                    continue;
                }

                var rest = question.Concepts.Where(c => (c.Index < at || c.Index >= at + said.Length) && Index.Knows(c.Concept)
                        && c.Concept is not (Lexicon.Reason or Lexicon.Happened or Lexicon.React))
                    .Select(c => c.Concept).ToList();
                bool Holds(Candidate c, string[] phrase) => SourceOf(c.Item) is { } source
                    && Words.Split(_facts.Article.Sentences[source.Sentence - 1]) is var sentence
                    && Enumerable.Range(0, Math.Max(0, sentence.Length - phrase.Length + 1)).Any(i => Lexicon.StartsAt(sentence, i, phrase));
                // ("are they pro-brexit or anti?": "pro-EU" is said of the seven where their leaving is reported.)
                var best = Index.Candidates.Where(c => c.Kind is CandidateKind.Fact or CandidateKind.Reaction or CandidateKind.Departure && Holds(c, actual) && !Holds(c, said))
                    .Select(c => (Candidate: c, Weight: Index.Weight(c, rest) + Named(c) + (c == earlier ? 1 : 0) + (days.Any(d => Holds(c, [d])) ? 1 : 0)))
                    .Where(p => p.Weight > 0)
                    .OrderByDescending(p => p.Weight)
                    .FirstOrDefault();
                // "which party did the rebels say had lost its credibility?": the article does say "lost", where the rest of the
                // question points at least as well; only "gained" elsewhere is no contradiction.
                var saidElsewhere = Index.Candidates.Where(c => c.Kind is CandidateKind.Fact or CandidateKind.Reaction or CandidateKind.Departure && Holds(c, said))
                    .Select(c => Index.Weight(c, rest) + Named(c)).DefaultIfEmpty(0).Max();
                if (best.Candidate is not null && best.Weight > saidElsewhere && best.Weight > strongest.Weight)
                {
                    strongest = (said, actual, best.Candidate, best.Weight);
                }
            }
        }

        // "were they elected in march?": March stands against both February and June; the sentence the rest points at decides.
        return strongest.Candidate is null ? null : (strongest.Said, strongest.Actual, strongest.Candidate);

        // "they" with no one named are the seven: what is said of them counts as named.
        double Named(Candidate c) => question.Named.Sum(e => c.About.TryGetValue(e, out var share) ? share : 0)
            + (question.MentionsThem && question.Named.Count == 0 && c.About.TryGetValue(_facts.Departure.Group, out var theirs) ? theirs : 0);
    }

    /// <summary>
    /// "Why did the rebel MPs defend the IRA?": the question's subject is said to have done what the article reports of
    /// someone else. Only when the claim's words are rare ones a fact about another shares, and nothing about the subject does.
    /// </summary>
    private Answer? SaidOfSomeoneElse(Question question)
    {
        // ("How did Khan describe ...?": asked what someone said who has a reaction of their own; that answers, not this.)
        // "What's Umunna's view on NATO?": a view asked of one person, on what the article says only of someone else.
        var asksView = question.Concepts.Any(c => c.Concept == Lexicon.View) && !question.Concepts.Any(c => c.Concept == Lexicon.React);
        var subject = SubjectOf(question) ?? (asksView && question.Entities is [{ Entity.IsPerson: true } only] ? only : null);
        if (subject is null || !(question.Type is QuestionType.Why or QuestionType.YesNo or QuestionType.How || asksView)
            || (question.Concepts.Any(c => c.Concept == Lexicon.React) && _facts.ReactionsBy(subject.Entity).Any()))
        {
            return null;
        }

        // ("why did vince cable refuse to have anything to do with them?": the seven refrained, not Cameron, whom the same fact
        // names; and what Cable did say is the rest of the answer.)
        if (ClaimedOfAnother(question, subject.Entity, CandidateKind.Fact) is not { Item: Fact fact }
            || fact.About.FirstOrDefault(e => e.IsPerson || e == _facts.Departure.Group) is not { } actual || actual == subject.Entity)
        {
            return null;
        }

        if (asksView)
        {
            return _compose.ViewNotGiven(subject.Entity, actual, fact);
        }

        var misplaced = _compose.SaidOfSomeoneElse(subject.Entity, actual, fact);
        return subject.Entity.IsPerson && _facts.ReactionsBy(subject.Entity).Any() ? _compose.Combine([misplaced, _compose.Reaction(subject.Entity)], 0) : misplaced;
    }

    /// <summary>
    /// "name the ones whose first names start with c", then "and the g one?": a letter that names of the seven start with
    /// (their surnames when the question says so). Null when the question isn't about initials.
    /// </summary>
    private (char Letter, bool? Surname)? Initial(Question question)
    {
        static bool AsksInitial(string[] words) =>
            Enumerable.Range(0, Math.Max(0, words.Length - 1)).Any(i => words[i] is "start" or "starts" or "starting" or "begin" or "begins" or "beginning" && words[i + 1] == "with");

        var asked = AsksInitial(question.Words);
        var context = question.ContextText is { } earlier ? Words.Split(earlier) : [];
        if (!asked && !(question.Named.Count == 0 && question.Words.Length <= 5 && AsksInitial(context)))
        {
            return null;
        }

        var about = asked ? question.Words : [.. question.Words, .. context];
        // Initials of the people who left ("which party starts with L" is about something else).
        if (!about.Any(w => w is "name" or "names" or "surname" or "surnames" or "first" or "last" or "whose" or "who" or "mps" or "mp" or "ones" or "them" or "people" or "members")
            || question.Named.Any(e => e != _facts.Departure.Group))
        {
            return null;
        }

        // "first name", "surname"; a bare "name" may be either.
        bool? surname = about.Any(w => w is "surname" or "surnames" or "last") ? true : about.Contains("first") ? false : null;
        // A letter standing alone, as typed ("s" is no possessive here); "a" and "i" are words.
        return SingleLetter().Matches(question.Text).LastOrDefault() is { } letter ? (char.ToLowerInvariant(letter.Value[0]), surname) : null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<![\w'’])[b-hj-zB-HJ-Z](?![\w'’])", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex SingleLetter();

    /// <summary>
    /// "What did Corbyn accuse them of?": the question makes someone the doer of what the article reports done to them (the
    /// seven accused Corbyn). Said so, with what the article does report from them. Null when the article has them doing it
    /// anywhere, or never names the act.
    /// </summary>
    private (Answer Answer, Entity Asked)? TheOtherWayRound(Question question)
    {
        const int ObjectReach = 4;
        if (SubjectOf(question) is not { Entity.IsPerson: true } mention || !_facts.ReactionsBy(mention.Entity).Any())
        {
            return null;
        }

        var subject = mention.Entity;
        var acts = question.Concepts.Where(c => c.Index > mention.Start && Index.Knows(c.Concept)
            && c.Concept is not (Lexicon.React or Lexicon.View or Lexicon.Leave or Lexicon.Reason or Lexicon.Happened or Lexicon.Join)).ToList();
        if (acts.Select(c => c.Concept).Distinct().ToList() is not [var act])
        {
            return null;
        }

        // Done to someone the question names after the act: "accuse them", "criticise the seven".
        var actAt = acts[0].Index;
        var objectAt = Array.FindIndex(question.Words, actAt + 1, w => w is "them" or "him" or "her");
        if (objectAt < 0 && !question.Entities.Any(m => m.Start > actAt && m.Entity != subject))
        {
            return null;
        }

        // Where the act stands in a text, and whether the subject is named only after it (done to) or also before it (doing).
        bool? DoneTo(string text)
        {
            var words = Words.Split(text);
            var at = Array.FindIndex(words, w => Lexicon.ConceptOf(w) == act);
            var named = at < 0 ? [] : Entities.Find(words).Where(m => m.Entity == subject).ToList();
            // ("... was criticised by X": after the act, but the doer.)
            // The object follows its verb closely ("accused the party leader, Jeremy Corbyn"); further on it may be anyone's.
            return named.Count == 0 ? null
                : named.Any(m => m.Start < at || words[m.Start - 1] == "by") ? false
                : named.Any(m => m.Start - at <= ObjectReach) ? true : null;
        }

        // Somewhere the article has them doing it: nothing to put right.
        var theirs = _facts.Facts.Where(f => f.About.Contains(subject)).ToList();
        if (theirs.Select(f => f.Text).Concat(_facts.ReactionsBy(subject).Select(r => r.Text)).Any(text => DoneTo(text) == false))
        {
            return null;
        }

        var doneTo = theirs.FirstOrDefault(f => DoneTo(f.Text) == true);
        if (doneTo?.About.FirstOrDefault(e => (e != subject && !IsSetting(e)) || e == _facts.Departure.Group) is not { } doer)
        {
            return null;
        }

        return (_compose.Combine([_compose.OtherWayRound(subject, doer, doneTo), _compose.Reaction(subject)], 0), subject);
    }

    /// <summary>
    /// The candidate of <paramref name="kind"/> that what the question claims of <paramref name="subject"/> really belongs to:
    /// the claim's words (beyond "say", "why", "leave") are rare ones it shares, and nothing about the subject shares any.
    /// </summary>
    private Candidate? ClaimedOfAnother(Question question, Entity subject, CandidateKind kind)
    {
        var claim = question.RankingConcepts.Where(c => c is not (Lexicon.React or Lexicon.View or Lexicon.Reason or Lexicon.Leave) && Index.Knows(c)).ToList();
        Entity[] subjects = _facts.Departure.Members.Contains(subject) ? [subject, _facts.Departure.Group] : [subject];
        bool AboutSubject(Candidate c) => subjects.Any(c.About.ContainsKey);
        if (claim.Count == 0 || Index.Candidates.Where(AboutSubject).Any(c => Index.Weight(c, claim) > 0))
        {
            return null;
        }

        var other = Index.Candidates.Where(c => c.Kind == kind && !AboutSubject(c)).MaxBy(c => Index.Weight(c, claim));
        return other is not null && Index.Weight(other, claim) >= Index.DistinctiveWeight ? other : null;
    }

    private (Answer Answer, string? Topic) Retrieve(Question question, HashSet<string> concepts, string? previousTopic)
    {
        var current = CandidateOf(previousTopic);
        if (current is not null && (current.Kind == CandidateKind.Gap || (current.Kind == CandidateKind.Fact && !current.Answers.Contains(QuestionType.Who)))
            && AsksOnlyForNames(question))
        {
            // "Any names?" after the hope that more MPs will join: that fact names no one, so it can't say who. (After a gap,
            // "has anyone joined yet?", the gap's "no one reported" still stands.)
            return (current.Kind == CandidateKind.Gap ? _compose.From(current) : _compose.NotSaid("who", current), TopicOf(current));
        }

        _ = Semantic; // load the model (first question only) before choosing the ranking it enables
        var ranked = Rank(question, Active);
        if ((current is null ? null : StaysOnTopic(question) ? current : SpokenOfIn(question, current, ranked)) is { } followed
            && (followed.Prospective || KindOfAnswerMissing(question, followed) is null) && (question.Type != QuestionType.Who || followed.Answers.Contains(QuestionType.Who)))
        {
            // "would staying in be an option on it?" after the second referendum: a follow-up that points back is most
            // likely still about what was just answered; a clearly better match elsewhere still wins. ("when was that?"
            // after why they left asks when they left: the reasons can't say when, and a plan's "when" the article lacks.
            // "who do they want to join it?" after their aim asks who, which the aim doesn't say.)
            ranked = [.. ranked.Select(r => r.Candidate == followed ? r with { Bonus = ContinuityBonus, Score = r.Score + ContinuityBonus } : r)
                .OrderByDescending(r => r.Score).ThenBy(r => r.Position)];
        }

        _probe?.Invoke(question, concepts, ranked);
        var decision = Decide(question, concepts, ranked, Active);
        if (decision is { Kind: DecisionKind.Found, Candidate: { Kind: CandidateKind.Reaction } repeated } && repeated == current && AsksOnlyWhy(question, current))
        {
            // "Is Khan going to join them?", then "why not?": his words, given again, are no reason; say the article gives none.
            decision = decision with { Kind = DecisionKind.NotSaid, Missing = "why" };
        }
        else if (decision is { Kind: DecisionKind.Found, Candidate: { Kind: CandidateKind.Reaction, Item: Reaction words } said } && question.Type == QuestionType.Why
            && question.Words.Any(IsNegation) && !words.By.Contains(_facts.Departure.Group) && question.Named.Any(words.By.Contains) && !said.TextConcepts.Contains(Lexicon.Reason)
            && question.Concepts.Select(c => c.Concept).Where(c => c is not (Lexicon.Reason or Lexicon.React) && Index.Knows(c))
                .All(c => said.Keywords.Contains(c) || said.TextConcepts.Contains(c)))
        {
            // "why isn't khan joining them?": asks the reason for a refusal his words already state, and they give none.
            decision = decision with { Kind = DecisionKind.NotSaid, Missing = "why" };
        }

        if (decision.Kind is DecisionKind.Found or DecisionKind.OnlyWhatIsKnown && SinglesOneOut(question)
            && (decision.Candidate?.Kind == CandidateKind.Profile || question.Words.Any(w => Lexicon.Vocabulary.Superlatives.Contains(w))))
        {
            // "which one is from liverpool?", "which of them is most at risk?": the article tells the seven apart by name only.
            decision = new Decision(DecisionKind.NotSaid, decision.Candidate?.Kind == CandidateKind.Profile ? DepartureCandidate : decision.Candidate, "which of them");
        }

        if (decision.Kind == DecisionKind.NotCovered && current is { Kind: CandidateKind.Fact or CandidateKind.Reaction })
        {
            if (question.ContextIsEarlierTurn && question.AsksDuration && question.Named.Count == 0)
            {
                // "for how long?" after the Blair-era MPs staying: the article gives no length of time; what it said is the closest.
                return (Compose(new Decision(DecisionKind.NotSaid, current, "how long")), previousTopic);
            }

            if (NarrowsTheLast(question, current))
            {
                // "best since when", "where, like in parliament?" after a fact: a detail asked of what was just answered, which
                // that answer gives; words around it the article doesn't know make it no new question.
                return (_compose.From(current), previousTopic);
            }
        }

        var answer = Compose(decision);
        if (decision is { Kind: DecisionKind.Found, Candidate.Item: Fact fact } && question.Named.Where(e => e.IsPerson).ToList() is [var member]
            && _facts.Departure.Members.Contains(member) && fact.About.Contains(_facts.Departure.Group) && !fact.About.Contains(member))
        {
            // "was angela smith elected in 2017?": the article says it of all seven; say so, and that she is one of them.
            answer = _compose.SaidOfAllOfThem(member, answer);
        }

        return (answer, decision.Candidate is { } found ? TopicOf(found) : null);
    }

    /// <summary>How many words a follow-up may have and still be read as asking a detail of the last answer.</summary>
    private const int DetailWords = 4;

    /// <summary>
    /// A short turn in a conversation asking when or where, which the last answer can say, naming no one new: a detail of that
    /// answer ("whats the capital of france lol" or "anything on russia?" ask something new).
    /// </summary>
    private bool NarrowsTheLast(Question question, Candidate current) =>
        question.ContextIsEarlierTurn && question.Type is QuestionType.When or QuestionType.Where && current.Answers.Contains(question.Type)
        && !question.IsFuture && question.Words.Length <= DetailWords && WordsOfSubstance(question).Count(w => !Index.Knows(Lexicon.ConceptOf(w) ?? w)) <= 1
        && question.Named.All(e => current.About.ContainsKey(e) || IsSetting(e))
        && question.UnnamedSpeaker is null
        && KindOfAnswerMissing(question, current) is null;

    /// <summary>"which one …", "which of them …", "who among them …": asks to single out one of the seven, naming none.</summary>
    private bool SinglesOneOut(Question question) =>
        (question.HasWords("which", "one") || question.HasWords("which", "of") || question.HasWords("among", "them") || question.HasWords("which", "mp"))
        && question.Named.All(e => e == _facts.Departure.Group || _facts.Departure.About.Contains(e));

    /// <summary>What retrieval settles on: an answer, an honest "doesn't say" with the nearest fact, or nothing.</summary>
    internal sealed record Decision(DecisionKind Kind, Candidate? Candidate = null, string? Missing = null, Entity? Entity = null);

    internal enum DecisionKind
    {
        NotCovered,
        OnlyWhatIsKnown,
        NotSaid,
        Found,
    }

    internal Answer Compose(Decision decision) => decision.Kind switch
    {
        DecisionKind.Found => _compose.From(decision.Candidate!),
        DecisionKind.NotSaid => _compose.NotSaid(decision.Missing!, decision.Candidate!),
        DecisionKind.OnlyWhatIsKnown => _compose.OnlyWhatIsKnown(decision.Entity!),
        _ => _compose.NotCovered(),
    };

    /// <summary>
    /// In "did corbyn apologise …" or "has it threatened …", the verb right after the auxiliary and its subject (someone named,
    /// or a pronoun), when it is a word the article never uses and no slip of one; else null.
    /// </summary>
    private string? UnknownPredicate(Question question)
    {
        var words = question.Words;
        if (question.Type != QuestionType.YesNo || words.Length < 3 || !Lexicon.Vocabulary.Auxiliaries.Contains(words[0]) || words[0] is "is" or "are" or "was" or "were")
        {
            return null;
        }

        var after = question.Entities.FirstOrDefault(m => m.Start == 1) is { } subject ? subject.Start + subject.Length
            : words[1] is "he" or "she" or "it" or "they" ? 2 : -1;
        if (after < 0 || after >= words.Length)
        {
            return null;
        }

        var verb = words[after];
        return Lexicon.IsKnownWord(verb) || Lexicon.IsSlipOfKnownWord(verb) || Index.Knows(Lexicon.ConceptOf(verb) ?? verb)
            || question.Entities.Any(m => m.Start == after) ? null : verb;
    }

    /// <summary>
    /// "which palestinian organisations …", "which IRA members": "which", then a word of the fact's own text, then a plural:
    /// things of a kind the fact names only as that kind.
    /// </summary>
    private bool WhichOfAKind(Question question, Candidate fact)
    {
        const int Reach = 3;
        bool IsPlural(string w) => w.Length > 3 && w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal) && !Lexicon.IsStopWord(w)
            && !Lexicon.Vocabulary.Auxiliaries.Contains(w);
        if (question.Words is not ["which", ..] || Array.FindIndex(question.Words, 1, Math.Min(Reach, question.Words.Length - 1), IsPlural) is not (> 0 and var plural))
        {
            return false;
        }

        // "which tories?": members of a body the fact speaks of only as a whole, naming none of them.
        if (plural == 1)
        {
            return question.Entities.FirstOrDefault(m => m.Start == 1) is { Entity.IsPerson: false } body && body.Entity != _facts.Departure.Group
                && fact.About.ContainsKey(body.Entity) && !fact.About.Keys.Any(e => e.IsPerson);
        }

        // The kind is named by a word before the plural ("palestinian", "IRA"); "which members has he defended?" asks the
        // kind itself, which the fact gives.
        var text = fact.Item is Fact said ? Words.Split(said.Text) : [];
        return question.Words[1..plural].Any(w => !Lexicon.IsStopWord(w) && text.Contains(w));
    }

    /// <summary>"which seats?", "which local parties?": the concept of the plural things a short question asks to have named.</summary>
    private string? AsksWhichOnes(Question question) =>
        question.Words is ["which", .. var rest] && rest.Length is > 0 and <= 3 && rest[^1].EndsWith('s') && question.Named.Count == 0
        && question.Concepts is [var (_, concept)] ? concept : null;

    /// <summary>How far below a gap that can't answer the kind of question asked a candidate that can may score and still win.</summary>
    private const double UnfitGapMargin = 0.1;

    /// <summary>How far behind a fact someone's reported words may rank and still answer what that someone did.</summary>
    private const double OwnWordsMargin = 0.1;

    // Asked who said something, a reaction is what is asked for: it may rank a little further behind than someone's own words.
    private const double WhoSaidMargin = 0.15;

    /// <summary>How far ahead of the second candidate the first must be to outweigh unknown words around the question.</summary>
    private const double ClearLead = 0.25;

    /// <summary>The retrieval decision for a ranked list under a given ranking: a pure function, so calibration can replay it.</summary>
    internal Decision Decide(Question question, HashSet<string> concepts, IReadOnlyList<RankedCandidate> ranked, Ranking ranking)
    {
        var named = question.Named;
        var unknown = concepts.Where(c => !Index.Knows(c)).ToList();
        var best = ranked[0];
        var shared = FactIndex.SharedConcepts(best.Candidate, question);
        if (!question.ContextIsEarlierTurn)
        {
            // What the same message said around its question ("seeing the word 'institutional' everywhere, what's it attached
            // to?") is part of what it asks.
            shared += question.ContextConcepts.Count(c => best.Candidate.Keywords.Contains(c) || best.Candidate.TextConcepts.Contains(c));
        }

        // Mostly about things the article never mentions ("what's the weather in London?"): don't stretch a weak match.
        // ("drop the full list of who bailed pls no cap": slang around two words that point at one fact, far ahead of the rest,
        // is still that fact.)
        var clearLead = shared >= 2 && ranked.Count > 1 && best.Score - ranked[1].Score >= ClearLead;
        // The party they left is named in nearly every fact, so naming it points at none of them: "has labour opened an
        // investigation into it?" is about an investigation, which the article never mentions.
        var offTopic = unknown.Count > shared + named.Count(e => !_facts.Departure.About.Contains(e)) && !clearLead;
        var weak = best.Score < ranking.Threshold || offTopic;
        if (best.Semantic is null)
        {
            // Without the sentence model, words alone decide, so one unknown word against one shared one is already too weak.
            weak = weak || (named.Count == 0 && !question.MentionsThem && unknown.Count > 0 && unknown.Count >= shared);
        }

        var found = best.Candidate;
        if ((weak || found.Kind == CandidateKind.Gap) && QuotesTheArticle(question, ranked, ranking) is { } quoted)
        {
            // "caught the words 'final say' from some lib dem guy": words quoted from the article point at their sentence,
            // however much chatter is around them. ("what does the 'for the time being' bit refer to": a gap, which is
            // what the article lacks, never holds words it has.)
            best = quoted;
            found = quoted.Candidate;
            weak = false;
        }

        if (weak)
        {
            // Words found too little; a question that means what an example means still gets its answer.
            var closest = ranked.Where(r => r.Semantic is not null).MaxBy(r => r.Semantic);
            // "who's funding it?" after the group's plans: the earlier question makes it sound close, but what it asks is new.
            // ("which month?" names the kind of answer, not a new thing.)
            var asksNew = offTopic && question.ContextIsEarlierTurn && !AsksKindOf(question, unknown);
            if (closest is null || closest.Semantic < ranking.SemanticFallback || asksNew)
            {
                return new Decision(DecisionKind.NotCovered);
            }

            best = closest;
            found = closest.Candidate;
        }

        // "what year did they quit and how many were there": a gap about the year is no answer to "how many"; a candidate
        // close behind that answers that kind of question is.
        // ("How many have joined so far?": a gap about whether it has happened yet answers any question of how far it got.)
        if (found.Kind == CandidateKind.Gap && question.Type is QuestionType.HowMany or QuestionType.When or QuestionType.Where or QuestionType.Who
            && !found.Answers.Contains(question.Type) && !(question.AsksOutcome && found.Prospective)
            && ranked.FirstOrDefault(r => r.Candidate != found && r.Score >= ranking.Threshold && best.Score - r.Score <= UnfitGapMargin
                && (r.Candidate.Kind == CandidateKind.Gap ? r.Candidate.Answers.Contains(question.Type) : KindOfAnswerMissing(question, r.Candidate) is null)) is { } fits)
        {
            best = fits;
            found = fits.Candidate;
        }

        // "when did they resign?": the gap about the year shares only the leaving with the question, which the leaving itself has
        // too, with its date; a gap that adds nothing the question asks is no reason to say the article lacks it.
        // ("what year?" names the very thing the gap says is missing, so only a plain "when" counts.)
        if (found.Kind == CandidateKind.Gap && question.Type == QuestionType.When && question.Words.Contains("when") && !question.ContextIsEarlierTurn
            && question.Concepts.Select(c => c.Concept).Where(c => Index.Knows(c) && Holds(found, c)).ToList() is { Count: > 0 } sharedWithGap
            && ranked.FirstOrDefault(r => r.Candidate.Kind is CandidateKind.Fact or CandidateKind.Departure && r.Score >= ranking.Threshold
                && best.Score - r.Score <= UnfitGapMargin && KindOfAnswerMissing(question, r.Candidate) is null && sharedWithGap.All(c => Holds(r.Candidate, c))) is { } dated)
        {
            best = dated;
            found = dated.Candidate;
        }

        static bool Holds(Candidate candidate, string concept) => candidate.Keywords.Contains(concept) || candidate.TextConcepts.Contains(concept);

        // "which constituencies?", "which local parties?" after the deselection risk: asks which ones, and a fact that speaks of
        // them only as "their constituencies" can't say; the gap about exactly that, ranked close, answers it.
        if (found.Kind != CandidateKind.Gap && AsksWhichOnes(question) is { } ones
            && ranked.FirstOrDefault(r => r.Candidate.Kind == CandidateKind.Gap && r.Candidate.Keywords.Contains(ones) && best.Score - r.Score <= UnfitGapMargin) is { } namesNone)
        {
            best = namesNone;
            found = namesNone.Candidate;
        }

        // "what is the name of the new political group?": asks a name, which a fact that doesn't give one can't answer; the gap
        // that says the article gives none does, wherever it ranks above the threshold: the fact's shared words don't give a name.
        if (found.Kind != CandidateKind.Gap && question.Type == QuestionType.What && question.HasConcept("name") && !found.Keywords.Contains("name")
            && !found.TextConcepts.Contains("name")
            && ranked.FirstOrDefault(r => r.Candidate.Kind == CandidateKind.Gap && r.Candidate.Keywords.Contains("name") && r.Score >= ranking.Threshold) is { } noName)
        {
            best = noName;
            found = noName.Candidate;
        }

        // "is there going to be a second referendum?": a fact about what someone would do if it came is no yes or no to whether it
        // will; the gap that says the article can't tell, ranked close, is.
        if (found.Kind == CandidateKind.Fact && question.Type == QuestionType.YesNo && question.IsFuture && question.Named.Count == 0
            && ranked.FirstOrDefault(r => r.Candidate.Kind == CandidateKind.Gap && r.Candidate.Prospective && r.Candidate.Answers.Contains(QuestionType.YesNo)
                && r.Score >= ranking.Threshold && best.Score - r.Score <= UnfitGapMargin) is { } undecided)
        {
            best = undecided;
            found = undecided.Candidate;
        }

        // "the IRA thing?": a topic named without a question asks what the article says of it, not what it leaves out; a fact
        // ranked close says.
        // ("chuka's constituency?", "guess the year": a name or a kind of answer is asked for, which the gap says is missing.)
        if (found.Kind == CandidateKind.Gap && !found.Prospective && question.Type == QuestionType.None && !question.ContextIsEarlierTurn
            && question.Named.Count == 0 && concepts.Count > 0 && concepts.All(c => Index.Knows(c) && !Lexicon.Vocabulary.GeneralConcepts.Contains(c))
            && ranked.FirstOrDefault(r => r.Candidate.Kind is CandidateKind.Fact or CandidateKind.Reaction && r.Score >= ranking.Threshold
                && best.Score - r.Score <= UnfitGapMargin) is { } topical)
        {
            best = topical;
            found = topical.Candidate;
        }

        // "which palestinian groups did corbyn back?", "which IRA members?": asks to have named what a fact speaks of only as a
        // kind; the fact is the closest the article comes, not the answer.
        if (found.Kind == CandidateKind.Fact && !found.Answers.Contains(QuestionType.Who) && WhichOfAKind(question, found))
        {
            return new Decision(DecisionKind.NotSaid, found, "which ones");
        }

        // "Why did Vince Cable refuse to work with the rebels?": someone whose words the article reports, named as the one who
        // acted, is answered with those words when they rank close; a fact about others that shares the verb is not what they did.
        // ("Why did Unison tell the seven to come back?": a body that spoke, too; the seven and their party are in every fact.)
        if (found.Kind == CandidateKind.Fact && SubjectOf(question) is { Entity: var actor } && !found.About.ContainsKey(actor)
            && (actor.IsPerson || (actor != _facts.Departure.Group && !_facts.Departure.About.Contains(actor)))
            && ranked.FirstOrDefault(r => r.Candidate.Kind == CandidateKind.Reaction && r.Candidate.About.ContainsKey(actor)) is { } theirs
            && best.Score - theirs.Score <= OwnWordsMargin)
        {
            best = theirs;
            found = theirs.Candidate;
        }

        // "did anyone say labour should look into why they quit?": asks who said it, so someone's reported words, when they
        // rank close, answer it; a fact that shares the words is not anyone's saying.
        // ("who said they're sticking with labour for the time being?": of the words close behind, those of the sentence the fact
        // rests on.)
        var sentence = SourceOf(found.Item)?.Sentence;
        // (Words of that very sentence may trail a little further.)
        bool Said(RankedCandidate r, double margin) => r.Candidate.Kind == CandidateKind.Reaction && r.Score >= ranking.Threshold && best.Score - r.Score <= margin;
        if (found.Kind == CandidateKind.Fact && AsksWhoSaid(question)
            && (ranked.FirstOrDefault(r => Said(r, 2 * WhoSaidMargin) && SourceOf(r.Candidate.Item)?.Sentence == sentence)
                ?? ranked.FirstOrDefault(r => Said(r, WhoSaidMargin))) is { } said)
        {
            best = said;
            found = said.Candidate;
        }

        // "How old is Corbyn?": everything it asks is unknown to the article, whatever ranked first.
        var asksOnlyUnknown = unknown.Count > 0 && concepts.All(unknown.Contains) && question.ContextConcepts.Count == 0 && named is [{ IsPerson: true }]
            && KindOfAnswerMissing(question, found) is null;
        // ("What seat is she MP for?": a profile says who someone is; asked for some other thing about them, it can't say.)
        var profileCantSay = found.Kind == CandidateKind.Profile && question.Type is QuestionType.What or QuestionType.Where or QuestionType.When or QuestionType.HowMany
            && concepts.Count > 0;
        if ((unknown.Count > 0 || concepts.Count > 0) && (shared == 0 || profileCantSay) && named.Count == 1 && (found.Kind == CandidateKind.Profile || asksOnlyUnknown))
        {
            // "How old is Chuka Umunna?", "who runs Unison?": the article names them but says nothing of that; say so, then what it does say.
            return new Decision(DecisionKind.OnlyWhatIsKnown, found, Entity: named[0]);
        }

        // "How many MPs do the Lib Dems have?": a count of something named is no count of anything else ("seven" is Labour's).
        if (question.Type == QuestionType.HowMany && found.Kind != CandidateKind.Gap && named.Where(e => !IsSetting(e)).ToList() is { Count: > 0 } counted
            && !counted.Any(found.About.ContainsKey))
        {
            return new Decision(DecisionKind.NotSaid, found, "how many");
        }

        // The one count the article gives is of those who left; a count asked with no word for leaving may be of something else.
        var countsOtherThanLeaving = question.Type == QuestionType.HowMany && found.Kind == CandidateKind.Departure && !concepts.Contains(Lexicon.Leave)
            && !question.ContextConcepts.Contains(Lexicon.Leave);

        // "How many MPs does Labour have?", "how many labour mps are there?": asked what a party has, it counts something else.
        if (countsOtherThanLeaving && !question.MentionsThem
            && (question.Words.Any(w => w is "have" or "has" or "got") || question.HasWords("are", "there")))
        {
            var gap = ranked.Where(r => r.Candidate.Kind == CandidateKind.Gap && r.Candidate.Answers.Contains(QuestionType.HowMany) && r.Candidate.About.Keys.Any(named.Contains))
                .MaxBy(r => r.Semantic ?? r.Score);
            return gap is null ? new Decision(DecisionKind.NotSaid, found, "how many") : new Decision(DecisionKind.Found, gap.Candidate);
        }

        // "How many members signed up to the new platform?": a gap about such a count, fitting as closely and closer in
        // meaning, is what is asked.
        if (countsOtherThanLeaving
            && ranked.FirstOrDefault(r => r.Candidate.Kind == CandidateKind.Gap && r.Candidate.Answers.Contains(QuestionType.HowMany)
                && best.Score - r.Score <= UnfitGapMargin && r.Semantic > best.Semantic) is { } countGap)
        {
            return new Decision(DecisionKind.Found, countGap.Candidate);
        }

        // "did corbyn apologise over the row?", "has labour launched an investigation?": what the question asks whether they did
        // is a verb the article never uses, so no fact of it can say yes or no, however much else it shares.
        if (found.Kind != CandidateKind.Gap && UnknownPredicate(question) is { } verb)
        {
            return new Decision(DecisionKind.NotSaid, found, $"anything about “{verb}”");
        }

        // "When would it be held?", "who will quit next?": the best match must be able to answer that kind of question.
        var missing = KindOfAnswerMissing(question, found);
        if (missing is null && AsksKindOf(question, unknown) && found.Kind != CandidateKind.Gap)
        {
            // "What percentage did Labour get?": the kind of answer asked for is a word the article never uses, so no
            // other candidate has it either.
            return new Decision(DecisionKind.NotSaid, found, question.Words[0] + " " + question.Words[1]);
        }

        if (missing is not null)
        {
            var fitting = ranked.Skip(1).FirstOrDefault(r => KindOfAnswerMissing(question, r.Candidate) is null && r.Score >= ranking.Threshold);
            // "why did they walk out?", then "when was that?": the follow-up asks only "when" of the same event; the reasons
            // can't say when, and the leaving itself, close behind, can. (A plan's "when" the article lacks: no such step.)
            var margin = question.Concepts.Count == 0 && question.ContextIsEarlierTurn && !found.Prospective ? UnfitGapMargin : ranking.FitMargin;
            if (fitting is null || best.Score - fitting.Score > margin)
            {
                return new Decision(DecisionKind.NotSaid, found, missing);
            }

            found = fitting.Candidate;
        }

        return new Decision(DecisionKind.Found, found);
    }

    /// <summary>
    /// The best-ranked candidate whose article sentence holds words the question quotes ('final say', "institutional")
    /// verbatim; null when nothing is quoted, the quote is only small words, or no candidate's sentence has it.
    /// </summary>
    /// <summary>Whether <paramref name="words"/> are quoted in the question and are the article's own words.</summary>
    private bool QuotesTheArticle(string[] words, string text) =>
        QuotedPhrase().Matches(text).Any(m => Words.Split(m.Groups["quote"].Value).SequenceEqual(words))
        && words.Where(w => !Lexicon.IsStopWord(w)).All(ArticleWords.Contains);

    private RankedCandidate? QuotesTheArticle(Question question, IReadOnlyList<RankedCandidate> ranked, Ranking ranking)
    {
        var text = question.ContextIsEarlierTurn || question.ContextText is null ? question.Text : question.Text + " " + question.ContextText;
        var phrases = QuotedPhrase().Matches(text)
            .Select(m => Words.Split(m.Groups["quote"].Value))
            .Where(words => words.Length is > 0 and <= 8 && words.Any(w => w.Length >= 4 && !Lexicon.IsStopWord(w)))
            .ToList();
        if (phrases.Count == 0)
        {
            return null;
        }

        bool Cites(RankedCandidate r) =>
            SourceOf(r.Candidate.Item) is { } source
            && Words.Split(_facts.Article.Sentences[source.Sentence - 1]) is var sentence
            && phrases.Any(p => Enumerable.Range(0, sentence.Length - p.Length + 1).Any(i => sentence.AsSpan(i, p.Length).SequenceEqual(p)));

        // Still a match in words or meaning: a quote alone does not make a fact of an unrelated question.
        return ranked.Where(r => r.Score >= ranking.Threshold / 2).FirstOrDefault(Cites);
    }

    private static SourceRef? SourceOf(object item) => item switch
    {
        Fact fact => fact.Source,
        Reaction reaction => reaction.Source,
        Entity entity => entity.Source,
        Departure departure => departure.Source,
        _ => null,
    };

    [System.Text.RegularExpressions.GeneratedRegex("""(?:^|[\s(])['‘"“](?<quote>[^'‘’"“”]{2,80})['’"”](?=$|[\s.,;:!?)])""")]
    private static partial System.Text.RegularExpressions.Regex QuotedPhrase();

    private bool AsksOpinion(string[] words) =>
        Lexicon.Vocabulary.OpinionAsks.Any(p => Enumerable.Range(0, words.Length).Any(i => Lexicon.StartsAt(words, i, p)));

    /// <summary>"which month", "what colour": the unknown word right after the question word is the kind of answer wanted.</summary>
    // "What made them resign?" asks why, whatever "made" is.
    private bool AsksKindOf(Question question, List<string> unknown) =>
        question.Type != QuestionType.Why
        && question.Words is [var first, var second, ..] && first is "what" or "which" && unknown.Contains(Lexicon.ConceptOf(second) ?? second);

    // Set only while calibrating (single-threaded): sees every retrieval with its ranked candidates.
    private Action<Question, HashSet<string>, List<RankedCandidate>>? _probe;

    /// <summary>Answers <paramref name="request"/> and reports each retrieval it made: what `calibrate` replays under other rankings.</summary>
    internal Answer AnswerObserved(BotRequest request, Action<Question, HashSet<string>, List<RankedCandidate>> probe)
    {
        _probe = probe;
        try
        {
            return Answer(request);
        }
        finally
        {
            _probe = null;
        }
    }

    /// <summary>The candidates re-scored under another ranking, best first.</summary>
    internal static List<RankedCandidate> Rescore(IEnumerable<RankedCandidate> ranked, Ranking ranking) =>
        [.. ranked.Select(r => r with { Score = ranking.Score(r.Lexical, r.Semantic) + r.Bonus }).OrderByDescending(r => r.Score).ThenBy(r => r.Position)];

    /// <summary>
    /// "Why?", "why not?", "how come tho", "did he give a reason?": a follow-up asking only for the reason of what was just
    /// answered, naming no one but whoever it was about.
    /// </summary>
    private bool AsksOnlyWhy(Question question, Candidate answered) =>
        (question.Type == QuestionType.Why || (question.Type == QuestionType.YesNo && question.HasConcept(Lexicon.Reason))) && question.Named.All(answered.About.ContainsKey)
        && Enumerable.Range(0, question.Words.Length).All(i => question.Entities.Any(m => i >= m.Start && i < m.Start + m.Length)
            || question.Words[i] is var w && (Lexicon.IsStopWord(w) || Lexicon.IsFiller(w) || IsNegation(w) || Lexicon.Vocabulary.QuestionWords.Contains(w)
                || Lexicon.ConceptOf(w) is Lexicon.Reason or Lexicon.React));

    /// <summary>
    /// A follow-up that asks nothing but names: "any names?", "names?", "who?"; nothing named, and no word of substance
    /// besides a word for names or for MPs.
    /// </summary>
    private bool AsksOnlyForNames(Question question)
    {
        if (!question.ContextIsEarlierTurn || question.Named.Count > 0 || question.Entities.Count > 0)
        {
            return false;
        }

        var asksNames = question.Concepts.Any(c => c.Concept is "names" or Lexicon.FullName) || question.Words is ["who"];
        return asksNames && WordsOfSubstance(question).All(w => Lexicon.ConceptOf(w) is "names" or Lexicon.FullName or "mp");
    }

    /// <summary>"anything else?", "what else did he say?", "what else is on the list?": asks only for more of what was said.</summary>
    private bool AsksForMore(Question question) =>
        question.Words.Contains("else") && question.Type != QuestionType.Who && question.Words[0] is "anything" or "what" or "and" or "owt" or "any"
        && !question.Words.Any(w => w is "anyone" or "anybody" or "someone" or "somebody" or "who" or "happened" or "happen")
        && WordsOfSubstance(question).All(w => w is "list" || Lexicon.ConceptOf(w) is Lexicon.React or "more");

    /// <summary>The question's words but small words, chat filler and question words.</summary>
    private List<string> WordsOfSubstance(Question question) =>
        [.. question.Words.Where(w => !Lexicon.IsStopWord(w) && !Lexicon.IsFiller(w) && !Lexicon.Vocabulary.QuestionWords.Contains(w))];

    /// <summary>What staying on the topic just answered adds to its candidate's score, for a follow-up that points back.</summary>
    private const double ContinuityBonus = 0.2;

    /// <summary>
    /// A follow-up that points back at what was just answered ("on it", "that time", "how long has that been going on") and
    /// names no one new: a turn of the same conversation, not a new question.
    /// </summary>
    private bool StaysOnTopic(Question question) =>
        question.Named.All(IsSetting) // the story's setting names no one new ("how'd labour do that time")
        && Enumerable.Range(0, question.Words.Length).Any(i => question.Words[i] switch
        {
            "it" => true,
            // "how long has that been going on", "that time"; not "those reasons", which asks for what the answer only mentioned,
            // nor "this time", which is now.
            "that" => i + 1 == question.Words.Length || question.Words[i + 1] == "time" || Lexicon.IsStopWord(question.Words[i + 1]),
            "this" => i + 1 == question.Words.Length || (question.Words[i + 1] != "time" && Lexicon.IsStopWord(question.Words[i + 1])),
            "those" or "these" => i + 1 == question.Words.Length, // "what views are those?" after their aim
            _ => false,
        });

    /// <summary>
    /// "What was special about that election?": the thing pointed at is what the answer was about (the 2017 election fact), or
    /// one it only spoke of, whose own fact is the one told in the same sentence (Corbyn's reaction mentions the election), else
    /// the best-ranked fact about it ("those reasons", "which reasons?" after Unison's call to look at them: why they left).
    /// </summary>
    private Candidate? SpokenOfIn(Question question, Candidate current, List<RankedCandidate> ranked)
    {
        var pointedAt = question.Concepts.Where(c => c.Index > 0 && question.Words[c.Index - 1] is "that" or "this" or "those" or "these")
            .Select(c => c.Concept).ToList();
        // "Which reasons?" asks about something the answer only mentioned, never what it was about ("which year?").
        var mentioned = question.Concepts.Where(c => c.Index > 0 && question.Words[c.Index - 1] is "those" or "these" or "which"
            && current.TextConcepts.Contains(c.Concept) && !current.Keywords.Contains(c.Concept)).Select(c => c.Concept).ToList();
        if (pointedAt.Count + mentioned.Count == 0 || !question.Named.All(IsSetting) || SourceOf(current.Item) is not { } told)
        {
            return null;
        }

        if (pointedAt.Any(current.Keywords.Contains))
        {
            return current;
        }

        return Index.Candidates.FirstOrDefault(c => c != current && c.Kind == CandidateKind.Fact && SourceOf(c.Item)?.Sentence == told.Sentence
                && pointedAt.Any(p => c.TextConcepts.Contains(p) || c.Keywords.Contains(p)))
            // ("The reasons the MPs chose to quit": of the facts about reasons, the one about quitting.)
            ?? ranked.Select(r => r.Candidate).Where(c => c != current && c.Kind == CandidateKind.Fact && mentioned.Any(c.Keywords.Contains))
                .OrderByDescending(c => c.Keywords.Count(current.TextConcepts.Contains)).FirstOrDefault();
    }

    /// <summary>Every candidate scored against the question, best first: word overlap and, when the model is loaded, meaning.</summary>
    private List<RankedCandidate> Rank(Question question, Ranking ranking)
    {
        var similarities = Semantic?.Similarities(question.ContextText is null ? question.Text : question.Text + " " + question.ContextText);
        var ranked = new List<RankedCandidate>(Index.Candidates.Count);
        for (var i = 0; i < Index.Candidates.Count; i++)
        {
            var candidate = Index.Candidates[i];
            if (candidate.OnlyOfTheFuture && !question.IsFuture)
            {
                continue; // "is the new lot anti-corbyn?" is not asked of what may come
            }

            var lexical = Index.Score(candidate, question);
            double? semantic = similarities is null ? null : similarities[i];
            ranked.Add(new RankedCandidate(candidate, i, lexical, semantic, ranking.Score(lexical, semantic)));
        }

        // Stable: on a tie the fact set's order decides (profiles, then gaps, then facts), as FactIndex lays it out.
        return [.. ranked.OrderByDescending(r => r.Score)];
    }

    /// <summary>What the question asks that this candidate can't say ("when", "what happens next"), or null when it fits.</summary>
    private static string? KindOfAnswerMissing(Question question, Candidate candidate)
    {
        if (candidate.Kind == CandidateKind.Gap)
        {
            return null; // a gap's answer is already "the article doesn't say"
        }

        if (question.IsFuture && !candidate.Prospective && candidate.Kind != CandidateKind.Reaction)
        {
            return "what will happen";
        }

        // "Has that happened to any of them yet?": a hope or a risk is no answer to whether it came true.
        // ("which Conservatives actually ended up joining them?": who did, which a hope can't say either.)
        if (candidate.Prospective && question.Type is QuestionType.YesNo or QuestionType.Who && !question.IsFuture && question.AsksOutcome)
        {
            return "whether it has happened yet";
        }

        // "Has a date been set for that vote?": only something the article dates can say.
        if (question.Words.Any(w => w is "date" or "dates") && question.Type == QuestionType.YesNo && !candidate.TextConcepts.Contains("date")
            && !candidate.Keywords.Contains("date"))
        {
            return "when";
        }

        if (question.AsksDuration && !candidate.Answers.Contains(QuestionType.When))
        {
            return "how long";
        }

        // "What year did they leave?": a date without a year ("February 18") doesn't answer it.
        var asksYear = question.Words.Any(w => w == "year") && (question.Type == QuestionType.When || question.Words.Any(w => w is "what" or "which"));
        if (asksYear && !candidate.TextConcepts.Contains("year"))
        {
            return "which year";
        }

        // "Who's going to replace them as candidates?": a risk or a hope names no one who will ("who does the group hope will
        // share their platform?" asks the hope itself).
        if (question.Type == QuestionType.Who && question.IsFuture && candidate.Prospective && !candidate.Answers.Contains(QuestionType.Who)
            && !question.Concepts.Any(c => c.Concept is "hope" or "aim"))
        {
            return "who";
        }

        // "Exact vote share % in 2017?": only a fact that gives a percentage says one ("the biggest share since 1945" doesn't).
        if (question.Words.Any(w => w is "percent" or "percentage" or "percentages") && !candidate.TextConcepts.Contains("percent")
            && !candidate.Keywords.Contains("percent"))
        {
            return "the exact figure";
        }

        // "Which month?": only a fact that gives one ("June 2017", "February 18") says.
        if (question.Words.Any(w => w is "month" or "months") && question.Type == QuestionType.When && !candidate.Keywords.Contains("month"))
        {
            return "which month";
        }

        return question.Type switch
        {
            QuestionType.When when !candidate.Answers.Contains(QuestionType.When) => "when",
            QuestionType.HowMany when !candidate.Answers.Contains(QuestionType.HowMany) => "how many",
            QuestionType.Where when !candidate.Answers.Contains(QuestionType.Where) => "where",
            _ => null,
        };
    }

    /// <summary>"Since eight MPs left", "the 9 who quit": a count of those who left that isn't the article's.</summary>
    private int? WrongCount(Question question)
    {
        // The count must stand next to who or what left: "eight MPs left", "the 9 who quit", "nine rebels".
        var words = question.Words;
        for (var i = 0; i < words.Length; i++)
        {
            // ("the other five who left" counts the rest of them, not all; "which two parties' MPs" counts parties.)
            if (Words.NumberValue(words[i]) is { } stated && stated > 1 && stated != _compose.LeaverCount && !(i > 0 && words[i - 1] is "other")
                && !(i + 1 < words.Length && Lexicon.ConceptOf(words[i + 1]) == "party")
                && words.Skip(i + 1).Take(3).Any(w => Lexicon.ConceptOf(w) is Lexicon.Leave or "mp" || w is "who" || Entities.Find([w]).Any(m => m.Entity == _facts.Departure.Group)))
            {
                return stated;
            }
        }

        return null;
    }

    /// <summary>The fact or reaction a topic key of <see cref="TopicOf"/> names ("fact:aim", "reaction:khan"); else null.</summary>
    private Candidate? CandidateOf(string? topic) => topic?.Split(':') switch
    {
        ["fact", var id] => Index.Candidates.FirstOrDefault(c => c.Item is Fact f && f.Id == id),
        ["gap", var id] => Index.Candidates.FirstOrDefault(c => c.Item is Gap g && g.Id == id),
        ["reaction", var id] => Index.Candidates.FirstOrDefault(c => c.Item is Reaction r && r.By[0].Id == id),
        _ => null,
    };

    private static string? TopicOf(Candidate candidate) => candidate.Item switch
    {
        Departure => "departure",
        Fact fact => "fact:" + fact.Id,
        Gap gap => "gap:" + gap.Id,
        Reaction reaction => "reaction:" + reaction.By[0].Id,
        Entity entity => "profile:" + entity.Id,
        _ => null,
    };

    /// <summary>A claim stated as given: corrected when it names someone whose reaction the article reports.</summary>
    private Answer? CheckPremise(string premise)
    {
        var question = Analyze(premise);
        if (WrongCount(question) is { } stated)
        {
            return _compose.CountCorrection(stated);
        }

        if (NotAmongThoseWhoLeft(premise) is { } membership)
        {
            return membership;
        }

        // "After Corbyn praised them, ...", "since the lib dems slammed the door on them": what the one speaker the claim is
        // about really said. "Vince Cable" and "the Lib Dems" share one reaction: that is one claim to check, not two. The
        // party they left is the setting, not a speaker, and after "they" the speaker is the object ("they joined the Lib Dems").
        var departure = _facts.Departure;
        var reactors = question.Named.Where(e => e != departure.Group && !departure.About.Contains(e) && _facts.ReactionsBy(e).Any())
            .DistinctBy(e => _facts.ReactionsBy(e).First()).ToList();
        if (reactors is [var speaker] && question.Entities[0].Entity == speaker && !question.Words[..question.Entities[0].Start].Contains("they"))
        {
            return _compose.Reaction(speaker);
        }

        // "Since they all signed up with the Lib Dems, ...": the claim says it happened, the fact it points at says it didn't.
        if (!question.Words.Any(IsNegation) && Route(question, null) is var (denial, _)
            && denial.Kind == AnswerKind.Fact && denial.BodyLines.FirstOrDefault() is { } first && Words.Split(first).Any(IsNegation))
        {
            return denial;
        }

        return reactors is [var named] ? _compose.Reaction(named) : null;
    }

    /// <summary>"What did Theresa May say when her seven Tory MPs walked out?": the occasion is a claim too, checked as one.</summary>
    private Answer? OccasionCorrection(string question)
    {
        var words = Words.Split(question);
        var at = Array.FindIndex(words, 1, w => w is "when" or "after" or "once");
        return at > 0 && at + 2 < words.Length && words[(at + 1)..].Any(w => Lexicon.ConceptOf(w) == Lexicon.Leave)
            ? NotAmongThoseWhoLeft(string.Join(' ', words[(at + 1)..]))
            : null;
    }

    /// <summary>
    /// "since john mcdonnell was one of the seven, …", "given that tom watson quit too, …": asked as the question it takes
    /// for granted, a "no" is the correction.
    /// </summary>
    private Answer? NotAmongThoseWhoLeft(string claim) =>
        Analyze(AsYesNo(Words.Split(claim))) is var asked && MembershipQuestion(asked, asked.Named) is { } membership
        && membership.Title.StartsWith("No", StringComparison.Ordinal) ? membership : null;

    /// <summary>"since X was one of them" as "was X one of them", "given that X quit too" as "did X quit too".</summary>
    private string AsYesNo(string[] claim)
    {
        var start = claim is ["given" or "now", "that", ..] ? 2 : claim is ["since" or "as" or "because" or "cos" or "coz" or "if" or "so", ..] ? 1 : 0;
        var words = claim[start..];
        return Words.InQuestionOrder(words) is { } asked ? string.Join(' ', asked) : "did " + string.Join(' ', words);
    }

    /// <summary>The fact or reaction of <paramref name="topic"/> when it holds every word of substance of the question; else null.</summary>
    private Candidate? DetailOf(Question question, string? topic)
    {
        var item = CandidateOf(topic);
        var text = item?.Item switch
        {
            Fact f => f.Text,
            Reaction r => r.Text,
            _ => null,
        };
        if (item is null || text is null)
        {
            return null;
        }

        var said = Words.Split(text);
        var asked = WordsOfSubstance(question);
        // ("Which reasons?" after Unison's call to look at "the reasons the MPs chose to quit": named there, not given.)
        // ("In what year?" after they were elected "in June 2017": a year the text gives answers it.)
        // ("and the biggest one?" after "the country's second biggest union" asks about another one than the text gives.)
        bool Ranked(int i) => i > 0 && said[i - 1] is "second" or "third" or "fourth" or "fifth" && !question.Words.Contains(said[i - 1]);
        bool Gives(string w) => Enumerable.Range(0, said.Length).Any(i => said[i] == w && !Ranked(i)) || (w is "year" && item.TextConcepts.Contains("year"));
        return asked.Count > 0 && asked.All(Gives) && !asked.All(w => OnlyMentioned(said, w)) ? item : null;
    }

    /// <summary>Whether every time <paramref name="word"/> stands in the text it is a bare "the reasons": mentioned, with nothing said of it.</summary>
    private static bool OnlyMentioned(string[] text, string word) =>
        Enumerable.Range(0, text.Length).Where(i => text[i] == word).All(i => i > 0 && text[i - 1] is "the" or "their" or "its" or "his" or "her");

    /// <summary>Labour and the seven: what the whole story is about, not any one fact of it.</summary>
    private bool IsSetting(Entity entity) => entity == _facts.Departure.Group || _facts.Departure.About.Contains(entity);

    /// <summary>"leaving", "quitting": a leaving still going on, not one that happened.</summary>
    private bool IsOngoing(string word) => word.EndsWith("ing", StringComparison.Ordinal) && Lexicon.ConceptOf(word) == Lexicon.Leave;

    private bool IsNegation(string word) => Lexicon.Vocabulary.Negations.Contains(word);

    private Candidate DepartureCandidate => Index.Candidates.First(c => c.Kind == CandidateKind.Departure);

    /// <summary>Who a question names, leaving out "party" alone, which asks for a party ("what party is X in?") rather than naming Labour.</summary>
    private List<Entity> NamedBesidesThePartyWord(Question question) =>
        [.. question.Entities.Where(m => !(m.Length == 1 && Lexicon.ConceptOf(question.Words[m.Start]) == "party")).Select(m => m.Entity).Distinct()];

    /// <summary>
    /// "is vince cable a tory?", "is corbyn a lib dem": someone's party, asked with nothing else, which who leads what and who
    /// left what can answer. The party the seven left is asked of anyone else as whether they left ("is berger still labour?",
    /// "is khan labour?"), unless the one asked about leads a party.
    /// </summary>
    private (Entity Person, Entity Body)? Affiliation(Question question)
    {
        if (question.Type != QuestionType.YesNo || question.IsFuture || question.Entities.Select(m => m.Entity).Distinct().ToList() is not [var first, var second])
        {
            return null;
        }

        var (person, body) = first.IsPerson ? (first, second) : (second, first);
        if (!person.IsPerson || body.IsPerson || body == _facts.Departure.Group || !(IsSubject(question, person) || StatedOf(question, person))
            || (IsSetting(body) && !Entities.IsLeader(person)))
        {
            return null;
        }

        // Only the two names, "a", "still", "a member of", "a tory mp": anything else asks more than which party.
        var covered = question.Entities.SelectMany(m => Enumerable.Range(m.Start, m.Length)).ToHashSet();
        foreach (var phrase in Lexicon.Vocabulary.MembershipPhrases)
        {
            for (var i = 0; i < question.Words.Length; i++)
            {
                if (Lexicon.StartsAt(question.Words, i, phrase))
                {
                    covered.UnionWith(Enumerable.Range(i, phrase.Length));
                }
            }
        }

        var rest = Enumerable.Range(0, question.Words.Length).Where(i => !covered.Contains(i)).Select(i => question.Words[i]);
        return rest.All(w => Lexicon.IsStopWord(w) || Lexicon.IsFiller(w) || Lexicon.Vocabulary.Auxiliaries.Contains(w) || Lexicon.ConceptOf(w) is "party" or "mp" or "one")
            ? (person, body)
            : null;
    }

    /// <summary>
    /// "why did they join the tories?", "why did berger defect to the conservatives?": asks why the seven joined a party,
    /// which the article never reports; the fact that speaks of them and that party most is the closest it comes.
    /// </summary>
    private (Entity Joined, Candidate Nearest)? JoinedTakenForGranted(Question question)
    {
        var group = _facts.Departure.Group;
        if (question.Type != QuestionType.Why || !question.HasConcept(Lexicon.Join) || question.IsFuture || question.Words.Any(IsNegation)
            || question.Named.Where(e => !e.IsPerson && e != group && !IsSetting(e)).ToList() is not [var joined]
            || !(question.MentionsThem || question.Named.Any(e => e == group || _facts.Departure.Members.Contains(e))))
        {
            return null;
        }

        // ("why did they want tories to join them?": the party does the joining there.)
        var verb = question.Concepts.First(c => c.Concept == Lexicon.Join).Index;
        if (question.Entities.Any(m => m.Entity == joined && m.Start < verb) || (verb + 1 < question.Words.Length && question.Words[verb + 1] is "them" or "us" or "it"))
        {
            return null;
        }

        var nearest = Index.Candidates.Where(c => c.Kind == CandidateKind.Fact && c.About.ContainsKey(joined) && c.About.ContainsKey(group))
            .MaxBy(c => c.About[joined]);
        // ("why did the seven join the lib dems?": a fact that says they have not is the correction itself.)
        return nearest is null || Words.Split(nearest.Item is Fact fact ? fact.Text : "").Any(IsNegation) ? null : (joined, nearest);
    }

    /// <summary>"angela smith is the tory one, right?": someone named first, then the verb, in a statement put as a check.</summary>
    private bool StatedOf(Question question, Entity entity) =>
        question.Entities.FirstOrDefault(m => m.Entity == entity) is { Start: 0 } mention && mention.Length < question.Words.Length
        && Lexicon.Vocabulary.Auxiliaries.Contains(question.Words[mention.Length]);

    /// <summary>"Is Chuka Umunna one of them?", "did Diane Abbott resign?"</summary>
    private Answer? MembershipQuestion(Question question, IReadOnlyList<Entity> named, string? previousTopic = null)
    {
        // "one of", "among", "on the list": the phrases come from english.json.
        var membership = Lexicon.Vocabulary.MembershipPhrases
            .Select(p => Enumerable.Range(0, question.Words.Length).FirstOrDefault(i => Lexicon.StartsAt(question.Words, i, p), -1))
            .Where(i => i >= 0)
            .DefaultIfEmpty(-1)
            .Min();
        if (membership < 0 && question.Type == QuestionType.YesNo && question.Words is [.., not ("this" or "that" or "the" or "which" or "each" or "every" or "any"), "one"])
        {
            membership = question.Words.Length - 1; // "was Gapes one?": "one of them", cut short
        }

        if (membership < 0 && previousTopic == "departure" && question.Type == QuestionType.YesNo && question.Words is [.., "on" or "in", "it" or "there"])
        {
            membership = question.Words.Length - 2; // "is tom watson on it?" after the list of who left: on that list
        }

        var asksMembership = membership >= 0;
        // "were the quitters elected as corbyn-style lefties?": "the quitters" only names the group ("the resignations" is
        // still the leaving).
        var asksLeaving = question.Concepts.Any(c => c.Concept == Lexicon.Leave
            && !(c.Index > 0 && question.Words[c.Index - 1] is "the" or "those" or "these" && question.Words[c.Index].EndsWith("ers", StringComparison.Ordinal)));
        // The group itself, or what they left ("is Chris Leslie still in Labour?"), is context, not the person asked about.
        var departure = _facts.Departure;
        var context = named.Where(e => e == departure.Group || departure.About.Contains(e)).ToList();
        // "Why did Corbyn resign?": a question that takes a leaving as given, about someone who didn't leave.
        var persons = named.Where(e => e.IsPerson).ToList();
        // ("How did Corbyn respond to the resignations?" takes the leaving as what he reacted to, not as his.)
        var reactsToIt = question.Concepts.Any(r => r.Concept == Lexicon.React && question.Concepts.Any(l => l.Concept == Lexicon.Leave && l.Index > r.Index));
        // "was corbyn happy about them leaving?", "does khan reckon they were right to quit?", "did cameron react to the split?":
        // the leaving is theirs, and what is asked of the person named is how they took it.
        if (asksLeaving && !asksMembership && persons.Count > 0 && question.Concepts.First(c => c.Concept == Lexicon.Leave).Index is var leftAt
            && (question.Words[..leftAt].Any(w => w is "they" or "them" or "their")
                || question.Concepts.Any(c => c.Index < leftAt && (c.Concept is Lexicon.React or Lexicon.View || Lexicon.Vocabulary.Attitudes.Contains(c.Concept))
                    && !LeaverBetween(c.Index, leftAt))))
        {
            return null;
        }

        // ("did he say he'd resign?": the one who would leave is the person named.)
        bool LeaverBetween(int from, int to) =>
            Enumerable.Range(from + 1, to - from - 1).Any(i => question.Words[i] is "he" or "she" or "hed" or "shed" or "hes" or "shes"
                || question.Entities.Any(m => m.Start == i));

        if (question.Type is QuestionType.Why or QuestionType.When or QuestionType.How && asksLeaving && !reactsToIt
            && persons.Count == 1 && !departure.Members.Contains(persons[0]) && IsSubject(question, persons[0]))
        {
            return _compose.Membership(persons[0]);
        }

        // "Did Corbyn leave NATO?": what is left is something else the article speaks of, not the party.
        if (asksLeaving && question.Concepts.FirstOrDefault(c => c.Concept == Lexicon.Leave) is var (leaveAt, _)
            && question.Concepts.Any(c => c.Index == leaveAt + 1 && c.Concept != Lexicon.Leave && Index.Knows(c.Concept))
            && !question.Entities.Any(m => m.Start == leaveAt + 1))
        {
            return null;
        }

        // "they ghosting the lib dems too?": the seven leave or shun the body named after the verb; it didn't leave anything.
        if (asksLeaving && !asksMembership && persons.Count == 0 && question.Concepts.First(c => c.Concept == Lexicon.Leave).Index is var verb
            && question.Words[..verb].Any(w => w is "they" or "them") && question.Entities.All(m => m.Start > verb))
        {
            return null;
        }

        // "Will Corbyn step down over this?" asks about what may come, which the past can't answer.
        if (question.Type != QuestionType.YesNo || question.IsFuture || !(asksMembership || context.Count > 0 || asksLeaving))
        {
            return null;
        }

        // "Is Chris Leslie still in Labour?" names only where they were; "unison backed corbyn and trashed the rebels, right?"
        // asks about something else the article knows (support, criticism), not whether anyone left ("stay in labour",
        // "remain with labour" still ask where someone is).
        if (!asksMembership && !asksLeaving && question.Concepts.Any(c => c.Concept != Lexicon.Happened && Index.Knows(c.Concept)
            && !(c.Index + 1 < question.Words.Length && question.Words[c.Index + 1] is "in" or "with")))
        {
            return null;
        }

        // "Are the rebels joining his party?" asks about joining, not whether he left; "was corbyn happy with the rebels?"
        // how he took it.
        if ((question.HasConcept(Lexicon.Join) || question.Concepts.Any(c => c.Concept is Lexicon.React or Lexicon.View || Lexicon.Vocabulary.Attitudes.Contains(c.Concept)))
            && !asksLeaving && !asksMembership)
        {
            return null;
        }

        // "Did the rebels go to the Lib Dems?" asks about the group's dealings with them, not whether the Lib Dems left.
        if (named.Contains(departure.Group) && persons.Count == 0 && !asksMembership && !asksLeaving)
        {
            return null;
        }

        // "Is Angela Smith a rebel?", "did Tony Blair resign?": one person (or body) besides that context.
        var people = named.Where(e => e.IsPerson).ToList();
        var subjects = people.Count == 1 ? people : named.Except(context).ToList();
        if (subjects.Count == 1)
        {
            // "Is Luciana Berger still Labour?": asked whether they are still in the party, not whether they left it.
            var stillIn = !asksMembership && !asksLeaving ? context.FirstOrDefault(departure.About.Contains) : null;
            return _compose.Membership(subjects[0], stillIn);
        }

        // "was Gapes one? Leslie?": each person asked about gets their own line.
        if (people.Count > 1 && (asksMembership || asksLeaving))
        {
            return _compose.Memberships([.. people.Select(e => new ArgumentName(e, []))], 0);
        }

        if (subjects.Count == 0 && people.Count == 0)
        {
            var name = question.NameBefore((w, i) => IsLeaveWord(w) || i == membership || w == "a");
            // "was June 2017 a good result for Labour?" names a date, not a person who might have left; "did Jeremy Hunt
            // resign?" names someone new although "Jeremy" alone is a word the article uses.
            // ("was facebook involved in the split" names no one either: a name has no small words in it.)
            if (name is not null && !name.Any(w => Words.NumberValue(w) is not null || Lexicon.IsStopWord(w))
                && !name.All(w => Lexicon.ConceptOf(w) is { } c && Index.Knows(c)))
            {
                return _compose.NotAMember(name);
            }
        }

        return null;
    }

    /// <summary>
    /// The entity the question is asked of: the first one named within a few words after its first auxiliary ("is Jeremy
    /// fuming", "did the Lib Dem chief adopt", "why did the rebel MPs"), not one further on ("why is everyone fuming at Corbyn").
    /// </summary>
    private EntityMention? SubjectOf(Question question)
    {
        const int SubjectReach = 3;
        // ("what made corbyn so pleased": who was made to feel so comes after "made", as after an auxiliary.)
        var aux = Array.FindIndex(question.Words, w => Lexicon.Vocabulary.Auxiliaries.Contains(w) || (question.Type == QuestionType.Why && w is "made" or "makes"));
        var subject = aux < 0 ? null : question.Entities.FirstOrDefault(m => m.Start > aux);
        if (aux < 0 && question.Entities.FirstOrDefault() is { } first && first.Start + first.Length < question.Words.Length
            && question.Words[..first.Start].All(w => Lexicon.IsStopWord(w) || Lexicon.IsFiller(w))
            && PossessorOf(question, [Lexicon.View, Lexicon.React])?.Start != first.Start)
        {
            // "unison got beef w labour now?": no auxiliary, said as a statement; the name it opens with acts.
            // ("whats khan's view" asks for a view, which has its own way to be found.)
            return first;
        }

        return subject is not null && subject.Start - aux <= SubjectReach ? subject : null;
    }

    /// <summary>"did anyone say …", "who said …", "has somebody called for …": a verb of saying whose subject is anyone at all.</summary>
    private bool AsksWhoSaid(Question question) =>
        question.Concepts.Any(c => c.Concept == Lexicon.React && c.Index > 0 && question.Words[c.Index - 1] is "anyone" or "anybody" or "someone" or "somebody" or "who" or "any1");

    /// <summary>Whether the entity is named right after the question's first auxiliary: "why did Corbyn resign", not "why did they break with Corbyn".</summary>
    private bool IsSubject(Question question, Entity entity)
    {
        var aux = Array.FindIndex(question.Words, w => Lexicon.Vocabulary.Auxiliaries.Contains(w));
        return aux >= 0 && question.Entities.Any(m => m.Entity == entity && m.Start == aux + 1);
    }

    /// <summary>"What did X say?": a known X gets their reaction, an unknown one an honest "not reported".</summary>
    private Answer? ReactionQuestion(Question question, IReadOnlyList<Entity> named, HashSet<string> concepts, string? previousTopic)
    {
        // "Has he responded to any of that?" after the criticism of him: his reported reaction is to the MPs leaving, not to that.
        if (concepts.Contains(Lexicon.React) && named.Count == 1 && question.Words.Any(w => w is "that" or "this" or "those" or "these" or "it")
            && previousTopic is { } topic && topic.StartsWith("fact:", StringComparison.Ordinal) && _facts.ReactionsBy(named[0]).Any())
        {
            var fact = _facts.Facts.First(f => "fact:" + f.Id == topic);
            return _compose.ReactionNotAbout(named[0], fact);
        }

        // "What did NATO say about Corbyn?": the speaker is no one the article reports, whoever they spoke about.
        if (concepts.Contains(Lexicon.React) && question.Speaker is null && question.UnnamedSpeaker is { } stranger)
        {
            return _compose.NoReactionFrom(stranger);
        }

        // "What did the Conservative party chair say about the split?": a speaker the article names but reports no words of,
        // whatever they are asked to have spoken about.
        if (concepts.Contains(Lexicon.React) && question.Speaker is { } silent && !_facts.ReactionsBy(silent).Any() && !question.IsFuture
            && named.All(e => e == silent || e == _facts.Departure.Group || _facts.Departure.About.Contains(e)))
        {
            return _compose.Reaction(silent);
        }

        // "What did Corbyn say when the Lib Dems offered to work with them?": who comes after "when" is the occasion, not a speaker.
        if (concepts.Contains(Lexicon.React) && question.Speaker is { } speaking && _facts.ReactionsBy(speaking).Any()
            && question.Concepts.First(c => c.Concept == Lexicon.React).Index is var saidAt
            && Array.FindIndex(question.Words, saidAt + 1, w => w is "when" or "after" or "once" or "while") is var occasion and > 0
            && question.Entities.All(m => m.Entity == speaking || m.Start > occasion))
        {
            return _compose.Reaction(speaking);
        }

        // "Is Corbyn fuming?", "what posture did the Lib Dem chief adopt?": how someone whose reaction is reported took it.
        if (AttitudeOf(question, named, concepts) is { } feeling)
        {
            return _compose.Reaction(feeling);
        }

        // "What's Theresa May's view?" gets the same honest "not reported" as "what did she say?".
        if (!concepts.Contains(Lexicon.React) && !concepts.Contains(Lexicon.View))
        {
            return null;
        }

        // "Why did Corbyn say he was glad to see them go?", "what made Cable call them friends?": a question about someone's words is
        // answered with what the article reports they said, put right first when the words are someone else's.
        var speaker = question.Speaker is { } said && named.Contains(said) ? said : null;
        if (speaker is not null && concepts.Contains(Lexicon.React) && (question.Type == QuestionType.Why || question.AsksCause)
            && _facts.ReactionsBy(speaker).Any())
        {
            return SaidBySomeoneElse(question, speaker) ?? _compose.Reaction(speaker);
        }

        // Other concepts ("Corbyn's view on Israel") mean the question is about more than a reaction: let retrieval rank.
        // The departure itself ("his response to the resignations") is what every reaction is about, so it doesn't count.
        // "Who else reacted?": "else" (more) asks for the others who did, not for a topic.
        var others = concepts.Where(c => c is not (Lexicon.React or Lexicon.View or Lexicon.Leave) && !(c == "more" && question.Words.Any(w => w is "else" or "other" or "others")) && Index.Knows(c)).ToList();
        // ("who said they're sticking with labour?": whoever said it is asked for; Labour is what was said.)
        var speakerIsNamed = question.Speaker is null ? !question.SpeakerIsThem && !AsksWhoSaid(question) : named.Count == 1 && question.Speaker == named[0];
        // A view alone ("what views does Corbyn hold?") may mean beliefs the article describes: let retrieval weigh it.
        // "What did Corbyn and Cable say?": each one's reaction, in one answer.
        // ("What did the rebels say about the Lib Dems?" has one speaker and a topic their reaction doesn't touch: let retrieval
        // find what the article reports of them.)
        var spokenOf = question.Speaker is { } one
            ? question.Entities.Where(m => m.Entity != one
                && question.Words.Take(m.Start).Reverse().TakeWhile(w => Lexicon.ConceptOf(w) != Lexicon.React).Any(w => w is "about" or "on" or "of")).ToList()
            : [];
        var mentioned = question.Speaker is { } talker
            ? _facts.ReactionsBy(talker).SelectMany(r => Entities.Find(Words.Split(r.Text))).Select(m => m.Entity).ToHashSet()
            : [];
        var speaksOf = spokenOf.Any(m => !mentioned.Contains(m.Entity));
        if (question.Speaker is { } only && spokenOf.Count > 0 && !speaksOf && others.Count == 0 && concepts.Contains(Lexicon.React)
            && _facts.ReactionsBy(only).Any() && named.All(e => e == only || spokenOf.Any(m => m.Entity == e)))
        {
            // "What did Corbyn say about the rebels?": one speaker, whose reaction speaks of them; not both sides' reactions.
            return _compose.Reaction(only);
        }

        // ("Cable's position and Khan's position": a view asked of several speakers is what each of them said; so is "Unison's
        // message and Cable's offer", where what is asked of them is what their own reactions are about.)
        // ("What did Corbyn and Cable say about Brexit?" asks a topic of each, which one of them never spoke of: retrieval weighs it.)
        var ofTheirOwn = others.Count == 0 || (!question.Words.Any(w => w is "about" or "on" or "regarding")
            && others.All(c => named.Any(e => ReactionCandidate(e) is { } theirs && (theirs.Keywords.Contains(c) || theirs.TextConcepts.Contains(c)))));
        if (named.Count is > 1 and <= CommandArgument.MaxNames && ofTheirOwn && !speaksOf
            && named.All(e => _facts.ReactionsBy(e).Any() || _facts.Departure.Members.Contains(e)))
        {
            return _compose.Reactions([.. named.Select(e => new ArgumentName(e, Words.Split(e.Name)))], 0);
        }

        if (named.Count == 1 && others.Count > 0 && speakerIsNamed && concepts.Contains(Lexicon.React) && TopicOutsideTheirWords(question, named[0]) is { } topicFact)
        {
            // "What did Corbyn say about deselecting them?": the article has that topic, but not in his words.
            return _compose.ReactionNotAbout(named[0], topicFact);
        }

        if (named.Count == 1 && others.Count == 0 && speakerIsNamed && concepts.Contains(Lexicon.React)
            && question.Type is QuestionType.When or QuestionType.Where && ReactionCandidate(named[0]) is { } reported && KindOfAnswerMissing(question, reported) is { } missing)
        {
            // "When did he say that?", "where did Cable say it?": the article reports what was said, not when (nor, but for
            // Khan's Facebook post, where); say so, with what was said.
            return _compose.NotSaid(missing, reported);
        }

        if (named.Count == 1 && others.Count == 0 && speakerIsNamed && concepts.Contains(Lexicon.React))
        {
            // "What did Corbyn say about France?": say plainly that the article doesn't link the two.
            // ("which two former leaders are mentioned": a count is nothing the article fails to link them to.)
            var unknown = question.Concepts.Where(c => c.Concept is not (Lexicon.React or Lexicon.View or Lexicon.Happened) && !Index.Knows(c.Concept)
                    && Words.NumberValue(c.Concept) is null)
                .Select(c => question.Words[c.Index]).ToList();
            return _compose.Reaction(named[0], unknown.Count is > 0 and <= 3 ? unknown : null);
        }

        if (named.Count == 0 && !question.MentionsThem)
        {
            var verb = question.Concepts.Where(c => c.Concept is Lexicon.React or Lexicon.View).Select(c => c.Index).DefaultIfEmpty(-1).First();
            var name = question.NameBefore((_, i) => i == verb) ?? question.NameAfter(IsReactWord) ?? question.NameBeforePossessive(IsReactWord);
            // "what's the 'institutional' quote about": words the article itself uses are what was said, not who said it.
            // ("is the IRA mentioned anywhere?": asked whether the article speaks of something, not what it said.)
            var askedIfSpokenOf = question.Words is ["is" or "are" or "was" or "were", ..] && verb > 0 && question.Words[verb] is "mentioned" or "named" or "referenced" or "cited"
                && name is not null && name.Where(w => !Lexicon.IsStopWord(w)).All(w => Lexicon.ConceptOf(w) is { } c && Index.Knows(c));
            if (name is not null && !QuotesTheArticle(name, question.Text) && !askedIfSpokenOf)
            {
                return _compose.NoReactionFrom(name);
            }

            // "Where was that said?", "when did they say it?" after someone's reaction: still theirs.
            if (previousTopic?.Split(':') is ["reaction", var reactorId] && question.Words.Any(w => w is "that" or "this" or "it")
                && _facts.Reactors.FirstOrDefault(e => e.Id == reactorId) is { } reactor)
            {
                return question.Type is QuestionType.When or QuestionType.Where && ReactionCandidate(reactor) is { } theirs && KindOfAnswerMissing(question, theirs) is { } notReported
                    ? _compose.NotSaid(notReported, theirs)
                    : _compose.Reaction(reactor);
            }

            // "Who said that?" after a fact that is someone's words ("all seven were elected in 2017" is Corbyn's): whose they are.
            if (question.Type == QuestionType.Who && previousTopic is { } earlier && earlier.StartsWith("fact:", StringComparison.Ordinal)
                && question.Words.Any(w => w is "that" or "this" or "it")
                && _facts.Facts.FirstOrDefault(f => "fact:" + f.Id == earlier) is { } fact
                && _facts.Reactions.Where(r => r.Source.Sentence == fact.Source.Sentence).Select(r => r.By[0]).Distinct().ToList() is [var quoted])
            {
                return _compose.Reaction(quoted);
            }

            // ("... israel and palestine whenever corbyn comes up. what does the article say on that front?": what is said
            // around the question names its topic; retrieval weighs that rather than listing who reacted.)
            if (others.Count == 0 && (question.ContextIsEarlierTurn || !question.ContextConcepts.Any(Index.Knows)))
            {
                return _compose.ReactionList();
            }
        }

        return null;
    }

    /// <summary>The candidate of what <paramref name="by"/> said, as ranking knows it.</summary>
    /// <summary>
    /// For "what did X say about Y": the fact that holds Y when everything asked about after "about" is absent from X's reported
    /// words; null when any of it is in them, or nothing known follows "about".
    /// </summary>
    private Fact? TopicOutsideTheirWords(Question question, Entity speaker)
    {
        var about = Array.IndexOf(question.Words, "about");
        if (about < 0 || ReactionCandidate(speaker) is not { } own || question.Concepts.All(c => c.Index < about))
        {
            return null;
        }

        var topic = question.Concepts.Where(c => c.Index > about && Index.Knows(c.Concept) && c.Concept is not (Lexicon.Leave or Lexicon.Happened or Lexicon.React))
            .Select(c => c.Concept).ToList();
        // "what do corbyn's critics say": the speaker must stand right before the verb, not own someone who does.
        var verb = question.Concepts.Where(c => c.Concept == Lexicon.React).Select(c => c.Index).DefaultIfEmpty(-1).First();
        var speakerAt = question.Entities.FirstOrDefault(m => m.Entity == speaker);
        if (topic.Count == 0 || topic.Any(c => own.Keywords.Contains(c) || own.TextConcepts.Contains(c)) || question.Entities.Any(m => m.Start > about)
            || speakerAt is null || verb < speakerAt.Start + speakerAt.Length
            || question.Words[(speakerAt.Start + speakerAt.Length)..verb].Any(w => !Lexicon.IsStopWord(w)))
        {
            return null;
        }

        var holding = Index.Candidates.Where(c => c.Item is Fact && topic.All(t => c.Keywords.Contains(t) || c.TextConcepts.Contains(t))).ToList();
        // "what did the group say about sharing their platform": their hopes are reported as a fact, not as their reaction. A
        // fact whose subject (its first "about") is someone else only speaks of the speaker ("they accused Corbyn of ...").
        return holding.Any(c => ((Fact)c.Item).About.FirstOrDefault() == speaker) ? null : holding.Select(c => (Fact)c.Item).FirstOrDefault();
    }

    private Candidate? ReactionCandidate(Entity by) => Index.Candidates.FirstOrDefault(c => c.Item is Reaction r && r.By[0] == by);

    /// <summary>
    /// The reactor a question asks the feelings of: named as its subject (within a few words after the auxiliary: "is Jeremy
    /// fuming", "did the Lib Dem chief"), asking an attitude (or a view of something their reaction speaks of: "where does
    /// the mayor stand on the new group?"), and nothing else their reaction doesn't speak of. A bare "did he say ..." is
    /// left to the plain reaction question, which also says what the article doesn't mention.
    /// "Why is everyone fuming at Corbyn?" names him as the object, and stays with retrieval.
    /// </summary>
    private Entity? AttitudeOf(Question question, IReadOnlyList<Entity> named, HashSet<string> concepts)
    {
        var attitudes = Lexicon.Vocabulary.Attitudes;
        // "Khan's view on the seven", "Cable's take": the view is theirs, and whoever comes after is its topic.
        // "corbyn's reaction + unison's reaction": two owners, each answered (by the plain reaction question).
        if (SubjectOf(question) is null && PossessorOf(question, [Lexicon.View, Lexicon.React]) is { } owner && _facts.ReactionsBy(owner.Entity).Any()
            && Possessors(question, [Lexicon.View, Lexicon.React]).Select(m => m.Entity).Distinct().Count() == 1
            && !concepts.Any(c => !attitudes.Contains(c) && c is not (Lexicon.View or Lexicon.React or Lexicon.Leave) && Index.Knows(c))
            && !question.Entities.Any(m => m.Start < owner.Start && m.Entity != owner.Entity)
            && !question.Words[..owner.Start].Any(w => w is "they" or "he" or "she")) // "what do they hate about corbyn's views": theirs of his
        {
            return owner.Entity;
        }

        // "Is Jeremy fuming?", "Corbyn's mood?", "corbyn was chuffed, wasn't he?"
        // ("sure, corbyn was THRILLED, wasn't he": a name right before "was" or "is" is who the claim is about.)
        var subject = SubjectOf(question) ?? PossessorOf(question, attitudes)
            ?? question.Entities.FirstOrDefault(m => m.Start == 0 || Lexicon.Vocabulary.Auxiliaries.Contains(question.Words.ElementAtOrDefault(m.Start + m.Length) ?? ""));
        if (subject is null || !_facts.ReactionsBy(subject.Entity).Any())
        {
            return null;
        }

        var reaction = Index.Candidates.First(c => c.Kind == CandidateKind.Reaction && c.About.ContainsKey(subject.Entity));
        var viewOfWhatTheySaid = concepts.Contains(Lexicon.View)
            && concepts.Any(c => c is not (Lexicon.View or Lexicon.Leave) && (reaction.Keywords.Contains(c) || reaction.TextConcepts.Contains(c)));
        if (!concepts.Any(attitudes.Contains) && !viewOfWhatTheySaid)
        {
            return null;
        }

        // "Why was Corbyn so happy?" asks about the feeling too: the reason is not another topic.
        var topical = concepts.Where(c => !attitudes.Contains(c) && c is not (Lexicon.Leave or Lexicon.View or Lexicon.Reason or "leader") && Index.Knows(c)
            && !reaction.Keywords.Contains(c) && !reaction.TextConcepts.Contains(c));
        // Another reactor before the feeling is a second subject ("corbyn and unison, were they happy?"); after it, only its
        // object ("why did corbyn congratulate the mps?").
        var feelingAt = question.Concepts.Where(c => attitudes.Contains(c.Concept)).Select(c => c.Index).DefaultIfEmpty(question.Words.Length).Min();
        var otherSubject = question.Entities.Any(m => m.Entity != subject.Entity && m.Start < feelingAt && _facts.ReactionsBy(m.Entity).Any());
        return topical.Any() || otherSubject ? null : subject.Entity;
    }

    /// <summary>"corbyn's vibe", "khan's view": the one named as the owner of what <paramref name="owned"/> names.</summary>
    private EntityMention? PossessorOf(Question question, IReadOnlyCollection<string> owned) => Possessors(question, owned).FirstOrDefault();

    private IEnumerable<EntityMention> Possessors(Question question, IReadOnlyCollection<string> owned) =>
        question.Entities.Where(m => question.Words.Skip(m.Start + m.Length).SkipWhile(w => w == "s").FirstOrDefault() is { } next
            && Lexicon.ConceptOf(next) is { } concept && owned.Contains(concept));

    /// <summary>The reaction whose words the question attributes to <paramref name="speaker"/>, when they are clearly another's and not theirs.</summary>
    private Answer? SaidBySomeoneElse(Question question, Entity speaker) =>
        ClaimedOfAnother(question, speaker, CandidateKind.Reaction) is { Item: Reaction reaction } ? _compose.Misattributed(speaker, reaction) : null;

    private bool IsLeaveWord(string word) => Lexicon.ConceptOf(word) == Lexicon.Leave;

    private bool IsReactWord(string word) => Lexicon.ConceptOf(word) is Lexicon.React or Lexicon.View;

    /// <summary>No control characters, one line, at most <see cref="BotRequest.MaxTextLength"/> characters: longer text is answered from its start.</summary>
    private static string Clean(string text)
    {
        // Line breaks stay: a new line ends a sentence the way a full stop does. Other control characters are noise.
        // "%" is the one symbol people write for a word ("what % was it"); the word splitter would drop it.
        var cleaned = new string(text.Select(c => c == '\n' ? c : char.IsControl(c) ? ' ' : c).ToArray()).Replace("%", " percent", StringComparison.Ordinal).Trim();
        return cleaned.Length <= BotRequest.MaxTextLength ? cleaned : cleaned[..BotRequest.MaxTextLength];
    }
}
