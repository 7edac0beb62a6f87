using Aspire.Hosting.ApplicationModel;

namespace CryptoViz.Hosting.Publishing.Model;

/// <summary>A <c>WaitFor</c> of the app model, kept for targets that can order start-up (compose's <c>depends_on</c>).</summary>
public sealed record PublishedDependency(string Name, WaitType WaitType);
