namespace ValueAlign.Core.Inference.Serving;

/// <summary>A loaded model the API serves: its id in requests, the model, its token-level access and identity.</summary>
public sealed record ServedModel(string Id, ILanguageModel Model, ITokenLevelModel TokenLevel, DateTimeOffset Created)
{
    public ModelRef Identity => Model.Identity;
}
