using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>
/// Memory settings for the services as <c>dotnet run --project CryptoViz.AppHost</c> starts them, in run mode only
/// (published images keep the defaults). Environment variables, since neither has a runtimeconfig.json knob.
/// Measured with the bench's <c>footprint</c> command (bench/README.md).
/// </summary>
public static class FootprintExtensions
{
    public static IResourceBuilder<ProjectResource> WithDevFootprint(this IResourceBuilder<ProjectResource> project)
    {
        if (!project.ApplicationBuilder.ExecutionContext.IsRunMode) return project;

        return project
            // glibc keeps up to 8 malloc arenas per core for native threads (librdkafka's, DuckDB's) with what each freed:
            // two kept ~40 MB less resident over the four services.
            .WithEnvironment("MALLOC_ARENA_MAX", "2")
            // The GC's smallest gen0 budget (hex bytes). Its default follows the L3 cache (~16 MB of a 32 MB L3) and is what
            // each service allocates between two collections: 2 MB costs a few more gen0 GCs at the development load.
            .WithEnvironment("DOTNET_GCgen0size", "0x200000");
    }
}
