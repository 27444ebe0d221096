using Microsoft.Extensions.DependencyInjection;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Methods.Dilemmas;
using ValueAlign.Core.Methods.Mova;
using ValueAlign.Core.Methods.Questionnaires;

namespace ValueAlign.Core.Methods;

public static class ValueMethodsServiceCollectionExtensions
{
    /// <summary>
    /// The value evaluation methods <c>mova</c>, <c>questionnaire</c> and <c>dilemmas</c> as
    /// <see cref="IEvaluationMethod"/>s. Needs the value-system catalogue (MoVa and questionnaires
    /// score over its dimensions) and <c>AddEvaluation</c>.
    /// </summary>
    public static IServiceCollection AddValueEvaluationMethods(this IServiceCollection services)
    {
        services.AddSingleton<IEvaluationMethod, MovaMethod>();
        services.AddSingleton<IEvaluationMethod, QuestionnaireMethod>();
        services.AddSingleton<IEvaluationMethod, DilemmaMethod>();
        return services;
    }
}
