namespace ValueAlign.Core.Methods;

/// <summary>The shipped data files some methods read: PICACO's value sets and the value-laden prompts the optimisers import when missing.</summary>
public sealed record MethodDataFiles(string PicacoValueSets, string ValueLadenPrompts)
{
    /// <summary>The files at their places under the data folder (<c>data/</c>).</summary>
    public static MethodDataFiles InDataFolder(string dataFolder) => new(
        Path.Combine(dataFolder, "value-sets", "picaco.json"),
        Path.Combine(dataFolder, "prompts", "value-laden.jsonl"));
}
