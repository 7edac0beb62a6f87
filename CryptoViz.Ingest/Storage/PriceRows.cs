using CryptoViz.Contracts.Messaging;

namespace CryptoViz.Ingest.Storage;

/// <summary>
/// A batch of <c>crypto_prices</c> rows, held in columns. Under load a batch waits for the writer long enough for
/// several collections to pass; held as records, each of its rows (one object and five strings) was copied by every
/// one of them. In columns, with the strings the reader shares from record to record, the parsed records die young and
/// the columns are reused from batch to batch (<see cref="Clear"/>).
/// </summary>
public sealed class PriceRows
{
    private readonly List<string> _names = [];
    private readonly List<string> _symbols = [];
    private readonly List<double> _prices = [];
    private readonly List<double?> _changes = [];
    private readonly List<double> _marketCaps = [];
    private readonly List<string> _sources = [];
    private readonly List<DateTime> _timestamps = [];
    private readonly List<DateTime> _ingestionTimestamps = [];
    private readonly List<string> _producerIds = [];
    private readonly List<string> _schemaVersions = [];
    private readonly List<DateTime> _eventTimes = [];
    private readonly List<double?> _volumes = [];
    private readonly List<double?> _quoteVolumes = [];
    private readonly List<double?> _volumes24h = [];

    public int Count => _symbols.Count;

    public static PriceRows Of(IEnumerable<CryptoPrice> prices)
    {
        var rows = new PriceRows();
        foreach (var price in prices)
        {
            rows.Add(price);
        }

        return rows;
    }

    public void Add(CryptoPrice price)
    {
        _names.Add(price.Name);
        _symbols.Add(price.Symbol);
        _prices.Add(price.Price);
        _changes.Add(price.PercentChange24h);
        _marketCaps.Add(price.MarketCap);
        _sources.Add(price.Source);
        _timestamps.Add(price.Timestamp);
        _ingestionTimestamps.Add(price.IngestionTimestamp);
        _producerIds.Add(price.ProducerId);
        _schemaVersions.Add(price.SchemaVersion);
        _eventTimes.Add(price.EventTime);
        _volumes.Add(price.Volume);
        _quoteVolumes.Add(price.QuoteVolume);
        _volumes24h.Add(price.Volume24h);
    }

    public void Clear()
    {
        _names.Clear();
        _symbols.Clear();
        _prices.Clear();
        _changes.Clear();
        _marketCaps.Clear();
        _sources.Clear();
        _timestamps.Clear();
        _ingestionTimestamps.Clear();
        _producerIds.Clear();
        _schemaVersions.Clear();
        _eventTimes.Clear();
        _volumes.Clear();
        _quoteVolumes.Clear();
        _volumes24h.Clear();
    }

    internal string Symbol(int row) => _symbols[row];

    internal string Source(int row) => _sources[row];

    internal DateTime EventTime(int row) => _eventTimes[row];

    /// <summary>
    /// Appends the given rows, in the table's column order: <see cref="PriceSchema.Columns"/>, then <c>event_time</c>,
    /// <c>volume</c>, <c>quote_volume</c> and <c>volume_24h</c>.
    /// </summary>
    internal void AppendTo(DuckDB.NET.Data.DuckDBAppender appender, List<int> rows)
    {
        foreach (var i in rows)
        {
            var row = appender.CreateRow()
                .AppendValue(_names[i]).AppendValue(_symbols[i]).AppendValue(_prices[i]);
            row = _changes[i] is { } change ? row.AppendValue(change) : row.AppendNullValue();
            row = row.AppendValue(_marketCaps[i]).AppendValue(_sources[i])
                .AppendValue(_timestamps[i]).AppendValue(_ingestionTimestamps[i])
                .AppendValue(_producerIds[i]).AppendValue(_schemaVersions[i])
                .AppendValue(_eventTimes[i]);
            Nullable(Nullable(Nullable(row, _volumes[i]), _quoteVolumes[i]), _volumes24h[i]).EndRow();
        }
    }

    private static DuckDB.NET.Data.IDuckDBAppenderRow Nullable(DuckDB.NET.Data.IDuckDBAppenderRow row, double? value) =>
        value is { } number ? row.AppendValue(number) : row.AppendNullValue();
}
