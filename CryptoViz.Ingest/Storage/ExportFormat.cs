namespace CryptoViz.Ingest.Storage;

public enum ExportFormat
{
    Csv,
    Parquet,
}
