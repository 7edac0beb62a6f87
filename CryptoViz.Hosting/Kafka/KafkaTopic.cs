namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// A topic the app model declares, created before any dependent starts; <c>WithTopics</c> keeps it on the broker's
/// resource as an annotation.
/// </summary>
public sealed record KafkaTopic(string Name, int Partitions) : IResourceAnnotation;
