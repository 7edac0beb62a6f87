using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using CryptoViz.ServiceDefaults.Resilience;
using Microsoft.Extensions.Options;

namespace CryptoViz.Scraper.Sources.Binance;

/// <summary>
/// Holds one WebSocket to Binance: subscribes to the tickers and klines, publishes what they bring, and reconnects with
/// exponential backoff and jitter (resubscribing) when the connection fails, closes or goes silent. Pings are
/// answered by the socket; our own keep-alive pings detect a dead peer.
/// </summary>
public sealed class BinanceStreamWorker(
    BinanceStreamSource source,
    SourceSupervisor supervisor,
    QuoteSink sink,
    ScraperTelemetry telemetry,
    IOptions<ScraperOptions> options,
    TimeProvider time,
    ILogger<BinanceStreamWorker> logger) : BackgroundService
{
    /// <summary>A ticker frame is under 1 kB; an array of every pair's mini ticker about 300 kB.</summary>
    private const int MaxFrameBytes = 1024 * 1024;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (supervisor.StateOf(source.Name) is not { } state)
        {
            ScraperLog.SourceDisabled(logger, source.Name, source.DisabledReason ?? "disabled");
            return;
        }

        var settings = source.Settings;
        var parser = new BinanceTickerParser(settings.QuoteAsset, options.Value.ProducerId);
        ScraperLog.StreamStarting(logger, source.Name, source.Endpoint, source.Streams.Count);
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            string reason;
            try
            {
                var delivered = await RunConnectionAsync(parser, state, settings, stoppingToken).ConfigureAwait(false);
                if (delivered) failures = 0;
                reason = "closed by the server";
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                reason = Describe(ex);
                state.Failed(reason, 0);
            }

            failures++;
            telemetry.StreamConnections.Add(1, new("source", source.Name), new("outcome", "ended"));
            var delay = Backoff(failures, settings);
            // Offline, every attempt fails: the first failure of a run is worth a warning, the retries are not.
            if (failures == 1) ScraperLog.StreamLost(logger, source.Name, reason, delay);
            else ScraperLog.StreamRetry(logger, source.Name, failures, reason, delay);
            try
            {
                await Task.Delay(delay, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <returns>Whether the connection delivered at least one valid quote.</returns>
    private async Task<bool> RunConnectionAsync(BinanceTickerParser parser, SourceState state, BinanceStreamOptions settings, CancellationToken stoppingToken)
    {
        using var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(20);
        socket.Options.KeepAliveTimeout = TimeSpan.FromSeconds(10);
        using (var connect = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
        {
            using var timeout = new CancellationTokenSource(settings.ConnectTimeout, time);
            using var _ = timeout.Token.Register(connect.Cancel);
            try
            {
                await socket.ConnectAsync(source.Endpoint, connect.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                throw new TimeoutException($"no connection within {settings.ConnectTimeout}");
            }
        }

        await SubscribeAsync(socket, stoppingToken).ConfigureAwait(false);
        telemetry.StreamConnections.Add(1, new("source", source.Name), new("outcome", "connected"));
        ScraperLog.StreamConnected(logger, source.Name, source.Streams.Count);

        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        var delivered = false;
        while (true)
        {
            var frame = await ReceiveFrameAsync(socket, buffer, settings.SilenceTimeout, stoppingToken).ConfigureAwait(false);
            if (frame is null) return delivered;
            delivered |= Handle(parser, state, frame.Value);
        }
    }

    private Task SubscribeAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        var request = JsonSerializer.SerializeToUtf8Bytes(new BinanceSubscribeRequest("SUBSCRIBE", source.Streams, 1),
            BinanceJsonContext.Default.BinanceSubscribeRequest);
        return socket.SendAsync(request, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
    }

    /// <returns>The next whole message, or null when the server closed the connection.</returns>
    private async Task<ReceivedFrame?> ReceiveFrameAsync(ClientWebSocket socket, ArrayBufferWriter<byte> buffer, TimeSpan silence, CancellationToken stoppingToken)
    {
        buffer.ResetWrittenCount();
        var oversized = false;
        using var receive = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using var timeout = new CancellationTokenSource(silence, time);
        using var _ = timeout.Token.Register(receive.Cancel);
        while (true)
        {
            ValueWebSocketReceiveResult result;
            try
            {
                result = await socket.ReceiveAsync(buffer.GetMemory(16 * 1024), receive.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                throw new TimeoutException($"no frame for {silence}");
            }

            if (result.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, stoppingToken).ConfigureAwait(false);
                return null;
            }

            buffer.Advance(result.Count);
            if (buffer.WrittenCount > MaxFrameBytes)
            {
                // Keep reading to the frame's end so the next one starts clean, but keep none of it.
                oversized = true;
                buffer.ResetWrittenCount();
            }

            if (result.EndOfMessage) return new ReceivedFrame(result.MessageType, oversized, buffer.WrittenMemory);
        }
    }

    /// <returns>Whether the frame brought a valid quote.</returns>
    private bool Handle(BinanceTickerParser parser, SourceState state, ReceivedFrame frame)
    {
        var parsed = frame switch
        {
            { Oversized: true } => BinanceFrame.Invalid($"frame over {MaxFrameBytes} bytes"),
            { Type: WebSocketMessageType.Binary } => BinanceFrame.Invalid("binary frame"),
            _ => parser.Parse(frame.Data, time.GetUtcNow().UtcDateTime),
        };
        telemetry.StreamMessages.Add(1, new("source", source.Name), new("kind", parsed.Kind.ToString()));
        switch (parsed.Kind)
        {
            case BinanceFrameKind.SubscriptionAck:
                return false;
            case BinanceFrameKind.Invalid or BinanceFrameKind.ServerError:
                telemetry.Rejected.Add(1, new("source", source.Name), new("reason", parsed.Kind == BinanceFrameKind.Invalid ? "invalid frame" : "server error"));
                ScraperLog.FrameRejected(logger, source.Name, parsed.Kind, parsed.Detail!);
                state.Failed(parsed.Detail!, 1);
                return false;
        }

        var (published, unchanged, rejected) = sink.Publish(source.Name, parsed.Fetch);
        if (published + unchanged == 0)
        {
            state.Failed("no valid quote in the frame", rejected);
            return false;
        }

        telemetry.LastSuccess.Record(time.GetUtcNow().ToUnixTimeSeconds(), new KeyValuePair<string, object?>("source", source.Name));
        state.Succeeded(time.GetUtcNow(), published, unchanged, rejected);
        return true;
    }

    private static TimeSpan Backoff(int failures, BinanceStreamOptions settings)
    {
        var capped = ExponentialBackoff.Delay(failures, settings.MinReconnectDelay, settings.MaxReconnectDelay);
        // Full jitter in the upper half: reconnecting clients spread out, and no wait is much shorter than planned.
        return capped * (0.5 + Random.Shared.NextDouble() / 2);
    }

    private static string Describe(Exception ex) => ex switch
    {
        WebSocketException ws => $"websocket: {ws.WebSocketErrorCode}: {ws.Message}",
        TimeoutException timeout => $"timeout: {timeout.Message}",
        _ => $"{ex.GetType().Name}: {ex.Message}",
    };

    private readonly record struct ReceivedFrame(WebSocketMessageType Type, bool Oversized, ReadOnlyMemory<byte> Data);
}
