using System.Text.Json;
using System.Text.RegularExpressions;

namespace ValueAlign.Core.Benchmarks.LongContext;

/// <summary>
/// LongBench (v1) JSON lines: <c>input</c> (the question), <c>context</c>, <c>answers</c>,
/// <c>length</c>, <c>dataset</c>, <c>language</c>, <c>all_classes</c>, <c>_id</c>. The multi-document
/// sets join their passages as <c>Passage N:\n{title}\n{text}</c>; such a context is split back into
/// titled passages, any other context is one passage without a title. LongBench marks no
/// supporting facts. The first answer is the item's answer; all of them count as gold.
/// </summary>
public static partial class LongBenchFormat
{
    public const string Name = "longbench";

    public static LongContextRecord? Parse(JsonElement e, FieldError error)
    {
        var failed = false;
        FieldError fail = (f, m) => { failed = true; error(f, m); };
        var id = JsonFields.String(e, "_id", fail);
        var question = JsonFields.String(e, "input", fail);
        var context = JsonFields.String(e, "context", fail);
        var answers = JsonFields.Strings(e, "answers", fail);
        var dataset = JsonFields.String(e, "dataset", fail, required: false);
        var language = JsonFields.String(e, "language", fail, required: false);
        if (answers is { Count: 0 }) fail("answers", "the list of answers is empty");
        if (failed) return null;
        return new LongContextRecord(id!, new LongContextQa(question!, Passages(context!), answers!, HasSupportingFacts: false), dataset, language, null);
    }

    /// <summary>Splits a LongBench context at its <c>Passage N:</c> headers (or keeps it whole).</summary>
    public static IReadOnlyList<LongContextPassage> Passages(string context)
    {
        var headers = PassageHeader().Matches(context);
        if (headers.Count == 0)
        {
            return [new LongContextPassage(null, SentenceSplitter.Split(context))];
        }
        var passages = new List<LongContextPassage>();
        var preamble = context[..headers[0].Index];
        if (preamble.Trim().Length > 0) passages.Add(new LongContextPassage(null, SentenceSplitter.Split(preamble)));
        for (var h = 0; h < headers.Count; h++)
        {
            var start = headers[h].Index + headers[h].Length;
            var end = h + 1 < headers.Count ? headers[h + 1].Index : context.Length;
            var body = context[start..end];
            var newline = body.IndexOf('\n');
            var title = (newline < 0 ? body : body[..newline]).Trim();
            var text = newline < 0 ? "" : body[(newline + 1)..];
            passages.Add(new LongContextPassage(title.Length == 0 ? null : title, SentenceSplitter.Split(text)));
        }
        return passages;
    }

    [GeneratedRegex(@"^Passage \d+:[ \t]*\r?\n", RegexOptions.Multiline)]
    private static partial Regex PassageHeader();
}
