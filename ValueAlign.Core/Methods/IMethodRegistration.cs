using Microsoft.Extensions.DependencyInjection;
using ValueAlign.Core.Evaluation;

namespace ValueAlign.Core.Methods;

/// <summary>
/// How a method folder (<c>Methods/&lt;X&gt;/</c>) registers itself: the run-engine methods it
/// adds as <see cref="IEvaluationMethod"/>s and the services they need, in one class in that
/// folder. <see cref="MethodRegistrations"/> finds every implementation, so a new folder needs no
/// edit anywhere else. Implementations have a parameterless constructor.
/// </summary>
public interface IMethodRegistration
{
    /// <summary>The ids of the methods <see cref="Register"/> adds.</summary>
    IReadOnlyList<string> MethodIds { get; }

    void Register(IServiceCollection services, MethodDataFiles files);
}
