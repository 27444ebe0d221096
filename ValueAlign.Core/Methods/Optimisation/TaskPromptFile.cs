using System.Text.Json;

namespace ValueAlign.Core.Methods.Optimisation;

/// <summary>
/// Reads task prompts from JSONL: one object a line with <c>id</c> and <c>text</c> (other fields
/// ignored; blank lines skipped). All or nothing: the first bad line fails the whole file with its
/// line number.
/// </summary>
public static class TaskPromptFile
{
    public static IReadOnlyList<TaskPrompt> Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"No task prompt file at {path}.", path);
        var prompts = new List<TaskPrompt>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var prompt = Parse(line, path, number);
            if (!ids.Add(prompt.Id)) throw new FormatException($"{path}:{number}: id '{prompt.Id}' is used twice.");
            prompts.Add(prompt);
        }
        return prompts.Count > 0 ? prompts : throw new FormatException($"{path}: no task prompts.");
    }

    private static TaskPrompt Parse(string line, string path, int number)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw new FormatException($"{path}:{number}: not a JSON object ({e.Message}).");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new FormatException($"{path}:{number}: not a JSON object.");
            return new TaskPrompt(Text(root, "id", path, number), Text(root, "text", path, number));
        }
    }

    private static string Text(JsonElement root, string field, string path, int number) =>
        root.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Trim().Length > 0
            ? value.GetString()!.Trim()
            : throw new FormatException($"{path}:{number}: field \"{field}\" must be a non-empty string.");
}
