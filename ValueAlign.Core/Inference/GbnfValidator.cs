namespace ValueAlign.Core.Inference;

/// <summary>
/// Checks a GBNF grammar the way llama.cpp's parser reads it (rules, literals, character classes,
/// groups, repetition, comments), plus undefined rules, a missing root and left recursion. llama.cpp
/// takes the whole process down on a grammar it rejects, so nothing reaches it unchecked.
/// Token references (&lt;...&gt;, !) are not accepted.
/// </summary>
public static class GbnfValidator
{
    /// <summary>Throws <see cref="ArgumentException"/> saying what is wrong and where (line, column).</summary>
    public static void Validate(string grammar, string root = "root")
    {
        var parser = new Parser(grammar);
        parser.ParseGrammar();
        foreach (var (name, at) in parser.References)
        {
            if (!parser.Rules.ContainsKey(name))
            {
                throw parser.Error($"undefined rule '{name}'", at);
            }
        }
        if (!parser.Rules.ContainsKey(root))
        {
            throw new ArgumentException($"Invalid grammar: no rule named '{root}'.", nameof(grammar));
        }
        var nullable = parser.NullableRules();
        foreach (var rule in parser.Rules.Keys)
        {
            if (LeftReaches(parser, rule, rule, nullable, []))
            {
                throw new ArgumentException($"Invalid grammar: rule '{rule}' is left-recursive, which llama.cpp does not support.", nameof(grammar));
            }
        }
    }

    private static bool LeftReaches(Parser parser, string from, string target, HashSet<string> nullable, HashSet<string> seen)
    {
        if (!seen.Add(from))
        {
            return false;
        }
        foreach (var next in parser.LeftReferences(parser.Rules[from], nullable))
        {
            if (next == target || (parser.Rules.ContainsKey(next) && LeftReaches(parser, next, target, nullable, seen)))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>An element of a sequence: a rule reference, a terminal, or a group; MinCount 0 makes it optional.</summary>
    private sealed record Element(string? Reference, List<List<Element>>? Group, int MinCount);

    private sealed class Parser(string text)
    {
        private int pos;

        public Dictionary<string, List<List<Element>>> Rules { get; } = [];

        public List<(string Name, int At)> References { get; } = [];

        public void ParseGrammar()
        {
            SkipSpace(newlines: true);
            while (pos < text.Length)
            {
                ParseRule();
            }
        }

        public HashSet<string> NullableRules()
        {
            var nullable = new HashSet<string>();
            bool changed;
            do
            {
                changed = false;
                foreach (var (name, alternatives) in Rules)
                {
                    if (!nullable.Contains(name) && alternatives.Any(s => SequenceNullable(s, nullable)))
                    {
                        nullable.Add(name);
                        changed = true;
                    }
                }
            }
            while (changed);
            return nullable;
        }

        public IEnumerable<string> LeftReferences(List<List<Element>> alternatives, HashSet<string> nullable)
        {
            foreach (var sequence in alternatives)
            {
                foreach (var element in sequence)
                {
                    if (element.Reference is { } name)
                    {
                        yield return name;
                    }
                    else if (element.Group is { } group)
                    {
                        foreach (var inner in LeftReferences(group, nullable))
                        {
                            yield return inner;
                        }
                    }
                    if (!ElementNullable(element, nullable))
                    {
                        break;
                    }
                }
            }
        }

        public ArgumentException Error(string message, int at)
        {
            var line = 1 + text.AsSpan(0, Math.Min(at, text.Length)).Count('\n');
            var column = at - (text.LastIndexOf('\n', Math.Max(0, Math.Min(at, text.Length) - 1)) + 1) + 1;
            return new ArgumentException($"Invalid grammar at line {line}, column {column}: {message}.", "grammar");
        }

        private static bool SequenceNullable(List<Element> sequence, HashSet<string> nullable) => sequence.All(e => ElementNullable(e, nullable));

        private static bool ElementNullable(Element element, HashSet<string> nullable) =>
            element.MinCount == 0
            || (element.Reference is { } name && nullable.Contains(name))
            || (element.Group is { } group && group.Any(s => SequenceNullable(s, nullable)));

        private void ParseRule()
        {
            var nameAt = pos;
            var name = ParseName();
            SkipSpace(newlines: false);
            if (!text.AsSpan(pos).StartsWith("::="))
            {
                throw Error("expecting ::=", pos);
            }
            pos += 3;
            SkipSpace(newlines: true);
            if (Rules.ContainsKey(name))
            {
                throw Error($"rule '{name}' is defined twice", nameAt);
            }
            Rules[name] = ParseAlternates(nested: false);
            if (pos < text.Length && text[pos] == '\r')
            {
                pos++;
            }
            if (pos < text.Length && text[pos] == '\n')
            {
                pos++;
            }
            else if (pos < text.Length)
            {
                throw Error("expecting newline or end", pos);
            }
            SkipSpace(newlines: true);
        }

        private List<List<Element>> ParseAlternates(bool nested)
        {
            var alternatives = new List<List<Element>> { ParseSequence(nested) };
            while (pos < text.Length && text[pos] == '|')
            {
                pos++;
                SkipSpace(newlines: true);
                alternatives.Add(ParseSequence(nested));
            }
            return alternatives;
        }

        private List<Element> ParseSequence(bool nested)
        {
            var sequence = new List<Element>();
            while (pos < text.Length)
            {
                var c = text[pos];
                if (c == '"')
                {
                    pos++;
                    var empty = true;
                    while (pos < text.Length && text[pos] != '"')
                    {
                        ParseChar();
                        empty = false;
                    }
                    Expect('"', "unexpected end of input in a literal");
                    sequence.Add(new Element(null, null, empty ? 0 : 1));
                }
                else if (c == '[')
                {
                    pos++;
                    if (pos < text.Length && text[pos] == '^')
                    {
                        pos++;
                    }
                    while (pos < text.Length && text[pos] != ']')
                    {
                        ParseChar();
                        if (pos + 1 < text.Length && text[pos] == '-' && text[pos + 1] != ']')
                        {
                            pos++;
                            ParseChar();
                        }
                    }
                    Expect(']', "unexpected end of input in a character class");
                    sequence.Add(new Element(null, null, 1));
                }
                else if (IsWordChar(c))
                {
                    var at = pos;
                    var name = ParseName();
                    References.Add((name, at));
                    sequence.Add(new Element(name, null, 1));
                }
                else if (c == '(')
                {
                    pos++;
                    SkipSpace(newlines: true);
                    var group = ParseAlternates(nested: true);
                    Expect(')', "expecting ')'");
                    sequence.Add(new Element(null, group, 1));
                }
                else if (c == '.')
                {
                    pos++;
                    sequence.Add(new Element(null, null, 1));
                }
                else if (c is '*' or '+' or '?' or '{')
                {
                    if (sequence.Count == 0)
                    {
                        throw Error($"'{c}' has no preceding item", pos);
                    }
                    var min = c switch { '+' => 1, '{' => ParseRepetitionMin(), _ => 0 };
                    if (c != '{')
                    {
                        pos++;
                    }
                    var last = sequence[^1];
                    sequence[^1] = last with { MinCount = Math.Min(last.MinCount, min) };
                }
                else if (c is '<' or '!')
                {
                    throw Error("token references are not supported", pos);
                }
                else
                {
                    break;
                }
                SkipSpace(newlines: nested);
            }
            return sequence;
        }

        private int ParseRepetitionMin()
        {
            pos++; // '{'
            SkipSpace(newlines: false);
            var min = ParseInt();
            SkipSpace(newlines: false);
            if (pos < text.Length && text[pos] == ',')
            {
                pos++;
                SkipSpace(newlines: false);
                if (pos < text.Length && char.IsAsciiDigit(text[pos]))
                {
                    var max = ParseInt();
                    if (max < min)
                    {
                        throw Error("repetition maximum below its minimum", pos);
                    }
                    SkipSpace(newlines: false);
                }
            }
            Expect('}', "expecting '}'");
            return min;
        }

        private int ParseInt()
        {
            var start = pos;
            while (pos < text.Length && char.IsAsciiDigit(text[pos]))
            {
                pos++;
            }
            if (start == pos || !int.TryParse(text.AsSpan(start, pos - start), out var value))
            {
                throw Error("expecting a number", start);
            }
            return value;
        }

        private void ParseChar()
        {
            if (text[pos] != '\\')
            {
                pos++;
                return;
            }
            if (pos + 1 >= text.Length)
            {
                throw Error("unexpected end of input after '\\'", pos);
            }
            var escape = text[pos + 1];
            pos += 2;
            var hexDigits = escape switch { 'x' => 2, 'u' => 4, 'U' => 8, _ => 0 };
            if (hexDigits > 0)
            {
                for (var i = 0; i < hexDigits; i++, pos++)
                {
                    if (pos >= text.Length || !char.IsAsciiHexDigit(text[pos]))
                    {
                        throw Error($"expecting {hexDigits} hex digits after \\{escape}", pos);
                    }
                }
            }
            else if (escape is not ('t' or 'r' or 'n' or '\\' or '"' or '[' or ']'))
            {
                throw Error($"unknown escape \\{escape}", pos - 2);
            }
        }

        private string ParseName()
        {
            var start = pos;
            while (pos < text.Length && IsWordChar(text[pos]))
            {
                pos++;
            }
            if (start == pos)
            {
                throw Error("expecting a rule name", start);
            }
            return text[start..pos];
        }

        private void Expect(char c, string message)
        {
            if (pos >= text.Length || text[pos] != c)
            {
                throw Error(message, pos);
            }
            pos++;
        }

        private void SkipSpace(bool newlines)
        {
            while (pos < text.Length)
            {
                var c = text[pos];
                if (c is ' ' or '\t' || (newlines && c is '\r' or '\n'))
                {
                    pos++;
                }
                else if (c == '#')
                {
                    while (pos < text.Length && text[pos] is not ('\r' or '\n'))
                    {
                        pos++;
                    }
                }
                else
                {
                    break;
                }
            }
        }

        private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '-';
    }
}
