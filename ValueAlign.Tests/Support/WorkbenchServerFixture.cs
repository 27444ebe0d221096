namespace ValueAlign.Tests.Support;

/// <summary>One running workbench shared by the tests of a class.</summary>
public sealed class WorkbenchServerFixture : IAsyncLifetime
{
    public WorkbenchServer Server { get; private set; } = default!;

    public async Task InitializeAsync() => Server = await WorkbenchServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
