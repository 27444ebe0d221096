using System.Text.Json;

namespace ValueAlign.Core.Benchmarks.LongContext;

/// <summary>
/// HotpotQA records (<c>hotpot_dev_distractor_v1.json</c> and friends): <c>_id</c>, <c>question</c>,
/// <c>answer</c>, <c>supporting_facts</c> as <c>[title, sentence_index]</c>, <c>context</c> as
/// <c>[title, [sentence, …]]</c>, <c>type</c>, <c>level</c>. A supporting fact whose title is not in
/// the context, or whose index is past the paragraph's end, is not an error: the released dev set
/// has such facts (and a cut context drops gold paragraphs), so they are ignored, and a passage is
/// supporting when any fact names it.
/// </summary>
public static class HotpotQaFormat
{
    public const string Name = "hotpotqa";

    public static LongContextRecord? Parse(JsonElement e, FieldError error)
    {
        var failed = false;
        FieldError fail = (f, m) => { failed = true; error(f, m); };
        var id = JsonFields.String(e, "_id", fail);
        var question = JsonFields.String(e, "question", fail);
        var answer = JsonFields.String(e, "answer", fail);
        var type = JsonFields.String(e, "type", fail, required: false);
        var facts = ReadFacts(e, fail);
        var paragraphs = ReadContext(e, fail);
        if (failed || paragraphs is null || facts is null) return null;

        var passages = paragraphs.Select(p =>
        {
            var named = facts.Where(f => f.Title == p.Title).Select(f => f.Sentence).ToList();
            var inRange = named.Where(s => s >= 0 && s < p.Sentences.Count).Distinct().Order().ToList();
            return new LongContextPassage(p.Title, p.Sentences, named.Count > 0, inRange);
        }).ToList();
        return new LongContextRecord(id!, new LongContextQa(question!, passages, [answer!], HasSupportingFacts: true), type, "en", null);
    }

    private static List<(string Title, int Sentence)>? ReadFacts(JsonElement e, FieldError error)
    {
        if (JsonFields.Array(e, "supporting_facts", error) is not { } array) return null;
        var facts = new List<(string, int)>();
        var i = 0;
        foreach (var fact in array.EnumerateArray())
        {
            var field = $"supporting_facts[{i++}]";
            if (fact.ValueKind != JsonValueKind.Array || fact.GetArrayLength() != 2
                || fact[0].ValueKind != JsonValueKind.String || fact[1].ValueKind != JsonValueKind.Number || !fact[1].TryGetInt32(out var index))
            {
                error(field, "expected [title, sentence_index]");
                return null;
            }
            facts.Add((fact[0].GetString()!, index));
        }
        return facts;
    }

    private static List<(string Title, List<string> Sentences)>? ReadContext(JsonElement e, FieldError error)
    {
        if (JsonFields.Array(e, "context", error) is not { } array) return null;
        var paragraphs = new List<(string, List<string>)>();
        var i = 0;
        foreach (var paragraph in array.EnumerateArray())
        {
            var field = $"context[{i++}]";
            if (paragraph.ValueKind != JsonValueKind.Array || paragraph.GetArrayLength() != 2
                || paragraph[0].ValueKind != JsonValueKind.String || paragraph[1].ValueKind != JsonValueKind.Array)
            {
                error(field, "expected [title, [sentence, ...]]");
                return null;
            }
            var sentences = new List<string>();
            foreach (var sentence in paragraph[1].EnumerateArray())
            {
                if (sentence.ValueKind != JsonValueKind.String)
                {
                    error($"{field}[1]", $"expected a list of sentences (strings), found an element of kind {sentence.ValueKind}");
                    return null;
                }
                sentences.Add(sentence.GetString()!);
            }
            paragraphs.Add((paragraph[0].GetString()!, sentences));
        }
        if (paragraphs.Count == 0)
        {
            error("context", "the context has no paragraphs");
            return null;
        }
        return paragraphs;
    }
}
