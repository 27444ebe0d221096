using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ValueAlign.Core.Values;
using ValueAlign.Tests.Support;
using ValueAlign.Tests.Values;
using ValueAlign.Web.Hosting;

namespace ValueAlign.Tests.Web.Hosting;

/// <summary>The web host and the verbs get the catalogue from AddWorkbenchCore, loaded from DataFolder/value-systems.</summary>
public class ValueSystemRegistrationTests
{
    private static WorkbenchPaths PathsWithData(string root, string data) =>
        new(root, data, Path.Combine(root, "models"), Path.Combine(data, "media"), Path.Combine(root, "wwwroot-assets"), Path.Combine(data, "keys"));

    [Fact]
    public void Core_registration_provides_the_shipped_catalogue_as_a_singleton()
    {
        var services = new ServiceCollection();
        var root = RepositoryRoot.Path;
        services.AddWorkbenchCore(new ConfigurationBuilder().Build(), PathsWithData(root, Path.Combine(root, "data")));
        using var provider = services.BuildServiceProvider();

        var catalog = provider.GetRequiredService<ValueSystemCatalog>();

        Assert.Same(catalog, provider.GetRequiredService<ValueSystemCatalog>());
        Assert.Equal(ValueSystemFiles.Shipped.All.Select(s => s.Id), catalog.All.Select(s => s.Id));
        Assert.Equal(Path.Combine(root, "data", "value-systems"), catalog.Folder);
    }

    [Fact]
    public void An_invalid_file_stops_registration_with_the_loader_message()
    {
        using var dir = new TempDirectory();
        var folder = Directory.CreateDirectory(Path.Combine(dir.Path, "data", "value-systems")).FullName;
        var doc = ValueSystemFiles.ValidCircular();
        doc["dimensions"]![1]!["angle"] = 720;
        File.WriteAllText(Path.Combine(folder, "tiny.json"), doc.ToJsonString());
        var services = new ServiceCollection();

        var error = Assert.Throws<ValueSystemFileException>(() =>
            services.AddWorkbenchCore(new ConfigurationBuilder().Build(), PathsWithData(dir.Path, Path.Combine(dir.Path, "data"))));

        Assert.Equal(Path.Combine(folder, "tiny.json"), error.File);
        Assert.Equal("dimensions[1] (east).angle", error.Field);
    }
}
