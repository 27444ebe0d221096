using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ValueAlign.Core.Inference.Registry;
using ValueAlign.Tests.Support;
using ValueAlign.Web.Hosting;

namespace ValueAlign.Tests.Inference.Registry;

public class ModelRegistryRegistrationTests
{
    [Fact]
    public void Core_registration_shares_one_registry_over_the_configured_models_folder()
    {
        using var dir = new TempDirectory();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Paths:Models"] = "my-models",
                ["Paths:Data"] = Path.Combine(RepositoryRoot.Path, "data"),
            })
            .Build();
        var paths = WorkbenchPaths.From(dir.Path, configuration);
        using var provider = new ServiceCollection().AddWorkbenchCore(configuration, paths).BuildServiceProvider();

        var registry = provider.GetRequiredService<ModelRegistry>();

        Assert.Same(registry, provider.GetRequiredService<ModelRegistry>());
        Assert.Equal(Path.Combine(dir.Path, "my-models"), registry.ModelsRoot);
    }
}
