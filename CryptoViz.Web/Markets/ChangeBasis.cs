namespace CryptoViz.Web.Markets;

/// <summary>Where a change figure comes from.</summary>
public enum ChangeBasis
{
    /// <summary>Nowhere: too little history, and the source gives none.</summary>
    None,

    /// <summary>The live price against the close Ingest stored back then.</summary>
    History,

    /// <summary>The source's own figure, because Ingest's history is shorter than the change's window.</summary>
    Provider,
}
