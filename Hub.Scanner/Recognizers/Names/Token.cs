namespace Hub.Scanner.Recognizers.Names;

[Flags]
internal enum TokenShape : ushort
{
    None = 0,

    /// <summary>Letters (with inner apostrophes and hyphens: "O'Connor", "Álvarez-García").</summary>
    Word = 1 << 0,

    /// <summary>Starts with a digit ("42", "221B", "5th", "10115").</summary>
    Number = 1 << 1,

    /// <summary>One character that is neither a letter, a digit nor whitespace.</summary>
    Punctuation = 1 << 2,

    /// <summary>An upper-case letter then lower case ("Smith", "McDonald", "O'Connor", "DiCaprio").</summary>
    Capitalized = 1 << 3,

    /// <summary>Two or more letters, all upper case ("JOHN", "USA").</summary>
    AllCaps = 1 << 4,
    Lower = 1 << 5,

    /// <summary>Code-like casing or characters ("UserService", "iPhone", "user_id", "abc123").</summary>
    CodeLike = 1 << 6,
    SpaceBefore = 1 << 7,
    NewlineBefore = 1 << 8,

    /// <summary>First token of the text, or after a full stop, colon, bullet, quote or line break.</summary>
    SentenceStart = 1 << 9,

    /// <summary>Attached to an e-mail, path, dotted or call syntax ("john.smith@", "Smith()", "/Paris").</summary>
    Glued = 1 << 10,
}

/// <summary>One token of the scanned text: <c>[Start, Start + Length)</c>, its shape and its gazetteer classes.</summary>
internal readonly record struct Token(int Start, int Length, TokenShape Shape, WordClass Classes)
{
    public int End => Start + Length;

    public ReadOnlySpan<char> In(string text) => text.AsSpan(Start, Length);

    public bool Is(TokenShape shape) => (Shape & shape) != 0;

    public bool Has(WordClass classes) => (Classes & classes) != 0;

    public bool IsPunctuation(string text, char c) => (Shape & TokenShape.Punctuation) != 0 && text[Start] == c;

    /// <summary>A capitalised word that is not code: the shape a name or place must have.</summary>
    public bool IsProperShaped => (Shape & (TokenShape.Capitalized | TokenShape.CodeLike | TokenShape.Glued)) == TokenShape.Capitalized;
}
