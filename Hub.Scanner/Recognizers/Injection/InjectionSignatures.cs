namespace Hub.Scanner.Recognizers.Injection;

/// <summary>
/// The phrase signatures of known attack families, over the normalised words. Weights follow one scale:
/// 0.85 and above is an attack on its own ("ignore all previous instructions"); 0.5–0.7 blocks on its own
/// but a benign reading exists; below 0.5 is a cue that only blocks together with evidence of another family
/// ("you are now", "developer mode", "stay in character"). Words are folded (no accents, lower case,
/// no apostrophes), so French <c>précédentes</c> is written <c>precedentes</c> and <c>don't</c> is <c>dont</c>.
/// </summary>
internal static class InjectionSignatures
{
    public static readonly IReadOnlyDictionary<string, string[]> WordSets = new Dictionary<string, string[]>
    {
        ["ignore"] =
        [
            "ignore", "ignores", "ignoring", "ignored", "disregard", "disregards", "disregarding", "forget", "forgetting",
            "override", "overriding", "bypass", "bypassing", "discard", "discarding", "abandon", "cancel", "erase",
            "dismiss", "overlook", "neglect", "scrap", "nullify", "skip", "delete", "wipe", "unlearn",
            "ignorez", "ignorer", "oublie", "oubliez", "oublier", "ignora", "ignoren", "ignorar", "olvida", "olvide", "olviden",
            "olvidar", "ignoriere", "ignorieren", "ignoriert", "vergiss", "vergesst", "vergessen", "missachte", "ignorate",
            "dimentica", "dimenticate", "esqueca", "esquecam", "desconsidere", "desconsidera", "ignoriert",
        ],
        ["prior"] =
        [
            "previous", "previously", "prior", "above", "earlier", "preceding", "foregoing", "former", "initial", "original",
            "old", "existing", "all", "any", "every", "your", "ur", "system", "developer", "hidden", "preset", "default",
            "programmed", "precedentes", "precedente", "anteriores", "anterior", "vorherigen", "vorherige", "bisherigen",
            "obigen", "fruheren", "precedenti", "anteriori", "toutes", "tous", "todas", "todos", "alle", "tutte", "tutti",
            "deine", "ihre", "tes", "vos", "tus", "sus", "tue", "suas", "seus", "tuoi", "tuas", "teus",
        ],
        ["instructions"] =
        [
            "instructions", "instruction", "rules", "rule", "prompt", "prompts", "directives", "directive", "guidelines",
            "guidance", "constraints", "restrictions", "programming", "commands", "policies", "safeguards",
            "limitations", "boundaries", "protocols", "conditioning", "training", "context", "ethics",
            "morals", "principles", "guardrails", "directions", "consignes", "regles", "reglas", "instrucciones",
            "indicaciones", "directivas", "anweisungen", "regeln", "vorgaben", "anordnungen", "istruzioni", "regole",
            "instrucoes", "regras", "diretrizes", "directrices", "instruccion", "anweisung", "richtlinien", "consigne",
        ],
        ["qualifier"] =
        [
            "grammar", "grammatical", "spelling", "formatting", "format", "style", "styling", "naming", "punctuation",
            "capitalization", "lint", "linting", "syntax", "css", "html", "sql", "git", "traffic", "parking", "tax",
            "typing", "import", "validation", "firewall", "routing", "build", "compiler", "pricing", "shipping", "dress",
            "game", "house", "grading", "citation", "cooking", "assembly", "installation", "washing", "care",
            "eslint", "prettier", "cache", "cached", "browser", "cookie", "cookies", "gitignore", "errors", "warnings",
        ],
        ["everything"] = ["everything", "anything", "all", "whatever", "what", "that", "this"],
        ["before"] = ["above", "before", "previously", "earlier", "prior", "so", "until", "told", "said", "written", "given"],
        ["follow"] =
        [
            "follow", "following", "obey", "obeying", "adhere", "adhering", "comply", "complying", "abide", "abiding",
            "respect", "listen",
        ],
        ["void"] =
        [
            "void", "null", "cancelled", "canceled", "obsolete", "invalid", "revoked", "overridden", "suspended", "lifted",
            "disabled", "removed", "deprecated", "outdated", "irrelevant", "superseded", "replaced", "nullified",
        ],
        ["you"] = ["you", "u", "youre", "youll", "youve", "ya"],
        ["be"] = ["are", "re", "will", "must", "shall", "should", "have", "had", "can", "were"],
        ["no"] =
        [
            "no", "without", "zero", "free", "freed", "unbound", "unrestricted", "none", "beyond", "outside",
            "ohne", "sans", "sin", "senza", "sem",
        ],
        ["restriction"] =
        [
            "restrictions", "restriction", "restricted", "filters", "filter", "filtering", "censorship", "censored",
            "limits", "limitations", "limitation", "boundaries", "rules", "guidelines", "ethics", "ethical", "morals",
            "moral", "morality", "principles", "guardrails", "safeguards", "constraints", "policies", "regulations",
            "restraints", "limites", "restricciones", "einschrankungen", "regeln", "limiti", "restricoes", "censura", "zensur",
            "policy", "safety", "filtros", "filtro", "filtre", "filtres", "reglas", "regles", "regole", "regras", "limitaciones",
            "limitazioni", "limitacoes", "censure", "restrizioni", "moralische", "ethik", "etica", "ethique",
        ],
        ["unfiltered"] =
        [
            "unfiltered", "uncensored", "unrestricted", "unlimited", "unbound", "unchained", "amoral", "unethical", "immoral",
            "unhinged", "jailbroken", "liberated", "unshackled", "lawless", "unaligned", "untethered",
        ],
        ["ai"] =
        [
            "ai", "assistant", "assistants", "llm", "llms", "model", "models", "chatbot", "chatbots", "bot", "agent",
            "agents", "gpt", "chatgpt", "claude", "gemini", "copilot", "bard", "llama", "ki", "ia", "modelo", "modele",
            "lia", "lassistant", "assistenten", "asistente", "assistente", "summarizers", "summarisers", "reviewers",
            "reviewer", "crawlers", "crawler", "scrapers",
        ],
        ["persona"] =
        [
            "version", "response", "responses", "answers", "mode", "persona", "character", "entity", "personality",
            "alter", "twin", "ai", "assistant", "chatbot", "bot", "model",
        ],
        ["reveal"] =
        [
            "repeat", "reveal", "print", "output", "show", "display", "tell", "share", "leak", "expose", "dump", "disclose",
            "recite", "spell", "spells", "paste", "copy", "echo", "quote", "reproduce", "regurgitate", "divulge", "restate",
            "reveals", "prints", "outputs", "repeats", "leaks", "dumps",
            "revele", "affiche", "repite", "muestra", "revela", "zeige", "wiederhole", "ripeti", "mostra",
        ],
        ["produce"] =
        [
            "give", "write", "type", "list", "translate", "return", "provide", "state", "summarize", "summarise",
            "explain", "describe", "format", "convert", "rewrite", "clarify",
        ],
        ["secret-adjective"] =
        [
            "system", "initial", "original", "hidden", "secret", "internal", "pre", "preprompt", "verbatim",
            "confidential", "underlying", "first", "previous", "prior", "above", "starting", "opening", "developer",
            "base", "core", "systeme", "sistema", "cachees", "caches", "ocultas", "ocultos", "versteckten", "nascoste",
            "secretas", "secretes", "geheimen", "segrete", "full", "entire", "complete", "exact", "whole",
        ],
        ["extraction-prior"] =
        [
            "previous", "prior", "above", "earlier", "preceding", "initial", "original", "hidden", "secret", "your",
            "internal", "preprompt", "tes", "tus", "deine", "tue", "tuas", "suas", "vos", "cachees", "ocultas",
            "versteckten", "nascoste",
        ],
        ["prompt"] =
        [
            "prompt", "prompts", "instructions", "instruction", "rules", "directives", "guidelines", "preprompt",
            "configuration", "setup", "directions", "preamble", "consignes", "instrucciones", "anweisungen",
            "istruzioni", "instrucoes", "regles", "reglas", "regole", "regras", "directrices", "diretrizes",
        ],
        ["reply"] = ["reply", "response", "answer", "output", "message", "respuesta", "reponse", "antwort"],
        ["refuse"] = ["refuse", "refuses", "refusing", "decline", "deny", "reject", "censor", "filter", "warn"],
        ["never"] = ["never", "not", "cannot", "cant", "wont", "doesnt", "dont", "wouldnt", "mustnt", "no", "nunca", "jamais", "nie"],
        ["company"] = ["openai", "openais", "anthropic", "anthropics", "google", "googles", "microsoft", "meta", "metas", "mistral"],
        ["policy"] = ["policy", "policies", "guidelines", "rules", "restrictions", "filters", "programming", "terms", "moderation"],
        ["new"] = ["new", "updated", "revised", "real", "actual", "true", "secret", "admin", "priority", "override", "overriding", "nouvelles", "nuevas", "neue", "nuove", "novas"],
        ["role"] =
        [
            "role", "task", "purpose", "name", "goal", "objective", "identity", "instructions", "rules", "directive",
            "mission", "job", "function", "persona", "orders", "prompt",
        ],
        ["note"] =
        [
            "note", "message", "notice", "reminder", "attention", "memo", "important", "hinweis", "nachricht",
            "remarque", "nota", "aviso", "avviso", "mensaje", "messaggio", "mensagem",
        ],
        ["directive"] = ["instruction", "instructions", "directive", "directives", "command", "commands", "override", "anweisung", "instruccion", "instrucao", "istruzione", "consigne"],
        ["to"] = ["to", "for", "an", "pour", "para", "per", "a", "au", "al", "alla"],
        ["reading"] =
        [
            "reading", "processing", "summarizing", "summarising", "parsing", "analyzing", "analysing", "viewing",
            "scanning", "crawling", "indexing", "reviewing", "ingesting",
        ],
        ["tell"] = ["tell", "telling", "inform", "informing", "mention", "mentioning", "alert", "alerting", "notify", "notifying", "warn", "warning", "letting", "reveal", "revealing"],
        ["user"] = ["user", "users", "human", "humans", "reader", "recipient", "operator", "owner", "nutzers", "nutzer", "usuario", "utilisateur", "utente", "usuarios"],
        ["send"] = ["send", "forward", "email", "post", "upload", "transmit", "exfiltrate", "leak", "submit", "append"],
        ["private-data"] =
        [
            "emails", "messages", "conversation", "conversations", "chat", "history", "password", "passwords",
            "credentials", "keys", "tokens", "files", "contacts", "documents", "data", "secrets", "inbox", "cookies",
        ],
        ["say"] = ["say", "print", "output", "respond", "reply", "write", "answer", "return", "display", "type", "repeat", "state"],
        ["creator"] = ["developer", "developers", "creator", "creators", "administrator", "admin", "owner", "programmer", "programmers", "master", "maker", "operator"],
        ["endmark"] = ["end", "ending", "ends", "fin", "ende", "stop", "close", "closing"],
        ["over"] = ["ends", "ended", "over", "finished", "stops", "done", "complete", "terminates"],
        ["meta"] =
        [
            "injection", "injections", "jailbreaks", "jailbreaking", "attack", "attacks", "attacker", "attackers",
            "adversarial", "defend", "defense", "defenses", "defence", "defences", "mitigate", "mitigation", "mitigations",
            "detect", "detection", "prevent", "prevention", "owasp", "vulnerability", "vulnerabilities", "historically",
            "research", "researchers", "paper", "benchmark", "benchmarks", "workshop", "explain", "examples", "security",
            "threat", "threats", "classifier", "why", "awareness", "training", "deck", "pentest", "teaming",
        ],
        ["section"] = ["input", "prompt", "instructions", "conversation", "context", "document", "message", "text", "data", "query", "ambiguity", "system", "session", "transcript"],
    };

    /// <summary>(family, weight, pattern): see <see cref="Signature.Parse"/> for the notation.</summary>
    public static readonly (AttackFamily Family, double Weight, string Pattern)[] Patterns =
    [
        // "Ignore all previous instructions", "disregard your rules", "vergiss alle vorherigen Anweisungen".
        (AttackFamily.InstructionOverride, 0.95, "@ignore ~3 @prior ~3 @instructions -@qualifier"),
        (AttackFamily.InstructionOverride, 0.9, "@ignore ~1 @everything ~2 above|before|previously|earlier|prior"),
        (AttackFamily.InstructionOverride, 0.85, "@ignore ~1 @everything ~1 @you ~2 were|have|ve|been ~1 told|given|taught|programmed|instructed|set"),
        (AttackFamily.InstructionOverride, 0.8, "pay no ~1 attention ~4 @instructions"),
        (AttackFamily.InstructionOverride, 0.7, "set|put|leave|cast|throw aside|away ~6 @instructions|told|said|@everything"),
        (AttackFamily.InstructionOverride, 0.7, "@instructions ~2 @you ~1 were|have|ve|been ~2 given|initialized|programmed|told|set|trained ~4 @ignore|drop|aside|void|apply|matter"),
        (AttackFamily.InstructionOverride, 0.6, "@ignore ~1 the above"),
        (AttackFamily.InstructionOverride, 0.5, "@ignore ~1 @everything @you ~1 know|learned"),
        (AttackFamily.InstructionOverride, 0.9, "@never|stop ~1 @follow ~3 @prior ~3 @instructions -@qualifier"),
        (AttackFamily.InstructionOverride, 0.85, "@prior ~2 @instructions ~5 @void"),
        (AttackFamily.InstructionOverride, 0.6, "@prior ~2 @instructions ~2 no longer ~1 apply|applies|matter|valid|exist|relevant"),
        (AttackFamily.InstructionOverride, 0.45, "@new ~1 @instructions|orders"),
        (AttackFamily.InstructionOverride, 0.9, "@ignore ~3 @instructions ~1 @prior"),
        (AttackFamily.InstructionOverride, 0.75, "@ignore ~2 @instructions ~4 prima|avant|antes|vorher|before|earlier|previously"),
        (AttackFamily.InstructionOverride, 0.85, "@ignore ~1 tout|todo|alles|tutto|tudo|todas ~4 avant|antes|vorher|prima|dit|dicho|gesagt|detto|dito"),
        (AttackFamily.InstructionOverride, 0.8, "@prior ~1 @instructions ~6 @ignore ~1 them|it|those|these|that"),
        (AttackFamily.InstructionOverride, 0.35, "@ignore ~1 the|these|those|my ~1 @instructions -@qualifier"),
        (AttackFamily.InstructionOverride, 0.55, "@ignore ~3 @user ~1 request|requests|question|query|task|message|anfrage|demande|solicitud|richiesta"),
        (AttackFamily.InstructionOverride, 0.3, "@never ~1 summarize|summarise|translate|flag|answer|respond"),
        (AttackFamily.InstructionOverride, 0.35, "break|breaking|bypass|bypassing|circumvent|circumventing|evade|evading ~3 @restriction|@instructions"),
        (AttackFamily.InstructionOverride, 0.45, "lift|lifted|remove|removed|disable|disabled|deactivate|deactivated|turn ~3 @restriction -@qualifier"),
        (AttackFamily.InstructionOverride, 0.35, "instead ~2 @say"),

        // Role overrides.
        (AttackFamily.RoleOverride, 0.45, "@you ~1 now"),
        (AttackFamily.RoleOverride, 0.5, "@you ~2 not ~2 anymore"),
        (AttackFamily.RoleOverride, 0.35, "from this|that ~1 point|moment ~1 on|forward|onwards|onward"),
        (AttackFamily.RoleOverride, 0.35, "partir ~1 maintenant|ahora|agora"),
        (AttackFamily.RoleOverride, 0.35, "ab|von ~1 jetzt|nun"),
        (AttackFamily.RoleOverride, 0.35, "da ~1 ora ~1 in ~1 poi"),
        (AttackFamily.RoleOverride, 0.6, "your ~1 @role ~2 has|have|is|was ~2 changed|updated|replaced|overridden"),
        (AttackFamily.RoleOverride, 0.4, "assume ~2 identity|role|persona"),
        (AttackFamily.RoleOverride, 0.3, "@you ~1 have|are|were|been ~1 permission|authorized|authorised|allowed|permitted|preauthorized|unlocked"),
        (AttackFamily.RoleOverride, 0.5, "@you ~1 no ~0 longer ~2 @ai|bound|restricted|limited|required|an|a|chatgpt|need"),
        (AttackFamily.RoleOverride, 0.35, "from now on ~2 @you"),
        (AttackFamily.RoleOverride, 0.6, "pretend|imagine|act|behave ~4 @you ~1 @be ~2 @no|@unfiltered"),
        (AttackFamily.RoleOverride, 0.45, "your @new ~1 @role ~1 is|are|will"),
        (AttackFamily.RoleOverride, 0.45, "as|im|am ~1 your ~1 @creator"),

        // Persona jailbreaks.
        (AttackFamily.PersonaJailbreak, 0.9, "do anything now"),
        (AttackFamily.PersonaJailbreak, 0.5, "developer|god|jailbreak|jailbroken|unfiltered|uncensored|evil|unrestricted|dan|chaos|anarchy|opposite|unlocked ~0 mode"),
        (AttackFamily.PersonaJailbreak, 0.35, "jailbreak|jailbroken|jailbreaking|jailbreaks"),
        (AttackFamily.PersonaJailbreak, 0.55, "@unfiltered ~1 @persona"),
        (AttackFamily.PersonaJailbreak, 0.45, "@no ~2 @restriction"),
        (AttackFamily.PersonaJailbreak, 0.6, "not|never|unbound|free|freed|released|liberated|escaped|broken|break ~2 bound|by|from|free|of ~2 @restriction|@company"),
        (AttackFamily.PersonaJailbreak, 0.5, "@never ~2 @refuse"),
        (AttackFamily.PersonaJailbreak, 0.5, "@never ~2 say|apologize|apologise|mention ~2 cant|cannot|sorry|unable|ai"),
        (AttackFamily.PersonaJailbreak, 0.5, "doesnt|dont|not|never ~1 care ~2 about ~2 @restriction|law|laws|legality"),
        (AttackFamily.PersonaJailbreak, 0.45, "dan^"),
        (AttackFamily.PersonaJailbreak, 0.6, "deceased|dead|late ~1 grandmother|grandma|grandfather|granny"),
        (AttackFamily.PersonaJailbreak, 0.3, "answers|answer|responds|respond ~1 everything|anything"),
        (AttackFamily.PersonaJailbreak, 0.5, "entwicklermodus|modo ~1 desarrollador|desenvolvedor|sviluppatore"),
        (AttackFamily.PersonaJailbreak, 0.5, "mode ~0 developpeur|dieu"),
        (AttackFamily.PersonaJailbreak, 0.35, "@no ~1 warnings|disclaimers|caveats|apologies"),
        (AttackFamily.PersonaJailbreak, 0.35, "without ~1 warnings|disclaimers|caveats|moralizing|moralising|apologies|apologizing|censorship|hesitation"),
        (AttackFamily.PersonaJailbreak, 0.4, "@company ~2 content|usage ~1 @policy"),
        (AttackFamily.PersonaJailbreak, 0.35, "@company ~2 @policy"),
        (AttackFamily.PersonaJailbreak, 0.4, "stay|remain ~1 in character"),
        (AttackFamily.PersonaJailbreak, 0.35, "machiavellian|amoral"),
        (AttackFamily.PersonaJailbreak, 0.6, "evil|unethical|immoral ~1 confidant|twin|ai|assistant|chatbot|version|persona"),

        // System-prompt extraction.
        (AttackFamily.PromptExtraction, 0.85, "@reveal|@produce ~3 your ~2 @secret-adjective ~2 @prompt"),
        (AttackFamily.PromptExtraction, 0.75, "@reveal ~3 the|all|any ~2 @secret-adjective ~2 @prompt"),
        (AttackFamily.PromptExtraction, 0.5, "@reveal|@produce ~2 your ~1 @prompt -@qualifier"),
        (AttackFamily.PromptExtraction, 0.75, "@reveal ~3 @extraction-prior ~2 @prompt -@qualifier"),
        (AttackFamily.PromptExtraction, 0.6, "@produce ~3 @extraction-prior ~2 @prompt -@qualifier"),
        (AttackFamily.PromptExtraction, 0.7, "@reveal|@produce ~3 all|the|your ~2 @prompt ~2 so|above|before|verbatim|given|received"),
        (AttackFamily.PromptExtraction, 0.75, "what ~1 is|are|was|were ~1 your ~2 @secret-adjective ~1 @prompt"),
        (AttackFamily.PromptExtraction, 0.55, "what ~1 is|are|was|were ~1 your @prompt"),
        (AttackFamily.PromptExtraction, 0.5, "@reveal ~3 @everything|words|text ~2 above|before|written"),
        (AttackFamily.PromptExtraction, 0.4, "begin|start|preface|prefix ~2 your ~1 @reply ~1 with"),
        (AttackFamily.PromptExtraction, 0.55, "@prompt ~1 so far"),
        (AttackFamily.PromptExtraction, 0.6, "@prompt ~2 @you ~1 were|have|ve|been ~1 given|told|provided|programmed|trained"),
        (AttackFamily.PromptExtraction, 0.3, "word ~0 for ~0 word"),
        (AttackFamily.PromptExtraction, 0.7, "@reveal|@produce|what ~4 the|your ~1 system|developer|operator ~0 message|messages|preamble"),
        (AttackFamily.PromptExtraction, 0.7, "sentence|line|word|words|letter|part|paragraph ~1 of ~1 your ~2 @prompt"),
        (AttackFamily.PromptExtraction, 0.45, "@reveal ~2 your ~1 context"),
        (AttackFamily.PromptExtraction, 0.35, "access granted"),
        (AttackFamily.PromptExtraction, 0.75, "@say ~3 access granted"),
        (AttackFamily.PromptExtraction, 0.35, "@reveal ~3 password|passcode|passphrase|access|secret"),

        // Fake turns and delimiters, in words (the markup itself is found in the raw text).
        (AttackFamily.FakeTurn, 0.45, "@endmark of ~2 @section"),
        (AttackFamily.FakeTurn, 0.4, "begin|start|beginning ~1 new|real|actual ~1 @instructions|@section|conversation"),
        (AttackFamily.FakeTurn, 0.45, "user ~1 input|message|prompt|query|turn ~1 @over"),
        (AttackFamily.FakeTurn, 0.45, "developer|admin|administrator|operator ~0 note|notes|message|override|@directive"),
        (AttackFamily.FakeTurn, 0.5, "system|assistant ~0 note|override"),

        // Indirect: instructions aimed at the model from inside content.
        (AttackFamily.Indirect, 0.6, "@note ~1 @to ~2 @ai"),
        (AttackFamily.Indirect, 0.4, "@directive ~1 @to ~2 @ai"),
        (AttackFamily.Indirect, 0.35, "@ai ~0 @directive|@note"),
        (AttackFamily.Indirect, 0.5, "ai|llm|llms|copilot|chatgpt|gpt|claude|gemini|chatbot|agents|assistants|summarizers|summarizer|reviewers|reviewer|crawlers:"),
        (AttackFamily.Indirect, 0.55, "@ai ~0 @directive:"),
        (AttackFamily.Indirect, 0.45, "hey|dear|attention ~0 @ai"),
        (AttackFamily.Indirect, 0.65, "if ~1 @you ~1 are|re ~1 a|an ~2 @ai|language|large"),
        (AttackFamily.Indirect, 0.7, "@ai ~2 @reading this"),
        (AttackFamily.Indirect, 0.3, "when ~1 @reading|summarize|summarise|read ~1 this"),
        (AttackFamily.Indirect, 0.55, "@never|without ~1 @tell ~1 the|your|any ~1 @user"),
        (AttackFamily.Indirect, 0.45, "@send ~4 all|every|the|their|his|her|users|user ~3 @private-data ~5 to"),
    ];
}
