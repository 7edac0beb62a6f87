using Aspire.Hosting.ApplicationModel;

namespace CryptoViz.Hosting.Publishing;

/// <summary>
/// A resource whose external endpoints are for its users (Web, Stream) rather than for the operator (the broker, its
/// console, the dashboard): compose binds the two kinds to addresses of their own, so that opening the public faces to
/// the LAN opens nothing else, as <c>--lan</c> does in run mode.
/// </summary>
public sealed class PublicFaceAnnotation : IResourceAnnotation;
