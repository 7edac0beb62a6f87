namespace CryptoViz.Bench.Footprint;

/// <summary>What a process of the AppHost's tree is; only <see cref="Service"/> counts in the footprint.</summary>
internal enum ProcessRole
{
    /// <summary>A service's own process (the built apphost executable, or <c>dotnet CryptoViz.X.dll</c>).</summary>
    Service,

    /// <summary>The <c>dotnet run --project CryptoViz.X</c> that DCP starts and that starts the service as its child.</summary>
    ServiceWrapper,
    AppHost,

    /// <summary>The <c>dotnet run --project CryptoViz.AppHost</c> this command started.</summary>
    AppHostWrapper,
    Dcp,
    Dashboard,
    Other,
}
