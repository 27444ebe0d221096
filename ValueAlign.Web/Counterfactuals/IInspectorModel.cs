using ValueAlign.Core.Inference;

namespace ValueAlign.Web.Counterfactuals;

/// <summary>
/// The model the counterfactual inspector runs on. In the app it is the one shared model of the
/// <see cref="ModelHost"/> (so runs queue with everyone else's requests); an interface so component
/// tests can run the page on a scripted model.
/// </summary>
public interface IInspectorModel
{
    ILanguageModel? Current { get; }

    /// <summary>Every loaded model, the judges the page offers (the current one judges itself when none is picked).</summary>
    IReadOnlyList<ILanguageModel> Loaded => Current is null ? [] : [Current];
}

/// <summary>The shared host's default model (null when none is loaded), and every model it has loaded.</summary>
public sealed class SharedInspectorModel(ModelHost host) : IInspectorModel
{
    public ILanguageModel? Current => host.Model;

    public IReadOnlyList<ILanguageModel> Loaded => host.Loaded;
}
