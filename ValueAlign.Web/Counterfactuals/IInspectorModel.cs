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
}

/// <summary>The shared host's loaded model, or null when none is loaded.</summary>
public sealed class SharedInspectorModel(ModelHost host) : IInspectorModel
{
    public ILanguageModel? Current => host.Model;
}
