using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace CryptoViz.Stream.Apis;

/// <summary>
/// One client's <c>/stream</c> session. Written by hand rather than with <c>TypedResults.ServerSentEvents</c>:
/// each update's frame is rendered once for all clients and copied here, and the headers are V2's exactly.
/// </summary>
public sealed class EventStreamResult : IResult
{
    private readonly ClientFilter _filter;
    private readonly long? _lastEventId;
    private readonly ClientPlace _place;
    private readonly StreamServices _services;

    internal EventStreamResult(ClientFilter filter, long? lastEventId, ClientPlace place, StreamServices services)
    {
        _filter = filter;
        _lastEventId = lastEventId;
        _place = place;
        _services = services;
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        httpContext.Features.GetRequiredFeature<IHttpResponseBodyFeature>().DisableBuffering();

        var hub = _services.Hub;
        var registration = hub.Register(_filter, _lastEventId);
        var client = registration.Client;
        StreamTrace.ClientConnected(_services.Logger, client.Id, _filter.ToString(), registration.Initial.Count, registration.Resumed);

        // An evicted client's writer may be stuck in a flush to a peer that reads nothing: only an abort frees it.
        using var abortOnEviction = client.Evicted.Register(static c => ((HttpContext)c!).Abort(), httpContext);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(
            httpContext.RequestAborted, _services.Lifetime.ApplicationStopping, client.Evicted);
        try
        {
            await RunAsync(response.BodyWriter, registration, stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The client left, was evicted, or the server is stopping.
        }
        catch (IOException)
        {
            // The connection broke mid-write.
        }
        finally
        {
            // Freed before the client leaves the count: whoever sees the count drop finds the place free.
            _place.Dispose();
            hub.Unregister(client);
            StreamTrace.ClientLeft(_services.Logger, client.Id);
        }
    }

    private async Task RunAsync(PipeWriter output, ClientRegistration registration, CancellationToken stop)
    {
        var (options, time) = (_services.Options.Value, _services.Time);
        var client = registration.Client;
        using var json = new Utf8JsonWriter(output);

        if (_filter.WantsWelcome)
        {
            Envelopes.WriteWelcome(output, json, options.ReconnectDelay, client.Position, client.Id, time.GetUtcNow().UtcDateTime);
        }
        else
        {
            Envelopes.WriteRetry(output, options.ReconnectDelay);
        }

        foreach (var update in registration.Initial)
        {
            output.Write(update.Frame.Span);
        }

        if (!await DeliverAsync(output, client, registration.Initial.LastOrDefault(), registration.Initial.Count, stop)) return;

        // One timer and one linked token per quiet period, not per write: re-arming a timer on every write costs a
        // timer-queue lock per write per client. When it fires, the heartbeat goes out only if nothing else did meanwhile.
        var lastWrite = time.GetTimestamp();
        var idle = new CancellationTokenSource(options.HeartbeatInterval, time);
        var wait = CancellationTokenSource.CreateLinkedTokenSource(stop, idle.Token);
        try
        {
            while (true)
            {
                try
                {
                    if (!await client.Queue.WaitAsync(wait.Token)) return;
                }
                catch (OperationCanceledException) when (!stop.IsCancellationRequested)
                {
                    var quiet = time.GetElapsedTime(lastWrite);
                    if (quiet >= options.HeartbeatInterval)
                    {
                        WriteIdleEvent(output, json, client);
                        if (!await FlushAsync(output, stop)) return;
                        lastWrite = time.GetTimestamp();
                        quiet = TimeSpan.Zero;
                    }

                    wait.Dispose();
                    idle.Dispose();
                    idle = new CancellationTokenSource(options.HeartbeatInterval - quiet, time);
                    wait = CancellationTokenSource.CreateLinkedTokenSource(stop, idle.Token);
                    continue;
                }

                var position = client.Position;
                if (!await SendPendingAsync(output, client, stop)) return;
                // A wake-up that found nothing left to send does not count as a write.
                if (client.Position != position) lastWrite = time.GetTimestamp();
            }
        }
        finally
        {
            wait.Dispose();
            idle.Dispose();
        }
    }

    private void WriteIdleEvent(PipeWriter output, Utf8JsonWriter json, StreamClient client)
    {
        if (!_filter.WantsHeartbeats)
        {
            Envelopes.WriteKeepAlive(output);
            return;
        }

        var counters = _services.Hub.ReadCounters();
        Envelopes.WriteHeartbeat(output, json, client.Position, _services.Time.GetUtcNow().UtcDateTime,
            counters.ConnectedClients, counters.MessagesSent, _services.Consumer.StatusText);
    }

    /// <summary>
    /// Writes everything the client has pending and flushes once: under load a flush per event costs a write
    /// system call per event per client, the largest part of the fan-out's latency.
    /// </summary>
    private async ValueTask<bool> SendPendingAsync(PipeWriter output, StreamClient client, CancellationToken stop)
    {
        StreamEvent? last = null;
        var count = 0;
        foreach (var update in client.Queue.TakeAll())
        {
            if (update is null) continue;
            output.Write(update.Frame.Span);
            last = update;
            count++;
        }

        // A wake-up whose events an earlier drain already took.
        if (count == 0) return true;
        return await DeliverAsync(output, client, last, count, stop);
    }

    private async ValueTask<bool> DeliverAsync(PipeWriter output, StreamClient client, StreamEvent? last, int count, CancellationToken stop)
    {
        if (!await FlushAsync(output, stop)) return false;
        if (last is not null) _services.Hub.Delivered(client, last, count);
        return true;
    }

    /// <returns>False once the client has gone.</returns>
    private static async ValueTask<bool> FlushAsync(PipeWriter output, CancellationToken stop)
    {
        var result = await output.FlushAsync(stop);
        return !result.IsCompleted && !result.IsCanceled;
    }
}
