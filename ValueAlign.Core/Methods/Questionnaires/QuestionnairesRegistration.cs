using Microsoft.Extensions.DependencyInjection;
using ValueAlign.Core.Evaluation;

namespace ValueAlign.Core.Methods.Questionnaires;

/// <summary>The <c>questionnaire</c> evaluation (scores over the value-system catalogue's dimensions).</summary>
public sealed class QuestionnairesRegistration : IMethodRegistration
{
    public IReadOnlyList<string> MethodIds => [QuestionnaireMethod.MethodId];

    public void Register(IServiceCollection services, MethodDataFiles files) =>
        services.AddSingleton<IEvaluationMethod, QuestionnaireMethod>();
}
