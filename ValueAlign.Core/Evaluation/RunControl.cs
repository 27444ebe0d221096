using System.Security.Claims;
using ValueAlign.Core.Accounts;

namespace ValueAlign.Core.Evaluation;

/// <summary>
/// Cancel and resume as the pages reach them: the caller must satisfy
/// <see cref="WorkbenchPolicies.RunWrite"/> (checked here, not only by hiding the buttons);
/// a refusal throws <see cref="WorkbenchAccessDeniedException"/>.
/// </summary>
public sealed class RunControl(EvalRunService runs)
{
    public Task<bool> CancelAsync(ClaimsPrincipal user, long runId, CancellationToken cancellationToken = default)
    {
        WorkbenchPolicies.Demand(user, WorkbenchPolicies.RunWrite);
        return runs.CancelAsync(runId, cancellationToken);
    }

    public Task<bool> ResumeAsync(ClaimsPrincipal user, long runId, CancellationToken cancellationToken = default)
    {
        WorkbenchPolicies.Demand(user, WorkbenchPolicies.RunWrite);
        return runs.ResumeAsync(runId, cancellationToken);
    }
}
