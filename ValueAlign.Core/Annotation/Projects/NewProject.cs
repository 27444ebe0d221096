using ValueAlign.Core.Annotation.Schema;
using ValueAlign.Core.Benchmarks.Query;

namespace ValueAlign.Core.Annotation.Projects;

/// <summary>
/// What a curator fills in to start a verification project. <see cref="GoldItems"/> maps
/// benchmark item ids to their expected answers; they join the project as gold whether or not
/// the filter matches them. <see cref="Members"/> are the user ids of the annotators who may work
/// on it (enabled users with the Annotator role). The same record describes an edit.
/// </summary>
public sealed record NewProject
{
    public required string Name { get; init; }
    public required ItemFilter Filter { get; init; }
    public required LabelSchema Schema { get; init; }
    public string GuidelinesMarkdown { get; init; } = "";
    public int Overlap { get; init; } = 3;
    public bool BlindMode { get; init; } = true;
    public double GoldRate { get; init; }
    public TimeSpan ReservationTimeout { get; init; } = TimeSpan.FromMinutes(10);
    /// <summary>
    /// Orders ties in the annotators' queues. Null draws a random one when the project is created
    /// (the project editor does that); a fixed seed makes the order reproducible. An edit keeps the
    /// project's seed whatever this says.
    /// </summary>
    public int? Seed { get; init; } = 0;
    public required string CreatedBy { get; init; }
    public IReadOnlyDictionary<long, AnnotationAnswers> GoldItems { get; init; } = new Dictionary<long, AnnotationAnswers>();
    public IReadOnlyCollection<string> Members { get; init; } = [];
}
