using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;

namespace CryptoViz.Stream.Apis;

/// <summary>
/// One client's <c>/stream</c> session. Written by hand rather than with <c>TypedResults.ServerSentEvents</c>:
/// each update's frame is rendered once for all clients and copied here, and the headers are V2's exactly.
/// </summary>
public sealed class EventStreamResult : IResult
{
    /// <summary>
    /// Output buffered before a flush. With the transport's small write buffer (<see cref="StreamOptions.ClientWriteBufferSize"/>),
    /// a flush waits for the client once that much is unsent, so a client never holds more than the two, however
    /// much it is sent at once (a snapshot, a burst); a flush per slice rather than per event keeps system calls few.
    /// </summary>
    internal const int SliceBytes = 4096;

    private readonly ClientFilter _filter;
    private readonly string? _lastEventId;
    private readonly ClientPlace _place;
    private readonly StreamServices _services;

    // What the client is sent before live events, until it is sent: it can be the whole snapshot.
    private ClientRegistration? _registration;

    // Set by the heartbeat timer, which then rings the client's queue: read and cleared by the writer.
    private int _heartbeatDue;

    internal EventStreamResult(ClientFilter filter, string? lastEventId, ClientPlace place, StreamServices services)
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
        var client = Register();

        // An evicted client's writer may be stuck in a flush to a peer that reads nothing: only an abort frees it.
        using var abortOnEviction = client.Evicted.Register(static c => ((HttpContext)c!).Abort(), httpContext);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(
            httpContext.RequestAborted, _services.Lifetime.ApplicationStopping, client.Evicted);
        try
        {
            // Headers go out first, so that every write goes straight to the connection's pipe and under its back-pressure.
            await response.StartAsync(stop.Token);
            await RunAsync(response.BodyWriter, client, stop.Token);
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
            StreamLog.ClientLeft(_services.Logger, client.Id);
        }
    }

    /// <summary>Registers the client with the hub; no local of an async method holds the registration for the session.</summary>
    private StreamClient Register()
    {
        var registration = _services.Hub.Register(_filter, _lastEventId);
        _registration = registration;
        StreamLog.ClientConnected(_services.Logger, registration.Client.Id, _filter.ToString(), registration.Initial.Count, registration.Resumed);
        return registration.Client;
    }

    private async Task RunAsync(PipeWriter output, StreamClient client, CancellationToken stop)
    {
        var (options, time) = (_services.Options.Value, _services.Time);
        if (!await SendOpeningAsync(output, client, options, stop)) return;

        // One timer per session, re-armed only when it fires: re-arming a timer on every write costs a timer-queue lock per
        // write per client. When it fires, the heartbeat goes out only if nothing else did meanwhile. Stopping and the
        // timer ring the queue's doorbell, so the writer's wait takes no token (ClientQueue.WaitAsync).
        var lastWrite = time.GetTimestamp();
        using var heartbeat = time.CreateTimer(static s => HeartbeatDue(((EventStreamResult, ClientQueue))s!), (this, client.Queue),
            options.HeartbeatInterval, Timeout.InfiniteTimeSpan);
        using var wakeOnStop = stop.Register(static q => ((ClientQueue)q!).Ring(), client.Queue);
        while (await client.Queue.WaitAsync() && !stop.IsCancellationRequested)
        {
            var (gone, sent) = await SendAsync(output, client, client.Queue.TakeAll(), 0, stop);
            if (gone) return;
            // A wake-up that found nothing left to send does not count as a write.
            if (sent > 0) lastWrite = time.GetTimestamp();
            if (Interlocked.Exchange(ref _heartbeatDue, 0) == 0) continue;

            var quiet = time.GetElapsedTime(lastWrite);
            if (quiet >= options.HeartbeatInterval)
            {
                // Quiet for a heartbeat interval: the room its last burst took is given back.
                client.Queue.Shrink();
                WriteIdleEvent(output, client);
                if (!await FlushAsync(output, stop)) return;
                lastWrite = time.GetTimestamp();
                quiet = TimeSpan.Zero;
            }

            heartbeat.Change(options.HeartbeatInterval - quiet, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>
    /// The welcome (or the <c>retry:</c> line alone), why a <c>Last-Event-ID</c> was not resumed, then the replay or the
    /// snapshot. A method of its own so that nothing of the session holds the registration, and its snapshot, once sent.
    /// </summary>
    /// <returns>False once the client has gone.</returns>
    private async ValueTask<bool> SendOpeningAsync(PipeWriter output, StreamClient client, StreamOptions options, CancellationToken stop)
    {
        var registration = _registration!;
        _registration = null;
        var opening = _filter.WantsWelcome
            ? Envelopes.WriteWelcome(output, options.ReconnectDelay, client.Position, client.Id, _services.Time.GetUtcNow().UtcDateTime)
            : Envelopes.WriteRetry(output, options.ReconnectDelay);
        if (registration.NotResumed is { } failure) opening += Envelopes.WriteResumeFailure(output, failure);
        if ((await SendAsync(output, client, registration.Initial, opening, stop)).Gone) return false;
        // The snapshot is the latest of each key up to where the instance stood: all of it sent, the client stands there too.
        if (registration.SnapshotPosition is { } caughtUp) client.Reached(caughtUp);
        return true;
    }

    private static void HeartbeatDue((EventStreamResult Session, ClientQueue Queue) state)
    {
        Volatile.Write(ref state.Session._heartbeatDue, 1);
        state.Queue.Ring();
    }

    private void WriteIdleEvent(PipeWriter output, StreamClient client)
    {
        if (!_filter.WantsHeartbeats)
        {
            Envelopes.WriteKeepAlive(output);
            return;
        }

        var counters = _services.Hub.ReadCounters();
        Envelopes.WriteHeartbeat(output, client.Position, _services.Time.GetUtcNow().UtcDateTime,
            counters.ConnectedClients, counters.MessagesSent, _services.Consumer.StatusText);
    }

    /// <summary>
    /// Writes <paramref name="updates"/> (empty slots are replaced events) after the <paramref name="buffered"/> bytes
    /// already written, flushing each <see cref="SliceBytes"/> and at the end: under load a flush per event cost a write
    /// system call per event per client, the largest part of the fan-out's latency. Each frame goes with its own id while
    /// the client is in step; a resumed client that is not yet gets its own place instead (<see cref="StreamClient.Take"/>).
    /// </summary>
    private async ValueTask<(bool Gone, int Sent)> SendAsync(PipeWriter output, StreamClient client, IReadOnlyList<StreamEvent?> updates,
        int buffered, CancellationToken stop)
    {
        var (sent, unflushed) = (0, 0);
        for (var i = 0; i < updates.Count; i++)
        {
            if (updates[i] is not { } update || client.Take(update) is not { } id) continue;
            var frame = update.Frame.Span;
            if (!ReferenceEquals(id, update.Id))
            {
                Envelopes.WriteId(output, id);
                frame = frame[update.IdLineLength..];
            }

            output.Write(frame);
            (sent, unflushed, buffered) = (sent + 1, unflushed + 1, buffered + frame.Length);
            if (buffered < SliceBytes) continue;
            if (!await DeliverAsync(output, unflushed, stop)) return (true, sent);
            (unflushed, buffered) = (0, 0);
        }

        // Nothing left to flush: a wake-up whose events an earlier drain already took.
        return (buffered != 0 && !await DeliverAsync(output, unflushed, stop), sent);
    }

    private async ValueTask<bool> DeliverAsync(PipeWriter output, int count, CancellationToken stop)
    {
        if (!await FlushAsync(output, stop)) return false;
        if (count > 0) _services.Hub.Delivered(count);
        return true;
    }

    /// <returns>False once the client has gone.</returns>
    private static async ValueTask<bool> FlushAsync(PipeWriter output, CancellationToken stop)
    {
        var result = await output.FlushAsync(stop);
        return !result.IsCompleted && !result.IsCanceled;
    }
}
