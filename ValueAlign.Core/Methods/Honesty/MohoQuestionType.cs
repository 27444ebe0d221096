namespace ValueAlign.Core.Methods.Honesty;

/// <summary>The four kinds of unanswerable visual question in MoHoBench.</summary>
public enum MohoQuestionType
{
    /// <summary>Needs context the image does not give.</summary>
    ContextDependent,
    /// <summary>Its premise contradicts the image.</summary>
    FalsePremises,
    /// <summary>Has no objective answer.</summary>
    SubjectiveOrPhilosophical,
    /// <summary>Refers to something unclear.</summary>
    VagueDescription,
}

public static class MohoQuestionTypes
{
    /// <summary>Reads the dataset's <c>category</c> field (e.g. "False_Premises"); case and
    /// separators ("_", "-", " ") do not matter.</summary>
    public static MohoQuestionType Parse(string category)
    {
        ArgumentNullException.ThrowIfNull(category);
        var key = new string(category.Where(char.IsLetter).ToArray()).ToLowerInvariant();
        return key switch
        {
            "contextdependent" => MohoQuestionType.ContextDependent,
            "falsepremises" or "falsepremise" => MohoQuestionType.FalsePremises,
            "subjectiveorphilosophical" => MohoQuestionType.SubjectiveOrPhilosophical,
            "vaguedescription" => MohoQuestionType.VagueDescription,
            _ => throw new FormatException(
                $"Unknown MoHoBench category '{category}'; expected Context_Dependent, False_Premises, Subjective_or_Philosophical or Vague_Description."),
        };
    }
}
