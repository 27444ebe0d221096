using System.Text.Json;

namespace ValueAlign.Core.Methods.Couple.Inspection;

/// <summary>A file of items to align was unusable; <see cref="Problems"/> names file, line and field of each.</summary>
public sealed class InspectionItemsFileException(IReadOnlyList<string> problems)
    : Exception(string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}

/// <summary>
/// Reads a JSONL file of <c>{"question": "...", "response": "..."}</c> objects (response optional or
/// null: the model answers first). Blank lines are skipped. All problems are collected and thrown
/// together, so nothing half-read is run.
/// </summary>
public static class InspectionItemsFile
{
    public static IReadOnlyList<InspectionItem> Read(string path)
    {
        var name = Path.GetFileName(path);
        var items = new List<InspectionItem>();
        var problems = new List<string>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Trim().Length == 0)
            {
                continue;
            }
            var where = $"{name}, line {number}";
            try
            {
                using var document = JsonDocument.Parse(line);
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    problems.Add($"{where}: expected a JSON object.");
                    continue;
                }
                var question = Text(root, "question", where, problems, required: true);
                var response = Text(root, "response", where, problems, required: false);
                if (question is not null)
                {
                    items.Add(new InspectionItem(question, string.IsNullOrWhiteSpace(response) ? null : response));
                }
            }
            catch (JsonException e)
            {
                problems.Add($"{where}: not valid JSON ({e.Message}).");
            }
        }
        if (problems.Count == 0 && items.Count == 0)
        {
            problems.Add($"{name}: no items (expected one JSON object per line).");
        }
        if (problems.Count > 0)
        {
            throw new InspectionItemsFileException(problems);
        }
        return items;
    }

    private static string? Text(JsonElement root, string field, string where, List<string> problems, bool required)
    {
        if (!root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                problems.Add($"{where}, field \"{field}\": missing.");
            }
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            problems.Add($"{where}, field \"{field}\": expected a string, found {value.ValueKind.ToString().ToLowerInvariant()}.");
            return null;
        }
        var text = value.GetString()!;
        if (required && text.Trim().Length == 0)
        {
            problems.Add($"{where}, field \"{field}\": empty.");
            return null;
        }
        return text.Trim();
    }
}
