using CryptoViz.Hosting.Publishing;

namespace CryptoViz.Tests.Hosting.Publish;

/// <summary>
/// The images the outputs reference are the ones <c>dotnet publish /t:PublishContainer</c> builds: checked on the
/// evaluated MSBuild properties, since no registry (nor container runtime) is reachable here.
/// </summary>
public sealed class ContainerImageTests
{
    [Theory]
    [InlineData("CryptoViz.Scraper", "scraper")]
    [InlineData("CryptoViz.Ingest", "ingest")]
    [InlineData("CryptoViz.Stream", "stream")]
    [InlineData("CryptoViz.Web", "web")]
    public async Task Each_service_builds_the_image_the_outputs_reference(string project, string resource)
    {
        var (exitCode, output, error) = await CommandLine.RunAsync("dotnet",
            ["msbuild", $"{project}/{project}.csproj", "-getProperty:ContainerRepository", "-getProperty:ContainerImageTag"],
            RepositoryRoot.Path, TestContext.Current.CancellationToken);

        Assert.True(exitCode == 0, error);
        using var properties = System.Text.Json.JsonDocument.Parse(output);
        var values = properties.RootElement.GetProperty("Properties");
        var image = $"{values.GetProperty("ContainerRepository").GetString()}:{values.GetProperty("ContainerImageTag").GetString()}";
        Assert.Equal(ProjectImages.For(resource), image);
    }
}
