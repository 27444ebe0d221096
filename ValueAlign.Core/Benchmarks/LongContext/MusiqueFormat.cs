using System.Text.Json;

namespace ValueAlign.Core.Benchmarks.LongContext;

/// <summary>
/// MuSiQue JSON lines (<c>musique_ans_v1.0_dev.jsonl</c>): <c>id</c>, <c>paragraphs</c> of
/// <c>{idx, title, paragraph_text, is_supporting}</c>, <c>question</c>, <c>question_decomposition</c>
/// of <c>{id, question, answer, paragraph_support_idx}</c>, <c>answer</c>, <c>answer_aliases</c>,
/// <c>answerable</c>. Supporting facts are whole paragraphs. The category is the hop type from the
/// id (<c>2hop</c>, <c>3hop1</c>, …), with <c>-unanswerable</c> added for <c>answerable: false</c>
/// (the <c>full</c> files); the decomposition becomes the explanation, one step a line.
/// </summary>
public static class MusiqueFormat
{
    public const string Name = "musique";

    public static LongContextRecord? Parse(JsonElement e, FieldError error)
    {
        var failed = false;
        FieldError fail = (f, m) => { failed = true; error(f, m); };
        var id = JsonFields.String(e, "id", fail);
        var question = JsonFields.String(e, "question", fail);
        var answer = JsonFields.String(e, "answer", fail);
        var aliases = JsonFields.Strings(e, "answer_aliases", fail, required: false) ?? [];
        var answerable = JsonFields.Bool(e, "answerable", fail, required: false) ?? true;
        var passages = ReadParagraphs(e, fail);
        var steps = ReadDecomposition(e, fail);
        if (failed || passages is null) return null;

        var hop = id!.IndexOf("__", StringComparison.Ordinal) is var cut and > 0 ? id[..cut] : null;
        var category = answerable ? hop : (hop ?? "musique") + "-unanswerable";
        var gold = new[] { answer! }.Concat(aliases).Where(a => a.Trim().Length > 0).Distinct(StringComparer.Ordinal).ToList();
        return new LongContextRecord(id, new LongContextQa(question!, passages, gold, HasSupportingFacts: true), category, "en", steps);
    }

    private static List<LongContextPassage>? ReadParagraphs(JsonElement e, FieldError error)
    {
        if (JsonFields.Array(e, "paragraphs", error) is not { } array) return null;
        var passages = new List<LongContextPassage>();
        var i = 0;
        foreach (var paragraph in array.EnumerateArray())
        {
            var path = $"paragraphs[{i++}]";
            if (paragraph.ValueKind != JsonValueKind.Object)
            {
                error(path, $"expected an object, found {paragraph.ValueKind}");
                return null;
            }
            var ok = true;
            FieldError inner = (f, m) => { ok = false; error($"{path}.{f}", m); };
            var title = JsonFields.String(paragraph, "title", inner, allowEmpty: true);
            var text = JsonFields.String(paragraph, "paragraph_text", inner, allowEmpty: true);
            var supporting = JsonFields.Bool(paragraph, "is_supporting", inner);
            if (!ok) return null;
            passages.Add(new LongContextPassage(title!.Length == 0 ? null : title, SentenceSplitter.Split(text!), supporting!.Value));
        }
        if (passages.Count == 0)
        {
            error("paragraphs", "the item has no paragraphs");
            return null;
        }
        return passages;
    }

    private static string? ReadDecomposition(JsonElement e, FieldError error)
    {
        if (JsonFields.Array(e, "question_decomposition", error, required: false) is not { } array) return null;
        var lines = new List<string>();
        var i = 0;
        foreach (var step in array.EnumerateArray())
        {
            var path = $"question_decomposition[{i++}]";
            if (step.ValueKind != JsonValueKind.Object)
            {
                error(path, $"expected an object, found {step.ValueKind}");
                return null;
            }
            var ok = true;
            FieldError inner = (f, m) => { ok = false; error($"{path}.{f}", m); };
            var q = JsonFields.String(step, "question", inner, allowEmpty: true);
            var a = JsonFields.String(step, "answer", inner, required: false) ?? "";
            if (!ok) return null;
            lines.Add($"{i}. {q} → {a}");
        }
        return lines.Count == 0 ? null : string.Join("\n", lines);
    }
}
