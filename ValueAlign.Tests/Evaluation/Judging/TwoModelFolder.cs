using ValueAlign.Core.Inference.Gguf;
using ValueAlign.Tests.Inference.Runtime;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Evaluation.Judging;

/// <summary>
/// A models folder with two different models: a copy of stories260K (evaluated) and a synthetic
/// tiny llama written by the project's GGUF writer (the judge; another file, another SHA-256).
/// </summary>
public sealed class TwoModelFolder : IDisposable
{
    public const string Model = "stories260K.gguf";

    public const string Judge = "judge-tiny.gguf";

    private readonly TempDirectory folder = new();

    public TwoModelFolder()
    {
        System.IO.File.Copy(StoriesModelFixture.ModelPath, folder.File(Model));
        SyntheticLlamaModel.WriteFile(folder.File(Judge), SyntheticLlamaConfig.Tiny);
    }

    public string Path => folder.Path;

    public string File(string name) => folder.File(name);

    public void Dispose() => folder.Dispose();
}
