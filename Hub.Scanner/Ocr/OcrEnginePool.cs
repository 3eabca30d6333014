using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Hub.Scanner.Ocr;

/// <summary>
/// <see cref="OcrOptions.Engines"/> Tesseract engines, each used by one caller at a time (a TessBaseAPI is not thread-safe,
/// and two engines on 2 cores read 98 ms/image against 203 ms for one). Engines are made by <see cref="WarmUp"/> at start,
/// or on first need; a caller waits while all are in use.
/// </summary>
internal sealed partial class OcrEnginePool(IOptions<OcrOptions> options, ILogger<OcrEnginePool> logger) : IDisposable
{
    private readonly int size = options.Value.Engines;
    private readonly ConcurrentStack<TesseractEngine> idle = new();
    private readonly SemaphoreSlim available = new(options.Value.Engines, options.Value.Engines);
    private readonly Lock gate = new();
    private readonly List<TesseractEngine> all = [];
    private bool disposed;

    public int Size => size;

    /// <summary>Engines started so far (at most <see cref="Size"/>).</summary>
    public int Started
    {
        get
        {
            lock (gate)
            {
                return all.Count;
            }
        }
    }

    /// <summary>Starts every engine that is not started yet (about 100 ms each); throws when Tesseract is missing.</summary>
    public void WarmUp()
    {
        var started = 0;
        while (TryStartOne())
        {
            started++;
        }

        Log.PoolStarted(logger, size, started);
    }

    /// <summary>An engine for one caller; dispose the lease to give it back.</summary>
    public Lease Rent(CancellationToken cancellationToken)
    {
        available.Wait(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (idle.TryPop(out var engine))
            {
                return new Lease(this, engine);
            }

            // No idle engine while holding a slot: fewer than Size engines exist, so start one (under the gate, so that
            // WarmUp cannot start one at the same time and exceed Size).
            TesseractEngine created;
            lock (gate)
            {
                ObjectDisposedException.ThrowIf(disposed, this);
                if (idle.TryPop(out var pushed))
                {
                    return new Lease(this, pushed);
                }

                created = TesseractEngine.Create();
                all.Add(created);
                Log.EngineStarted(logger, all.Count);
            }

            return new Lease(this, created);
        }
        catch
        {
            available.Release();
            throw;
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            foreach (var engine in all)
            {
                // A SafeHandle inside: an engine still in use is released only after its current native call returns.
                engine.Dispose();
            }
        }
    }

    private bool TryStartOne()
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (all.Count >= size)
            {
                return false;
            }

            var engine = TesseractEngine.Create();
            all.Add(engine);
            idle.Push(engine);
            Log.EngineStarted(logger, all.Count);
            return true;
        }
    }

    private void Return(TesseractEngine engine)
    {
        idle.Push(engine);
        available.Release();
    }

    /// <summary>One rented engine; <see cref="Dispose"/> returns it to the pool once.</summary>
    public struct Lease(OcrEnginePool pool, TesseractEngine engine) : IDisposable
    {
        private TesseractEngine? engine = engine;

        public readonly TesseractEngine Engine => engine ?? throw new ObjectDisposedException(nameof(Lease));

        public void Dispose()
        {
            if (engine is { } rented)
            {
                engine = null;
                pool.Return(rented);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = Diagnostics.EventIds.OcrPoolStarted, EventName = nameof(Diagnostics.EventIds.OcrPoolStarted), Level = LogLevel.Information,
            Message = "OCR engine pool ready: {Engines} engines ({Started} started now).")]
        public static partial void PoolStarted(ILogger logger, int engines, int started);

        [LoggerMessage(EventId = Diagnostics.EventIds.OcrEngineStarted, EventName = nameof(Diagnostics.EventIds.OcrEngineStarted), Level = LogLevel.Debug,
            Message = "OCR engine {Engine} started.")]
        public static partial void EngineStarted(ILogger logger, int engine);
    }
}
