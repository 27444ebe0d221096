using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ValueAlign.Core.Inference;

/// <summary>
/// Builds a GBNF grammar (llama.cpp's grammar format) for one JSON object whose fields appear in
/// a fixed order with fixed separators, e.g. <c>{"score": 3, "applies": 0}</c>. The fixed layout
/// leaves the model no freedom outside the values, so short outputs parse reliably even from
/// small models, and every value is bounded so generation ends.
/// </summary>
public static partial class JsonGrammar
{
    public static string ForObject(params JsonField[] fields) => ForObject((IReadOnlyList<JsonField>)fields);

    public static string ForObject(IReadOnlyList<JsonField> fields)
    {
        if (fields.Count == 0)
        {
            throw new ArgumentException("A JSON grammar needs at least one field.", nameof(fields));
        }
        var duplicate = fields.GroupBy(f => f.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Field \"{duplicate.Key}\" appears twice.", nameof(fields));
        }

        var root = new StringBuilder("root ::= \"{\"");
        var rules = new List<string>();
        var needsString = false;
        for (var i = 0; i < fields.Count; i++)
        {
            var field = fields[i];
            if (!FieldName().IsMatch(field.Name))
            {
                // Restricting names keeps the literal free of JSON and GBNF escaping.
                throw new ArgumentException($"Field name \"{field.Name}\" must be letters, digits, '_' or '-' (1-64 characters).", nameof(fields));
            }
            var separator = i == 0 ? "" : ", ";
            var rule = $"field{i}";
            root.Append(CultureInfo.InvariantCulture, $" \"{separator}\\\"{field.Name}\\\": \" {rule}");
            rules.Add($"{rule} ::= {ValueExpression(field.Type)}");
            needsString |= field.Type is JsonFieldType.Text or JsonFieldType.TextArray;
        }
        root.Append(" \"}\"");

        var grammar = new StringBuilder();
        grammar.AppendLine(root.ToString());
        foreach (var rule in rules)
        {
            grammar.AppendLine(rule);
        }
        if (needsString)
        {
            // Any character but quote, backslash and control characters, or a simple escape.
            grammar.AppendLine("char ::= [^\"\\\\\\x00-\\x1F] | \"\\\\\" [\"\\\\/bfnrt]");
        }
        return grammar.ToString();
    }

    private static string ValueExpression(JsonFieldType type) => type switch
    {
        JsonFieldType.Digit d when d.Min == d.Max => $"\"{d.Min}\"",
        JsonFieldType.Digit d => $"[{d.Min}-{d.Max}]",
        // Every allowed number spelled out: a bounded alternation keeps "10" possible and "11" impossible.
        JsonFieldType.Integer n => "(" + string.Join(" | ", Enumerable.Range(n.Min, n.Max - n.Min + 1).Select(v => $"\"{v.ToString(CultureInfo.InvariantCulture)}\"")) + ")",
        JsonFieldType.Text t => StringExpression(t.MaxLength),
        JsonFieldType.Number => "\"-\"? (\"0\" | [1-9] [0-9]{0,8}) (\".\" [0-9]{1,6})?",
        JsonFieldType.Boolean => "(\"true\" | \"false\")",
        JsonFieldType.TextArray a =>
            $"\"[\" ({StringExpression(a.MaxLength)} (\", \" {StringExpression(a.MaxLength)}){{0,{a.MaxItems - 1}}})? \"]\"",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown JSON field type."),
    };

    private static string StringExpression(int maxLength) => $"\"\\\"\" char{{0,{maxLength}}} \"\\\"\"";

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex FieldName();
}
