namespace CryptoViz.Ingest.Lake;

/// <summary>A Parquet file put in place in the lake.</summary>
internal readonly record struct LakeFile(string Table, string Path, long Bytes);
