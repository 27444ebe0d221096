using ValueAlign.Core.Annotation.Assignment;
using ValueAlign.Core.Dashboards;
using ValueAlign.Core.Evaluation;

namespace ValueAlign.Core.Start;

/// <summary>
/// What the start page (<c>/</c>) shows a user, by role: the setup checklist (Admins and Curators),
/// their annotation projects (Annotators and any member of a project), and the shared dashboards
/// and latest runs (Viewers). A part the user's roles do not lead to is null.
/// </summary>
public sealed record StartPageStatus(
    IReadOnlyList<SetupStep>? Checklist,
    IReadOnlyList<AnnotatorProject>? Projects,
    ViewerOverview? Viewer)
{
    /// <summary>Steps done, for the checklist's heading.</summary>
    public int StepsDone => Checklist?.Count(s => s.Done) ?? 0;
}

/// <summary>The setup steps, in the order a new workbench goes through them.</summary>
public enum SetupStepKind
{
    Model,
    Data,
    Project,
    Run,
}

/// <summary>
/// One step of the setup checklist: whether it is done, what the workbench has for it now
/// (<see cref="Detail"/>), and where to go (<see cref="Href"/>, <see cref="Action"/>): to do it
/// when not done, to see the result when done.
/// </summary>
public sealed record SetupStep(SetupStepKind Kind, string Title, bool Done, string Detail, string Href, string Action);

/// <summary>An annotator's project: the project's progress, theirs, and whether its queue takes work.</summary>
public sealed record AnnotatorProject(long Id, string Name, ProjectProgress Progress, AnnotatorProgress Mine, bool QueueClosed);

/// <summary>The shared dashboards (newest first) and the latest runs with their jobs' state.</summary>
public sealed record ViewerOverview(IReadOnlyList<DashboardSummary> Dashboards, IReadOnlyList<EvalRunSummary> LatestRuns);
