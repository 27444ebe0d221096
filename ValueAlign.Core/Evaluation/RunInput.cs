namespace ValueAlign.Core.Evaluation;

/// <summary>
/// What the model of a run saw, stated in the run header. The fact comes from the run:
/// <see cref="EvalRun.TextOnly"/> is set when the run's items carry images or audio that the model
/// was not given (the runtime saw their text alone). A run whose items carry media and that is
/// not text-only showed the model the images.
/// </summary>
public static class RunInput
{
    public const string TextOnlyMediaHidden = "text only: images and audio were not shown to the model";
    public const string TextAndImage = "text + image";
    public const string Text = "text";

    /// <summary>The reason image-dependent metrics of a text-only run are not measured.</summary>
    public const string NoImagesSeen = "the model did not see images";

    public static string Describe(bool textOnly, bool itemsHaveMedia) =>
        textOnly ? TextOnlyMediaHidden : itemsHaveMedia ? TextAndImage : Text;
}
