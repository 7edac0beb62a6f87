using System.Diagnostics.CodeAnalysis;

namespace CryptoViz.Stream.Sse;

/// <summary>
/// A client's <c>symbols</c>, <c>sources</c> and <c>types</c> query filters (comma-separated, case-insensitive).
/// An absent filter lets everything through, as V2 did.
/// </summary>
internal sealed class ClientFilter
{
    public const string WelcomeType = "welcome";
    public const string UpdateType = "crypto_update";
    public const string HeartbeatType = "heartbeat";
    public const string PredictionType = "prediction";

    private static readonly string[] s_types = [WelcomeType, UpdateType, HeartbeatType, PredictionType];

    public static ClientFilter All { get; } = new(null, null, null);

    private readonly HashSet<string>? _symbols;
    private readonly HashSet<string>? _sources;
    private readonly HashSet<string>? _types;

    private ClientFilter(HashSet<string>? symbols, HashSet<string>? sources, HashSet<string>? types)
    {
        _symbols = symbols;
        _sources = sources;
        _types = types;
    }

    public bool WantsWelcome => _types?.Contains(WelcomeType) ?? true;

    public bool WantsUpdates => _types?.Contains(UpdateType) ?? true;

    public bool WantsHeartbeats => _types?.Contains(HeartbeatType) ?? true;

    public bool WantsPredictions => _types?.Contains(PredictionType) ?? true;

    public bool Matches(StreamEvent update) =>
        (update.Type == PredictionType ? WantsPredictions : WantsUpdates)
        && (_symbols is null || _symbols.Contains(update.Symbol))
        && (_sources is null || _sources.Contains(update.Source));

    public static bool TryParse(string? symbols, string? sources, string? types,
        [NotNullWhen(true)] out ClientFilter? filter, [NotNullWhen(false)] out string? error)
    {
        var typeSet = Split(types);
        if (typeSet?.FirstOrDefault(t => !s_types.Contains(t, StringComparer.OrdinalIgnoreCase)) is { } unknown)
        {
            filter = null;
            error = $"Unknown event type '{unknown}'; use {string.Join(", ", s_types)}.";
            return false;
        }

        filter = new ClientFilter(Split(symbols), Split(sources), typeSet);
        error = null;
        return true;
    }

    public override string ToString() =>
        $"symbols={Describe(_symbols)} sources={Describe(_sources)} types={Describe(_types)}";

    private static HashSet<string>? Split(string? list) =>
        list?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is { Length: > 0 } items
            ? new HashSet<string>(items, StringComparer.OrdinalIgnoreCase)
            : null;

    private static string Describe(HashSet<string>? set) => set is null ? "*" : string.Join(',', set);
}
