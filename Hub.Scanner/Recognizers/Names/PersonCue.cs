using System.Collections.Frozen;

namespace Hub.Scanner.Recognizers.Names;

/// <summary>Words just before a name that make it one: "patient", "Dear", "Signed,", "my name is", "From:".</summary>
internal static class PersonCue
{
    /// <summary>Words after which a name follows, with or without a colon.</summary>
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Cues = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "patient", "customer", "client", "employee", "contact", "applicant", "candidate", "tenant", "member", "student",
        "signed", "regards", "sincerely", "dear", "hi", "hello", "hey", "thanks", "cheers", "named", "called", "i'm", "i’m",
        "manager", "colleague", "boss", "wife", "husband", "son", "daughter", "mother", "father", "brother", "sister",
        "friend", "attn", "attention", "respectfully", "best", "yours", "cardholder", "policyholder", "insured",
        "beneficiary", "guarantor", "witness", "physician", "landlord", "supervisor", "coworker", "spouse", "partner",
        "heiße", "heisse", "llamo", "chiamo", "m'appelle", "m’appelle", "heet", "chamo")
        .GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Words after which a name follows only with a colon or an equals sign ("From: Jane Doe", <c>name="Jane Doe"</c>).</summary>
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> FieldCues = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "name", "from", "to", "cc", "bcc", "by", "author", "owner", "assignee", "reporter", "sender", "recipient",
        "attendee", "signature", "holder", "user", "buyer", "seller", "driver", "passenger", "guest", "doctor", "nurse",
        "caller", "agent", "rep", "requester", "approver", "reviewer", "interviewer", "interviewee", "subscriber")
        .GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>"my name is", "I am", "this is", "patient", "Dear", "Name:" just before token <paramref name="i"/>.</summary>
    public static bool IsBefore(string text, ReadOnlySpan<Token> tokens, int i)
    {
        var k = i - 1;
        var colon = false;
        while (k >= 0 && tokens[k].Is(TokenShape.Punctuation) && k >= i - 2)
        {
            // "Account Manager | Northwind": a pipe, slash or bracket separates fields, so the word before cues nothing.
            var c = text[tokens[k].Start];
            if (c is not (':' or '-' or '–' or ',' or '=' or '"' or '\''))
            {
                return false;
            }

            colon |= c is ':' or '-' or '=';
            k--;
        }

        if (k < 0 || !tokens[k].Is(TokenShape.Word))
        {
            return false;
        }

        var word = tokens[k].In(text);
        if (Cues.Contains(word) || (colon && FieldCues.Contains(word)))
        {
            return true;
        }

        // "name is", "I am", "this is", "call me", "it's".
        if (k >= 1 && tokens[k - 1].Is(TokenShape.Word))
        {
            var before = tokens[k - 1].In(text);
            return (word.Equals("is", StringComparison.OrdinalIgnoreCase) && (before.Equals("name", StringComparison.OrdinalIgnoreCase) || before.Equals("this", StringComparison.OrdinalIgnoreCase)))
                || (word.Equals("am", StringComparison.OrdinalIgnoreCase) && before.Equals("I", StringComparison.Ordinal))
                || (word.Equals("me", StringComparison.OrdinalIgnoreCase) && before.Equals("call", StringComparison.OrdinalIgnoreCase));
        }

        return false;
    }
}
