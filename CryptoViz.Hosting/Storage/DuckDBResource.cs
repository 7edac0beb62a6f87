namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// Ingest's DuckDB file, in the shape of the Community Toolkit's DuckDB hosting integration:
/// <c>ConnectionStrings__duckdb=DataSource=&lt;dir&gt;/&lt;file&gt;</c>.
/// </summary>
public sealed class DuckDBResource(string name, string databasePath) : Resource(name), IResourceWithConnectionString
{
    public string DatabasePath { get; } = databasePath;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"DataSource={DatabasePath}");
}
