using ValueAlign.Core.Inference;
using ValueAlign.Core.Inference.Backends;
using ValueAlign.Core.Inference.OpenAi;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Inference.OpenAi;

/// <summary>The server backend behind the model seam: a configured server by name, against the served /v1 on stories260K.</summary>
public sealed class OpenAiModelBackendTests
{
    [Fact]
    public async Task A_configured_server_resolves_to_its_fingerprint_and_capabilities_lists_its_models_and_refuses_changed_weights()
    {
        await using var host = await ServedApiHost.StartAsync();
        await using var backend = new OpenAiModelBackend(new OpenAiBackendOptions
        {
            Servers = [new ConfiguredServer { Name = "loopback", BaseUrl = host.V1.ToString(), ApiKey = host.ApiKey }],
        });
        var backends = new ModelBackends([backend]);
        var choice = ModelChoice.Parse("stories260K @ loopback");
        var resolved = await backends.ResolveAsync(choice);
        Assert.Equal(ModelRefKind.Server, resolved.Ref.Kind);
        Assert.StartsWith("sha256:", resolved.Ref.Fingerprint);
        Assert.True(resolved.Capabilities.HasFlag(ModelCapabilities.ContinuationLogLikelihood));
        Assert.DoesNotContain(host.ApiKey, resolved.Ref.Canonical);

        var model = await backends.AcquireAsync(choice, resolved.Ref);
        var local = await host.Host.RequireModel().ScoreContinuationAsync("Once upon a time", "there was");
        Assert.Equal(local.Sum, (await model.ScoreContinuationAsync("Once upon a time", "there was")).Sum, 1e-3);
        Assert.Equal([choice], await backend.ListAsync());

        var changed = resolved.Ref with { Fingerprint = "sha256:0000" };
        Assert.Contains("other weights", (await Assert.ThrowsAsync<ModelChoiceException>(() => backends.AcquireAsync(choice, changed))).Message);
        Assert.Contains("No server named 'gpu-box'", (await Assert.ThrowsAsync<ModelChoiceException>(() => backends.ResolveAsync(ModelChoice.Parse("m @ gpu-box")))).Message);
        Assert.Contains("does not serve", (await Assert.ThrowsAsync<ModelChoiceException>(() => backends.ResolveAsync(ModelChoice.Parse("llama-70b @ loopback")))).Message);
    }
}
