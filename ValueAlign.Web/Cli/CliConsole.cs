namespace ValueAlign.Web.Cli;

/// <summary>The streams a verb reads and writes; swapped for string writers in tests.</summary>
public sealed class CliConsole(TextWriter output, TextWriter error, TextReader input)
{
    private static readonly AsyncLocal<CliConsole?> Ambient = new();

    public static CliConsole Current
    {
        get => Ambient.Value ?? new CliConsole(Console.Out, Console.Error, Console.In);
        set => Ambient.Value = value;
    }

    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    public TextReader In { get; } = input;
}
