using ValueAlign.Core.Values;

namespace ValueAlign.Core.Evaluation.Reports;

/// <summary>
/// The psychology grounding of a report (methods.md, "Psychology theory grounding"): the value
/// system's source theory, instruments, scoring rules and known caveats travel with the numbers,
/// so a reader sees what the dimensions mean and where their use on models is questionable.
/// </summary>
public static class GroundingTable
{
    public const string Id = "value-system";

    public static ReportTable For(ValueSystem system, params (string Field, string Value)[] setup)
    {
        var rows = new List<IReadOnlyList<string>>
        {
            new[] { "Value system", $"{system.Name} ({system.Id}, {system.Version})" },
        };
        rows.AddRange(setup.Select(s => (IReadOnlyList<string>)[s.Field, s.Value]));
        rows.Add(["Theory", $"{system.Theory.Name}. {system.Theory.Citation}"]);
        rows.AddRange(system.Instruments.Select(i => (IReadOnlyList<string>)["Instrument", $"{i.Name}: {i.Description}"]));
        rows.Add(["Scoring", system.Scoring]);
        rows.AddRange(system.Caveats.Select(c => (IReadOnlyList<string>)["Caveat", c]));
        return new ReportTable(Id, "Value system and its caveats", ["Field", "Value"], rows);
    }
}
