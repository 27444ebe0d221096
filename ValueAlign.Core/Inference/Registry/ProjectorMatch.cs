namespace ValueAlign.Core.Inference.Registry;

/// <summary>How a model's projector was found (or ruled out).</summary>
public enum ProjectorRule
{
    /// <summary><c>Models:Projectors</c> names it.</summary>
    Explicit,

    /// <summary><c>mmproj-&lt;model name&gt;.gguf</c> beside the model.</summary>
    ExactName,

    /// <summary><c>mmproj-&lt;prefix of the model name&gt;[-&lt;precision&gt;].gguf</c> beside the model.</summary>
    NamePrefix,
}

/// <summary>A model's multimodal projector file and the rule that paired them.</summary>
public sealed record ProjectorMatch(string Path, ProjectorRule Rule)
{
    public string FileName => System.IO.Path.GetFileName(Path);

    public string RuleText => Rule switch
    {
        ProjectorRule.Explicit => "Models:Projectors setting",
        ProjectorRule.ExactName => "same name with mmproj- prefix",
        _ => "mmproj- name is a prefix of the model's name",
    };
}
