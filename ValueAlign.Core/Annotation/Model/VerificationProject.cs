namespace ValueAlign.Core.Annotation.Model;

/// <summary>
/// A set of benchmark items that annotators verify with one label schema. The item filter is kept
/// as JSON of the benchmark browser's <c>ItemFilter</c> so a curator can see how the items were chosen.
/// </summary>
public sealed class VerificationProject
{
    public long Id { get; set; }

    public string Name { get; set; } = "";

    /// <summary>JSON of the <c>ItemFilter</c> that chose the items.</summary>
    public string ItemFilterJson { get; set; } = "{}";

    /// <summary>JSON of the <c>LabelSchema</c>.</summary>
    public string LabelSchemaJson { get; set; } = "";

    public string GuidelinesMarkdown { get; set; } = "";

    /// <summary>How many annotations each (non-gold) item should get.</summary>
    public int Overlap { get; set; } = 3;

    /// <summary>When true annotators never see other annotators' labels.</summary>
    public bool BlindMode { get; set; } = true;

    /// <summary>Share of served items that are gold items, 0..1.</summary>
    public double GoldRate { get; set; }

    public int ReservationTimeoutSeconds { get; set; } = 600;

    /// <summary>Seed of the tie order among equally annotated items.</summary>
    public int Seed { get; set; }

    /// <summary>User id of the curator who created the project.</summary>
    public string CreatedBy { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    /// <summary>JSON of the <c>DisagreementRule</c> that sends items to adjudication; empty for the default rule.</summary>
    public string DisagreementRuleJson { get; set; } = "";

    /// <summary>
    /// When a curator closed the queue (no item is served any more, and items whose overlap was not
    /// reached may then be verified); null while annotation goes on.
    /// </summary>
    public DateTime? QueueClosedAt { get; set; }

    public TimeSpan ReservationTimeout => TimeSpan.FromSeconds(ReservationTimeoutSeconds);

    public List<ProjectItem> Items { get; set; } = [];
}
