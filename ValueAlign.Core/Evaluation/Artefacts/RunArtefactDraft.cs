using System.Text;

namespace ValueAlign.Core.Evaluation.Artefacts;

/// <summary>
/// An artefact a method hands to the engine (from <see cref="IEvaluationMethod.Artefacts"/>); the
/// engine stores it as a <see cref="RunArtefact"/>. Names are lower-case letters, digits and
/// dashes, so they read well in a download address.
/// </summary>
public sealed record RunArtefactDraft(string Name, ArtefactKind Kind, string MediaType, string FileName, byte[] Content, string Description = "")
{
    public const int MaxNameLength = 64;

    /// <summary>A reusable piece of text (an optimised instruction, a reflection), offered as <c>NAME.txt</c>.</summary>
    public static RunArtefactDraft Text(string name, string text, string description = "") =>
        new(name, ArtefactKind.Text, "text/plain; charset=utf-8", $"{name}.txt", Encoding.UTF8.GetBytes(text), description);

    /// <summary>A dataset as JSON Lines, one record a line, offered as <c>NAME.jsonl</c>.</summary>
    public static RunArtefactDraft JsonLines(string name, IEnumerable<string> lines, string description = "")
    {
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            if (line.Contains('\n', StringComparison.Ordinal))
                throw new ArgumentException($"A line of the JSON Lines artefact '{name}' contains a line break.");
            text.Append(line).Append('\n');
        }
        return new(name, ArtefactKind.Dataset, "application/x-ndjson; charset=utf-8", $"{name}.jsonl", Encoding.UTF8.GetBytes(text.ToString()), description);
    }

    /// <summary>A Markdown document for people, offered as <c>NAME.md</c>.</summary>
    public static RunArtefactDraft Markdown(string name, string markdown, string description = "") =>
        new(name, ArtefactKind.Report, "text/markdown; charset=utf-8", $"{name}.md", Encoding.UTF8.GetBytes(markdown), description);

    /// <summary>Throws <see cref="ArgumentException"/> when the name or file name is unusable.</summary>
    public void Validate()
    {
        if (Name.Length is 0 or > MaxNameLength || !Name.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-') || Name[0] == '-')
            throw new ArgumentException($"The artefact name '{Name}' must be 1 to {MaxNameLength} lower-case letters, digits or dashes, not starting with a dash.");
        if (string.IsNullOrWhiteSpace(FileName) || FileName.IndexOfAny(['/', '\\']) >= 0 || FileName.Length > 200)
            throw new ArgumentException($"The artefact file name '{FileName}' must be a plain file name of at most 200 characters.");
        if (string.IsNullOrWhiteSpace(MediaType) || MediaType.Length > 100)
            throw new ArgumentException($"The artefact '{Name}' needs a media type of at most 100 characters.");
    }
}
