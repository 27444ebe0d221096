using System.CommandLine;

namespace ValueAlign.Web.Cli;

/// <summary>The headless verbs of the one executable. Each verb lives in its own file.</summary>
public static class WorkbenchCli
{
    private static readonly string[] HelpFlags = ["--help", "-h", "-?", "--version"];

    public static RootCommand BuildRootCommand()
    {
        var root = new RootCommand(
            "ValueAlign workbench. With no arguments it serves the web app (see appsettings.json); with a verb it runs headless.");
        root.Subcommands.Add(UsersCommand.Create());
        root.Subcommands.Add(MigrateCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(AgreementCommand.Create());
        root.Subcommands.Add(ImportCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(PresetsCommand.Create());
        root.Subcommands.Add(CounterfactualCommand.Create());
        root.Subcommands.Add(EvalCommand.Create());
        root.Subcommands.Add(PreferenceDataCommand.Create());
        root.Subcommands.Add(OptimiseCommand.Create());
        return root;
    }

    public static bool IsCliInvocation(string[] args)
    {
        if (args.Length == 0)
        {
            return false;
        }
        // The web host takes only options (--urls ...) and Key=Value settings; any other first word
        // is a verb, and a mistyped one ("evl") gets the usage error and a non-zero exit instead of
        // silently starting the web server.
        return HelpFlags.Contains(args[0]) || (!args[0].StartsWith('-') && !args[0].Contains('='));
    }

    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null, TextReader? input = null)
    {
        var console = new CliConsole(output ?? Console.Out, error ?? Console.Error, input ?? Console.In);
        CliConsole.Current = console;
        // No response files: "@FILE" is an argument the verbs read themselves (eval --system-prompt @FILE).
        var parse = BuildRootCommand().Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        return await parse.InvokeAsync(new InvocationConfiguration { Output = console.Out, Error = console.Error });
    }
}
