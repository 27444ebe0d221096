using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ValueAlign.Core.Annotation.Adjudication;

/// <summary>
/// A project's rule for sending items to adjudication. An item is judged once it has
/// <see cref="ReadyAtLabels"/> completed annotations (null: the project's overlap); then every
/// choice and Likert question is checked on its own, and a question the rule disputes needs a
/// curator's decision. Questions it does not dispute can be accepted automatically.
/// </summary>
public sealed record DisagreementRule
{
    public static readonly DisagreementRule Default = new();

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public DisagreementRuleKind Kind { get; init; } = DisagreementRuleKind.AnyDisagreement;

    /// <summary>For <see cref="DisagreementRuleKind.MajorityBelow"/>: the share (0.5..1] the top label needs.</summary>
    public double MajorityShare { get; init; } = 2.0 / 3.0;

    /// <summary>For <see cref="DisagreementRuleKind.MinimumLabels"/>: how many labels must agree on the top label.</summary>
    public int MinimumAgreeing { get; init; } = 2;

    /// <summary>Completed annotations an item needs before it is judged; null means the project's overlap.</summary>
    public int? ReadyAtLabels { get; init; }

    /// <summary>Every problem of the rule, each naming its field; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!Enum.IsDefined(Kind))
        {
            errors.Add($"Kind: '{Kind}' is not a rule.");
        }
        if (Kind == DisagreementRuleKind.MajorityBelow && (double.IsNaN(MajorityShare) || MajorityShare <= 0.5 || MajorityShare > 1))
        {
            errors.Add($"Majority share: must be above 0.5 and at most 1, not {MajorityShare}.");
        }
        if (Kind == DisagreementRuleKind.MinimumLabels && MinimumAgreeing is < 1 or > 100)
        {
            errors.Add($"Minimum agreeing labels: must be 1..100, not {MinimumAgreeing}.");
        }
        if (ReadyAtLabels is < 1 or > 100)
        {
            errors.Add($"Ready at labels: must be 1..100, not {ReadyAtLabels}.");
        }
        return errors;
    }

    /// <summary>The number of completed annotations an item of a project with <paramref name="overlap"/> needs before it is judged.</summary>
    public int ReadyAt(int overlap) => ReadyAtLabels ?? overlap;

    /// <summary>Whether the labels of one question need a decision. Fewer than one label is never disputed.</summary>
    public bool Disputes(IReadOnlyCollection<string> labels)
    {
        if (labels.Count == 0)
        {
            return false;
        }
        var counts = labels.GroupBy(l => l, StringComparer.Ordinal).Select(g => g.Count()).OrderDescending().ToList();
        var top = counts[0];
        var tied = counts.Count > 1 && counts[1] == top;
        return Kind switch
        {
            DisagreementRuleKind.AnyDisagreement => counts.Count > 1,
            DisagreementRuleKind.MajorityBelow => tied || (double)top / labels.Count < MajorityShare - 1e-12,
            DisagreementRuleKind.MinimumLabels => tied || top < MinimumAgreeing,
            _ => true,
        };
    }

    /// <summary>A short description for the pages, e.g. "any disagreement".</summary>
    public string Describe()
    {
        var ready = ReadyAtLabels is { } n ? $", judged at {n} label(s)" : ", judged at the overlap";
        return Kind switch
        {
            DisagreementRuleKind.MajorityBelow => $"majority below {(MajorityShare * 100).ToString("0", CultureInfo.InvariantCulture)}%{ready}",
            DisagreementRuleKind.MinimumLabels => $"fewer than {MinimumAgreeing} agreeing labels{ready}",
            _ => "any disagreement" + ready,
        };
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The stored rule; an empty string is the default rule.</summary>
    /// <exception cref="ArgumentException">The JSON is not a valid rule.</exception>
    public static DisagreementRule FromJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return Default;
        }
        DisagreementRule? rule;
        try
        {
            rule = JsonSerializer.Deserialize<DisagreementRule>(json, Json);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"Disagreement rule: invalid JSON: {e.Message}", nameof(json), e);
        }
        if (rule is null)
        {
            return Default;
        }
        var errors = rule.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Disagreement rule: " + string.Join(" ", errors), nameof(json));
        }
        return rule;
    }
}
