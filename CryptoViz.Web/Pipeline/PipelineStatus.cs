using CryptoViz.Contracts.Messaging;
using CryptoViz.Web.Clients;
using CryptoViz.Contracts.Apis;

namespace CryptoViz.Web.Pipeline;

/// <summary>One poll of every service; a null part means that service could not be asked.</summary>
public sealed record PipelineStatus(
    DateTimeOffset At,
    IReadOnlyList<ServiceHealth> Services,
    StreamStats? Stream,
    StreamHealth? StreamHealth,
    StoreStats? Store,
    IReadOnlyList<CoinSummary>? Coins,
    BackfillStatus? Backfill);
